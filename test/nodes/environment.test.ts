/**
 * The environment guard: a Glomo secret key is a JWT whose `env` claim says sandbox or
 * production. A key that contradicts the credential's Environment is refused before anything is
 * sent; a matching pair works; a key that is not a readable JWT is sent exactly as it is.
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { createCustomerParams, expectApiError, expectBearer, expectOperationError, runGlomo } from './helpers';

const sandbox = useSandbox({ seed: 404 });

const LIVE_KEY_ON_SANDBOX = "The secret key is a Live key, but the credential's Environment is Sandbox";
const SANDBOX_KEY_ON_LIVE = "The secret key is a Sandbox key, but the credential's Environment is Live";

const operations: Array<[string, IDataObject]> = [
	['Balance › Get Many', { resource: 'balance', operation: 'getAll' }],
	['FX › Get Mid-Market Rate', { resource: 'fx', operation: 'getRate', sourceCurrency: 'USD', destinationCurrency: 'INR' }],
	['Customer › Create', createCustomerParams()],
	['Customer › Get Many', { resource: 'customer', operation: 'getAll', returnAll: true }],
	[
		'Balance Conversion › Create',
		{ resource: 'balanceConversion', operation: 'create', sourceCurrency: 'USD', targetCurrency: 'EUR', amount: 100 },
	],
	['API Key › Rotate', { resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: 0 }],
];

describe('a key from the other environment is refused before sending', () => {
	it.each(operations)('production key with Environment = Sandbox (%s)', async (_name, parameters) => {
		const liveKey = sandbox.issueKey('production');
		const result = await runGlomo(sandbox, parameters, { credentials: { secretKey: liveKey, environment: 'sandbox' } });

		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, LIVE_KEY_ON_SANDBOX);
		expect(result.error?.description).toMatch(/^Nothing was sent to Glomo\./);
	});

	it.each(operations)('sandbox key with Environment = Live (%s)', async (_name, parameters) => {
		const sandboxKey = sandbox.issueKey('sandbox');
		const result = await runGlomo(sandbox, parameters, { credentials: { secretKey: sandboxKey, environment: 'live' } });

		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, SANDBOX_KEY_ON_LIVE);
		expect(result.error?.description).toMatch(/^Nothing was sent to Glomo\./);
	});

	it('refuses every item (continue on fail), each paired to its item, and still sends nothing', async () => {
		const liveKey = sandbox.issueKey('production');
		const result = await runGlomo(
			sandbox,
			{ resource: 'balance', operation: 'getAll' },
			{ credentials: { secretKey: liveKey, environment: 'sandbox' }, items: [{}, {}], continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toEqual([]);
		expect(result.items('Glomo')).toEqual([
			{ json: { error: LIVE_KEY_ON_SANDBOX }, pairedItem: { item: 0 } },
			{ json: { error: LIVE_KEY_ON_SANDBOX }, pairedItem: { item: 1 } },
		]);
	});

	it('never puts the key into what the run records', async () => {
		const liveKey = sandbox.issueKey('production');
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, {
			credentials: { secretKey: liveKey, environment: 'sandbox' },
		});
		expect(result.error).toBeDefined();
		expect(result.dump()).not.toContain(liveKey);
	});
});

/** A key shaped like a JWT with the given payload text (unsigned: only its shape matters here). */
const jwtLike = (payload: string, parts = 3) =>
	['eyJhbGciOiJIUzI1NiJ9', Buffer.from(payload).toString('base64url'), 'c2lnbmF0dXJl', 'ZXh0cmE'].slice(0, parts).join('.');

describe('the env claim, however it is spelled', () => {
	it('a key whose env claim says "live" is a Live key', async () => {
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, {
			credentials: { secretKey: jwtLike('{"env":"live","sub":"merchant_1"}'), environment: 'sandbox' },
		});
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, LIVE_KEY_ON_SANDBOX);
	});

	it('the refusal names the remedy both ways', async () => {
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, {
			credentials: { secretKey: sandbox.issueKey('sandbox'), environment: 'live' },
		});
		expect(result.error?.description).toBe("Nothing was sent to Glomo. Set the credential's Environment to Sandbox, or use a Live secret key.");
	});
});

describe('a key that matches the Environment works', () => {
	it('sandbox key with Environment = Sandbox', async () => {
		const key = sandbox.issueKey('sandbox');
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, {
			credentials: { secretKey: key, environment: 'sandbox' },
		});

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').length).toBeGreaterThan(0);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/v1/balances', 200]]);
		expectBearer(sandbox.requests, key);
	});

	it('production key with Environment = Live', async () => {
		const key = sandbox.issueKey('production');
		const result = await runGlomo(
			sandbox,
			{ resource: 'fx', operation: 'getRate', sourceCurrency: 'EUR', destinationCurrency: 'USD' },
			{ credentials: { secretKey: key, environment: 'live' } },
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')[0]).toMatchObject({ source_currency: 'EUR', destination_currency: 'USD' });
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/fx-rate', { source_currency: 'EUR', destination_currency: 'USD' }],
		]);
		expectBearer(sandbox.requests, key);
	});
});

describe('a key that is not a readable JWT is sent as it is', () => {
	it.each([
		['plain key, Environment = Sandbox', 'plain-secret-key-0001', 'sandbox' as const],
		['plain key, Environment = Live', 'plain-secret-key-0002', 'live' as const],
		['three dots-separated parts that are not JSON', 'notjson.notjson.notjson', 'sandbox' as const],
		['a production claim in a key of four parts', jwtLike('{"env":"production"}', 4), 'sandbox' as const],
		['a production claim in a key of two parts', jwtLike('{"env":"production"}', 2), 'sandbox' as const],
		['a payload that is JSON null', jwtLike('null'), 'live' as const],
		['a payload that is a JSON list', jwtLike('["production"]'), 'sandbox' as const],
		['an env claim that is neither', jwtLike('{"env":"staging"}'), 'live' as const],
	])('%s', async (_name, key, environment) => {
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, {
			credentials: { secretKey: key, environment },
		});

		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/balances', status: 401 });
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${key}`);
		expectApiError(result, 'Auth token expired or invalid', '401');
	});
});
