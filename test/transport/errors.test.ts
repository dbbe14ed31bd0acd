import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { glomoUrl } from '../../nodes/Glomo/transport';
import { linearWorkflow, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { probe } from './helpers';

const sandbox = useSandbox({ seed: 3 });
let fake: Server;
let fakeUrl: string;
/** what the fake Glomo answers next: [status, raw body, content-type] */
let nextAnswer: [number, string, string] = [200, '{}', 'application/json'];

beforeAll(async () => {
	fake = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const [status, body, type] = nextAnswer;
			res.writeHead(status, { 'content-type': type });
			res.end(body.replace('{{auth}}', String(req.headers.authorization)));
		});
	});
	await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
	fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
	fake.closeAllConnections();
	await new Promise((resolve) => fake.close(resolve));
});

describe('URLs', () => {
	test.each([
		['https://api.glomopay.com', '/customer', 'https://api.glomopay.com/api/v1/customer'],
		['https://api.glomopay.com/', '/balances', 'https://api.glomopay.com/api/v1/balances'],
		['https://api.glomopay.com/api/v1', '/balances', 'https://api.glomopay.com/api/v1/balances'],
		['https://api.glomopay.com/api/v1/', 'customer/cust_1', 'https://api.glomopay.com/api/v1/customer/cust_1'],
		['https://api.glomopay.com', '/v2/beneficiaries', 'https://api.glomopay.com/api/v2/beneficiaries'],
		['https://api.glomopay.com/api/v1', '/v2/virtual-accounts', 'https://api.glomopay.com/api/v2/virtual-accounts'],
		['https://proxy.example/glomo/api', '/v2/beneficiaries/bene_1', 'https://proxy.example/glomo/api/v2/beneficiaries/bene_1'],
		['  https://api.glomopay.com//  ', '//customer', 'https://api.glomopay.com/api/v1/customer'],
		['https://api.glomopay.com/api/v12', '/v12/things', 'https://api.glomopay.com/api/v12/things'],
		['https://api.glomopay.com', '/customer/v2/notes', 'https://api.glomopay.com/api/v1/customer/v2/notes'],
		['https://api.glomopay.com/api/v2x', '/balances', 'https://api.glomopay.com/api/v2x/api/v1/balances'],
	])('%s + %s', (base, path, url) => {
		expect(glomoUrl(base, path)).toBe(url);
	});

	test('a v2 path reaches /api/v2 on the sandbox, not /api/v1/v2', async () => {
		await probe({ secretKey: sandbox.secretKey, baseUrl: `${sandbox.url}/api/v1/` }, { method: 'GET', path: '/v2/beneficiaries' }, { continueOnFail: true });
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/api/v2/beneficiaries']);
	});
});

