/**
 * Benchmarks of the package's shared machinery through n8n's real engine against the local
 * sandbox, with the built package from dist/. Prints a table; asserts nothing (targets are read
 * by people, not by tests). Usage: npm run bench
 */
process.env.GLOMO_FROM_DIST = '1';

import { linearWorkflow, runWorkflow, shutdownN8nServices } from '../harness';
import { startSandbox, type Sandbox } from '../sandbox';

interface Row {
	scenario: string;
	requests: number;
	items: number;
	seconds: number;
	perSecond: string;
	heapMb: string;
	note: string;
}

async function measure(
	sandbox: Sandbox,
	scenario: string,
	run: () => Promise<{ items: number; note?: string }>,
): Promise<Row> {
	global.gc?.();
	sandbox.clearRequests();
	const heapBefore = process.memoryUsage().heapUsed;
	const start = process.hrtime.bigint();
	const { items, note } = await run();
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	const heapAfter = process.memoryUsage().heapUsed;
	return {
		scenario,
		requests: sandbox.requests.length,
		items,
		seconds: Number(seconds.toFixed(2)),
		perSecond: (items / seconds).toFixed(0),
		heapMb: ((heapAfter - heapBefore) / 1024 / 1024).toFixed(1),
		note: note ?? '',
	};
}

async function main() {
	const sandbox = await startSandbox({ seed: 42 });
	const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
	const CUSTOMERS = 10_000;
	for (let n = 0; n < CUSTOMERS; n++) {
		sandbox.insert('customer', { name: `Bench ${n}`, customer_type: 'business', email: `b${n}@example.com`, country: 'USA' });
	}
	const rows: Row[] = [];

	rows.push(
		await measure(sandbox, `Customer: Get Many, Return All (${CUSTOMERS})`, async () => {
			const result = await runWorkflow({
				...linearWorkflow({ parameters: { resource: 'customer', operation: 'getAll', returnAll: true } }),
				credentials,
			});
			if (result.error) throw result.error;
			return { items: result.json('Glomo').length, note: `${new Set(result.json('Glomo').map((c) => c.id)).size} distinct ids` };
		}),
	);

	const ITEMS = 300;
	rows.push(
		await measure(sandbox, `Balance: Get Many, ${ITEMS} input items`, async () => {
			const result = await runWorkflow({
				...linearWorkflow({ parameters: { resource: 'balance', operation: 'getAll', output: 'raw' } }, Array.from({ length: ITEMS }, () => ({}))),
				credentials,
			});
			if (result.error) throw result.error;
			return { items: result.json('Glomo').length };
		}),
	);

	sandbox.setFaults({ rate429: 0.3 });
	rows.push(
		await measure(sandbox, `Balance: Get Many, 100 items, 30% of answers 429`, async () => {
			const result = await runWorkflow({
				...linearWorkflow(
					{ parameters: { resource: 'balance', operation: 'getAll', output: 'raw' }, continueOnFail: true },
					Array.from({ length: 100 }, () => ({})),
				),
				credentials,
			});
			const failed = result.json('Glomo').filter((item) => item.error).length;
			return { items: result.json('Glomo').length, note: `${failed} failed after 5 attempts; ${sandbox.requests.length - 100} retries` };
		}),
	);
	sandbox.resetFaults();

	sandbox.setFaults({ latencyMs: 50 });
	rows.push(
		await measure(sandbox, 'Customer: Get Many, Return All, 50 ms per answer', async () => {
			const result = await runWorkflow({
				...linearWorkflow({ parameters: { resource: 'customer', operation: 'getAll', returnAll: true } }),
				credentials,
			});
			return { items: result.json('Glomo').length };
		}),
	);

	await sandbox.close();
	await shutdownN8nServices();
	console.log(`\nGlomo node benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
	console.table(rows);
}

main().catch((error: Error) => {
	console.error(`Benchmark failed: ${error.message}`);
	process.exit(1);
});
