/**
 * Price (the fee a platform applies, published spec): Create, Get and Get Many run end-to-end
 * through WorkflowExecute against the sandbox: the exact request, the output, refusals before
 * sending, and the "From List" picker.
 */
import type { IDataObject } from 'n8n-workflow';

import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 3101 });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const fixedParams = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'price',
	operation: 'create',
	pricingType: 'fixed',
	feesAmount: 1_000,
	feesCurrency: 'USD',
	...overrides,
});

const percentageParams = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'price',
	operation: 'create',
	pricingType: 'percentage',
	bps: 250,
	...overrides,
});

describe('Price › Create', () => {
	it('POSTs a fixed fee in minor units, as given, with its currency and outputs the price', async () => {
		const result = await runGlomo(sandbox, fixedParams({ feesAmount: 1_050 }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/prices', query: {}, body: { pricing_type: 'fixed', fees_amount: 1050, fees_currency: 'USD' } },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(201);
		expect(result.json('Glomo')).toEqual([
			{
				id: expect.stringMatching(/^price_[A-Za-z0-9]{13}$/),
				pricing_type: 'fixed',
				fees_amount: 1050,
				fees_currency: 'USD',
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
			},
		]);
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends a fee mapped from another Glomo record (minor units) as it is, never 100 times over', async () => {
		// e.g. {{ $json.fees_amount }} of another price: 4999 is 49.99 USD
		const result = await runGlomo(sandbox, fixedParams({ feesAmount: '={{ 4999 }}' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ pricing_type: 'fixed', fees_amount: 4_999, fees_currency: 'USD' }]);
	});

	it.each([
		['a zero-decimal currency', 'JPY', 500, 500],
		['a three-decimal currency', 'KWD', '1.25', 1250],
		['an amount typed as text', 'EUR', '99.99', 9999],
	])('with Amounts in Decimal Units, converts the major-unit fee of %s to minor units', async (_what, currency, typed, minor) => {
		const result = await runGlomo(sandbox, fixedParams({ feesCurrency: currency, feesAmount: typed, options: { decimalAmounts: true } }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ pricing_type: 'fixed', fees_amount: minor, fees_currency: currency }]);
		expect(result.json('Glomo')[0]).toMatchObject({ fees_amount: minor, fees_currency: currency });
	});

	it('POSTs a percentage in basis points, and nothing of a fixed fee', async () => {
		const result = await runGlomo(sandbox, percentageParams({ feesAmount: 1_000, feesCurrency: 'USD', options: { decimalAmounts: true } }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/prices', query: {}, body: { pricing_type: 'percentage', bps: 250 } },
		]);
		expect(result.json('Glomo')).toEqual([
			{
				id: expect.stringMatching(/^price_/),
				pricing_type: 'percentage',
				bps: 250,
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
			},
		]);
	});

	it('sends no request_id (Glomo does not de-duplicate prices) and is sent once, even when Glomo fails', async () => {
		sandbox.setFaults({ rate5xx: 1 });
		const result = await runGlomo(sandbox, percentageParams());

		expect(result.error?.name).toBe('NodeApiError');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].body).toEqual({ pricing_type: 'percentage', bps: 250 });
	});

	it.each([
		['a fee of zero', fixedParams({ feesAmount: 0 }), 'Fee Amount: must be a positive number, got "0"'],
		['a negative fee', fixedParams({ feesAmount: '-5' }), 'Fee Amount: must be a positive number, got "-5"'],
		['a fee that is no whole number of the minor unit', fixedParams({ feesAmount: 10.5 }), 'Fee Amount: must be a whole number of the smallest currency unit, got 10.5'],
		['more decimals than the currency has', fixedParams({ feesAmount: 1.005, options: { decimalAmounts: true } }), 'Fee Amount: 1.005 has more decimals than USD allows'],
		['decimals for a currency without minor units', fixedParams({ feesCurrency: 'JPY', feesAmount: 1.5, options: { decimalAmounts: true } }), 'Fee Amount: 1.5 has more decimals than JPY allows'],
		['more decimals than a three-decimal currency has', fixedParams({ feesCurrency: 'KWD', feesAmount: '1.2345', options: { decimalAmounts: true } }), 'Fee Amount: 1.2345 has more decimals than KWD allows'],
		['an unknown Amounts in Decimal Units', fixedParams({ options: { decimalAmounts: '={{ "yes" }}' } }), 'Options > Amounts in Decimal Units: must be true or false, got "yes"'],
		['a currency that does not exist', fixedParams({ feesCurrency: '={{ "ABC" }}' }), 'Fee Currency: "ABC" is not a supported currency'],
		['a fraction of a basis point', percentageParams({ bps: 2.5 }), 'Basis Points: must be a whole number from 1 to 10000, got "2.5"'],
		['zero basis points', percentageParams({ bps: 0 }), 'Basis Points: must be a whole number from 1 to 10000, got "0"'],
		['more than 100 %', percentageParams({ bps: 10001 }), 'Basis Points: must be a whole number from 1 to 10000, got "10001"'],
		['basis points as words', percentageParams({ bps: '={{ "two" }}' }), 'Basis Points: must be a whole number from 1 to 10000, got "two"'],
		['a pricing type that does not exist', fixedParams({ pricingType: '={{ "tiered" }}' }), 'Pricing Type: "tiered" is not one of the choices'],
	])('refuses %s by name and sends nothing', async (_what, parameters, message) => {
		const result = await runGlomo(sandbox, parameters);

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});

	it('accepts basis points typed as text', async () => {
		const result = await runGlomo(sandbox, percentageParams({ bps: '={{ "75" }}' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ pricing_type: 'percentage', bps: 75 }]);
	});
});