describe('Glomo error bodies become NodeApiErrors', () => {
	const long = 'x'.repeat(600);
	const cases: Array<[string, [number, string, string], string, string, string | undefined]> = [
		['error and message', [404, '{"error":"Not Found","message":"Payout not found"}', 'application/json'], 'Payout not found', 'Glomo rejected the request (HTTP 404, Not Found)', undefined],
		['only message', [400, '{"message":"Validation failed: Name is invalid"}', 'application/json'], 'Validation failed: Name is invalid', 'Glomo rejected the request (HTTP 400)', undefined],
		['only error', [400, '{"error":"Payment must be in success status"}', 'application/json'], 'Payment must be in success status', 'Glomo rejected the request (HTTP 400)', undefined],
		[
			'with a code',
			[400, '{"error":"Bad Request","message":"Account has insufficient balance to process this transaction. Additional amount required: 500.","code":"INSUFFICIENT_BALANCE"}', 'application/json'],
			'Account has insufficient balance to process this transaction. Additional amount required: 500.',
			'Glomo rejected the request (HTTP 400, Bad Request, code INSUFFICIENT_BALANCE)',
			'INSUFFICIENT_BALANCE',
		],
		['an HTML page from a proxy', [502, 'Bad gateway', 'text/html'], 'Bad gateway', 'Glomo rejected the request (HTTP 502)', undefined],
		['an empty body', [403, '', 'application/json'], 'Glomo answered HTTP 403', 'Glomo rejected the request (HTTP 403)', undefined],
		['blank fields, a code of spaces', [400, '{"error":" ","message":"","code":"  "}', 'application/json'], 'Glomo answered HTTP 400', 'Glomo rejected the request (HTTP 400)', undefined],
		['fields that are not text', [422, '{"error":{"a":1},"message":["x"],"code":7}', 'application/json'], 'Glomo answered HTTP 422', 'Glomo rejected the request (HTTP 422)', undefined],
		['a JSON list', [400, '[{"message":"hidden"}]', 'application/json'], 'Glomo answered HTTP 400', 'Glomo rejected the request (HTTP 400)', undefined],
		['a JSON null', [400, 'null', 'application/json'], 'Glomo answered HTTP 400', 'Glomo rejected the request (HTTP 400)', undefined],
		['a body of spaces', [503, '   \n ', 'text/plain'], 'Glomo answered HTTP 503', 'Glomo rejected the request (HTTP 503)', undefined],
		['text spread over lines, with escapes', [502, '  Bad\n\n gateway\t\u001b[31m now ', 'text/plain'], 'Bad gateway \\x1b[31m now', 'Glomo rejected the request (HTTP 502)', undefined],
		['two control characters, both escaped', [502, 'Bad\u0001gate\u001b[0mway\u007f', 'text/plain'], 'Bad\\x01gate\\x1b[0mway\\x7f', 'Glomo rejected the request (HTTP 502)', undefined],
		['a long text page, cut at 160 characters', [502, long, 'text/plain'], `${'x'.repeat(160)}…`, 'Glomo rejected the request (HTTP 502)', undefined],
		['a text of exactly 160 characters, whole', [502, 'y'.repeat(160), 'text/plain'], 'y'.repeat(160), 'Glomo rejected the request (HTTP 502)', undefined],
		['a long message, cut at 500 characters', [400, JSON.stringify({ message: long, code: ' C1 ' }), 'application/json'], `${'x'.repeat(500)}…`, 'Glomo rejected the request (HTTP 400, code C1)', 'C1'],
		['a message of exactly 500 characters, whole', [400, JSON.stringify({ message: 'z'.repeat(500) }), 'application/json'], 'z'.repeat(500), 'Glomo rejected the request (HTTP 400)', undefined],
	];

	test.each(cases)('%s', async (_name, answer, message, description, code) => {
		nextAnswer = answer;
		const stopped = await probe({ secretKey: 'plain-key-1', baseUrl: fakeUrl }, { method: 'POST', path: '/payouts', body: {} });
		const httpCode = String(answer[0]);
		expect(stopped.error?.name).toBe('NodeApiError');
		expect(stopped.error?.message).toBe(message);
		expect(stopped.error?.httpCode).toBe(httpCode);
		expect(stopped.error?.description).toBe(description);
		expect(stopped.error?.context).toEqual({ itemIndex: 0, glomoStatus: answer[0], ...(code ? { glomoCode: code } : {}) });
		// what n8n shows as the error's details: Glomo's answer, nothing of the request (and no code
		// key at all when Glomo gave none)
		expect((stopped.error as { errorResponse?: unknown }).errorResponse).toStrictEqual({ httpCode, message, ...(code ? { code } : {}) });
	});

	test('continueOnFail output carries message, HTTP code and Glomo code', async () => {
		nextAnswer = cases[3][1];
		const result = await runWorkflow({
			...linearWorkflow(
				{
					continueOnFail: true,
					parameters: {
						resource: 'balanceConversion',
						operation: 'create',
						sourceCurrency: 'USD',
						targetCurrency: 'EUR',
						fixedSide: 'source',
						amount: 100,
					},
				},
				[{}],
			),
			credentials: { secretKey: 'plain-key-1', baseUrl: fakeUrl },
		});
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')).toEqual([
			expect.objectContaining({ error: cases[3][2], httpCode: '400', code: 'INSUFFICIENT_BALANCE' }),
		]);
	});

	test('the sandbox\'s own 401 and INSUFFICIENT_BALANCE come through', async () => {
		const unauthorized = await probe({ secretKey: 'not-a-key', baseUrl: sandbox.url }, { method: 'GET', path: '/balances' });
		expect(unauthorized.error?.message).toBe('Auth token expired or invalid');
		expect(unauthorized.error?.httpCode).toBe('401');
		const broke = await probe(
			{ secretKey: sandbox.secretKey, baseUrl: sandbox.url },
			{ method: 'POST', path: '/balance_conversions', body: { source_currency: 'USD', target_currency: 'EUR', source_amount: 10 ** 15 } },
		);
		expect(broke.error?.httpCode).toBe('400');
		expect(broke.error?.description).toContain('code INSUFFICIENT_BALANCE');
	});
});

