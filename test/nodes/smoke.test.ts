import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { linearWorkflow, runWorkflow } from '../harness';

test('harness runs the Glomo node through WorkflowExecute', async () => {
	const seen: string[] = [];
	const server = createServer((req, res) => {
		seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ available: [{ currency: 'USD', amount: 12345 }], pending: [] }));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as AddressInfo).port;
	const result = await runWorkflow({
		...linearWorkflow({ parameters: { resource: 'balance', operation: 'getAll' } }),
		credentials: { secretKey: 'plain-key-123', baseUrl: `http://127.0.0.1:${port}` },
	});
	server.closeAllConnections();
	server.close();
	expect(result.error).toBeUndefined();
	expect(seen).toEqual(['GET /api/v1/balances Bearer plain-key-123']);
	expect(result.json('Glomo')).toEqual([
		{ currency: 'USD', available: 12345, pending: 0, available_decimal: 123.45, pending_decimal: 0 },
	]);
});