describe('Price › Get', () => {
	it('GETs /prices/{id} and outputs the price', async () => {
		const stored = sandbox.insert('price', { pricing_type: 'percentage', bps: 125 });
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'get', priceId: rl(String(stored.id), 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/prices/${String(stored.id)}`, query: {}, body: undefined }]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([stored]);
	});

	it('fails with "Price not found" and httpCode 404 for an unknown id', async () => {
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'get', priceId: rl('price_doesNotExist1') });

		expectApiError(result, 'Price not found', '404');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/v1/prices/price_doesNotExist1', 404]]);
	});

	it.each([
		['an ID of another kind', '={{ "cust_E602dMzgjpDC" }}', 'Price: "cust_E602dMzgjpDC" is not a valid ID'],
		['an empty ID (from an expression)', '={{ "  " }}', 'Price: is required'],
	])('refuses %s and sends nothing', async (_what, id, message) => {
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'get', priceId: rl(id) });

		expectOperationError(result, message);
		expect(result.error?.description).toBe('IDs of this kind are "price_" followed by 6 to 64 letters or digits. Nothing was sent to Glomo.');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Price › Get Many', () => {
	const ids: string[] = [];
	const after = '2018-05-01T00:00:00.000Z';
	const before = '2018-06-01T00:00:00.000Z';

	beforeAll(() => {
		const start = Date.UTC(2018, 4, 2);
		for (let n = 0; n < 4; n++) {
			const row = sandbox.insert('price', { pricing_type: 'fixed', fees_amount: 100 + n, fees_currency: 'USD', created_at: new Date(start + n * 60_000).toISOString() });
			ids.push(String(row.id));
		}
		sandbox.insert('price', { pricing_type: 'percentage', bps: 10, created_at: '2018-06-02T00:00:00.000Z' });
	});

	it('GETs /prices with the window and a limit, newest first', async () => {
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'getAll', limit: 3, filters: { after, before } });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/prices', query: { after, before, per_page: '3', page: '1' }, body: undefined },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo').map((p) => p.id)).toEqual(ids.slice(-3).reverse());
		expect(result.json('Glomo')[0]).toEqual({
			id: ids[3],
			pricing_type: 'fixed',
			fees_amount: 103,
			fees_currency: 'USD',
			created_at: '2018-05-02T00:03:00.000Z',
			updated_at: '2018-05-02T00:03:00.000Z',
		});
	});

	it('returns every price of the window with Return All', async () => {
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'getAll', returnAll: true, filters: { after, before } });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((p) => p.id)).toEqual([...ids].reverse());
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/api/v1/prices', { after, before, per_page: '100', page: '1' }]]);
	});

	it('refuses a Created Before that is not a date and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'getAll', filters: { before: 'soon' } });

		expectOperationError(result, 'Created Before: "soon" is not a date');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Price "From List" (searchPrices)', () => {
	it('labels each price by its fee and ID, newest first; typing filters them', async () => {
		const fixed = sandbox.insert('price', { pricing_type: 'fixed', fees_amount: 1000, fees_currency: 'USD' });
		const percentage = sandbox.insert('price', { pricing_type: 'percentage', bps: 275 });
		const dinar = sandbox.insert('price', { pricing_type: 'fixed', fees_amount: 1500, fees_currency: 'KWD' });
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };

		const all = await runListSearch('searchPrices', credentials);
		expect(all.results.slice(0, 3)).toEqual([
			{ name: `KWD 1.500 fixed fee · ${String(dinar.id)}`, value: dinar.id },
			{ name: `2.75 % (275 bps) · ${String(percentage.id)}`, value: percentage.id },
			{ name: `USD 10.00 fixed fee · ${String(fixed.id)}`, value: fixed.id },
		]);
		expect(all.paginationToken).toBeUndefined();

		const filtered = await runListSearch('searchPrices', credentials, { filter: ' 275 BPS ' });
		expect(filtered.results).toEqual([{ name: `2.75 % (275 bps) · ${String(percentage.id)}`, value: percentage.id }]);
		const byId = await runListSearch('searchPrices', credentials, { filter: String(fixed.id) });
		expect(byId.results.map((r) => r.value)).toEqual([fixed.id]);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/prices', { page: '1', per_page: '100' }],
			['GET', '/api/v1/prices', { page: '1', per_page: '100' }],
			['GET', '/api/v1/prices', { page: '1', per_page: '100' }],
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
	});
});