describe('the secret key never leaves the node', () => {
	test('in no output, error or description of any failure', async () => {
		const key = sandbox.issueKey('sandbox');
		const live = sandbox.issueKey('production');
		const dumps: string[] = [];
		const run = async (
			credentials: { secretKey: string; baseUrl: string; environment?: 'sandbox' | 'live' },
			continueOnFail: boolean,
			request = { method: 'GET' as const, path: '/balances' },
		) => {
			const result = await probe(credentials, request, { continueOnFail });
			dumps.push(result.dump());
			return result;
		};
		for (const continueOnFail of [false, true]) {
			// Glomo echoes the token in its message
			nextAnswer = [401, '{"error":"Unauthorized","message":"Token {{auth}} is not valid"}', 'application/json'];
			const echoed = await run({ secretKey: key, baseUrl: fakeUrl }, continueOnFail);
			expect(JSON.stringify(echoed.error?.message ?? echoed.json('Probe'))).toContain('[redacted]');
			// 404, 429 exhausted, a refused connection, the environment guard, a sandbox-only call on Live
			await run({ secretKey: key, baseUrl: sandbox.url }, continueOnFail, { method: 'GET', path: '/customer/cust_0000000000000' } as never);
			sandbox.setFaults({ rate429: 1 });
			// (5 minutes of waiting on a virtual clock)
			await run({ secretKey: key, baseUrl: sandbox.url }, continueOnFail);
			sandbox.resetFaults();
			await run({ secretKey: key, baseUrl: 'http://127.0.0.1:9' }, continueOnFail);
			await run({ secretKey: live, baseUrl: sandbox.url, environment: 'sandbox' }, continueOnFail);
			await run({ secretKey: key, baseUrl: sandbox.url, environment: 'live' }, continueOnFail);
		}
		expect(dumps).toHaveLength(12);
		for (const dump of dumps) {
			expect(dump).not.toContain(key);
			expect(dump).not.toContain(live);
			expect(dump).not.toContain(key.split('.')[2]); // not even the signature part
		}
	});
});

describe('environment guard in the transport', () => {
	test('a sandbox-only request is refused on Live before anything is sent', async () => {
		const live = sandbox.issueKey('production');
		const result = await probe(
			{ secretKey: live, baseUrl: sandbox.url, environment: 'live' },
			{ method: 'PATCH', path: '/payouts/mock', body: { id: 'payout_x', status: 'success' }, sandboxOnly: true },
		);
		expect(result.error?.message).toBe('This operation exists only in the Glomo sandbox');
		expect(result.error?.description).toBe(
			'Mock and test operations are refused with a Live credential, so they can never run against real money. Nothing was sent.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a sandbox-only request with a plain (non-JWT) key on a Live credential is refused too', async () => {
		const result = await probe(
			{ secretKey: 'opaque-live-key', baseUrl: sandbox.url, environment: 'live' },
			{ method: 'PATCH', path: '/payouts/mock', body: {}, sandboxOnly: true },
		);
		expect(result.error?.message).toBe('This operation exists only in the Glomo sandbox');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a sandbox-only request on Sandbox is sent', async () => {
		await probe({ secretKey: sandbox.secretKey, baseUrl: sandbox.url }, { method: 'GET', path: '/balances', sandboxOnly: true });
		expect(sandbox.requests).toHaveLength(1);
	});
});
