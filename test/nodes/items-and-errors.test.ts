/**
 * Several input items: one run of the operation per item, parameters resolved per item from
 * expressions, outputs paired to their input item; and the error policy with and without
 * "continue on fail".
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import {
	createCustomerParams,
	customerRecord,
	expectApiError,
	expectBearer,
	expectOperationError,
	rl,
	runGlomo,
	summary,
	uniqueEmail,
} from './helpers';

const sandbox = useSandbox({ seed: 303 });

const getById = { resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') };

describe('several input items', () => {
	it('creates one customer per item from expressions, each output paired to its item', async () => {
		const people = [
			{ name: 'Ravi Kumar', email: uniqueEmail('ravi'), city: 'Chennai' },
			{ name: 'Meera Nair', email: uniqueEmail('meera'), city: 'Kochi' },
			{ name: 'John Smith', email: uniqueEmail('john'), city: 'Mumbai' },
		];
		const result = await runGlomo(
			sandbox,
			createCustomerParams({ name: '={{ $json.name }}', email: '={{$json.email}}', city: '={{ $json.city }}' }),
			{ items: people },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/v1/customer'],
			['POST', '/api/v1/customer'],
			['POST', '/api/v1/customer'],
		]);
		expect(sandbox.requests.map((r) => r.body)).toEqual(
			people.map((p) => ({
				name: p.name,
				customer_type: 'individual',
				email: p.email,
				address: '12 MG Road',
				city: p.city,
				state: 'Karnataka',
				country: 'IND',
				pincode: '560001',
			})),
		);
		expectBearer(sandbox.requests, sandbox.secretKey);

		const items = result.items('Glomo');
		expect(items).toHaveLength(3);
		items.forEach((item, k) => {
			expect(item.pairedItem).toEqual({ item: k });
			expect(item.json).toMatchObject({ name: people[k].name, email: people[k].email, city: people[k].city });
			expect(String(item.json.id)).toMatch(/^cust_/);
		});
		expect(new Set(items.map((i) => i.json.id)).size).toBe(3);
	});

	it('pairs every record of a list operation with the item that asked for it', async () => {
		const business = uniqueEmail('biz');
		const individual = uniqueEmail('ind');
		const a = sandbox.insert('customer', customerRecord({ email: business, customer_type: 'business' }));
		const b = sandbox.insert('customer', customerRecord({ email: individual, customer_type: 'individual' }));

		const result = await runGlomo(
			sandbox,
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { email: '={{ $json.email }}' } },
			{ items: [{ email: individual }, { email: business }, { email: uniqueEmail('nobody') }] },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.query.email_address)).toEqual([individual, business, expect.any(String)]);
		expect(result.items('Glomo').map((i) => [i.json.id, i.pairedItem])).toEqual([
			[b.id, { item: 0 }],
			[a.id, { item: 1 }],
		]);
	});

	it('pairs each balance row with the item that asked for the balances', async () => {
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, { items: [{}, {}] });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/balances', query: {}, body: undefined },
			{ method: 'GET', path: '/api/v1/balances', query: {}, body: undefined },
		]);
		const items = result.items('Glomo');
		const perRun = items.length / 2;
		expect(perRun).toBeGreaterThan(0);
		items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i < perRun ? 0 : 1 }));
	});

	it('sends a postal code that arrives as a number (e.g. from a spreadsheet) as text', async () => {
		const email = uniqueEmail('pin');
		const result = await runGlomo(sandbox, createCustomerParams({ email, pincode: '={{ $json.pincode }}' }), {
			items: [{ pincode: 560001 }],
		});

		expect(result.error?.message).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect((sandbox.requests[0].body as IDataObject).pincode).toBe('560001');
		expect(result.json('Glomo')[0]).toMatchObject({ email, pincode: '560001' });
	});
});

describe('continue on fail', () => {
	it('keeps going past an API error in the middle: the failed item carries message, httpCode and its pairedItem', async () => {
		const first = sandbox.insert('customer', customerRecord());
		const last = sandbox.insert('customer', customerRecord());
		const result = await runGlomo(sandbox, getById, {
			items: [{ id: String(first.id) }, { id: 'cust_missing00001' }, { id: String(last.id) }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', `/api/v1/customer/${String(first.id)}`, 200],
			['GET', '/api/v1/customer/cust_missing00001', 404],
			['GET', `/api/v1/customer/${String(last.id)}`, 200],
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);

		const items = result.items('Glomo');
		expect(items).toHaveLength(3);
		expect(items[0]).toEqual({ json: JSON.parse(JSON.stringify(first)), pairedItem: { item: 0 } });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[1].json).toMatchObject({ error: 'Customer not found', httpCode: '404' });
		expect(String(items[1].json.description)).toMatch(/HTTP 404/);
		expect(items[2]).toEqual({ json: JSON.parse(JSON.stringify(last)), pairedItem: { item: 2 } });
	});

	it("puts Glomo's error code on the failed item (insufficient balance)", async () => {
		const result = await runGlomo(
			sandbox,
			{
				resource: 'balanceConversion',
				operation: 'create',
				sourceCurrency: 'EUR',
				targetCurrency: 'GBP',
				fixedSide: 'source',
				amount: '={{ $json.amount }}',
			},
			{ items: [{ amount: 1_000 }, { amount: 900_000_000_000 }, { amount: 2_000 }], continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([
			{ source_currency: 'EUR', target_currency: 'GBP', source_amount: 1_000 },
			{ source_currency: 'EUR', target_currency: 'GBP', source_amount: 900_000_000_000 },
			{ source_currency: 'EUR', target_currency: 'GBP', source_amount: 2_000 },
		]);
		const items = result.items('Glomo');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ from: { amount: 1_000, currency: 'EUR' } });
		expect(items[1].json).toMatchObject({ httpCode: '400', code: 'INSUFFICIENT_BALANCE' });
		expect(String(items[1].json.error)).toMatch(/^Account has insufficient balance to process this transaction/);
		expect(items[2].json).toMatchObject({ from: { amount: 2_000, currency: 'EUR' } });
	});

	it('turns a validation error in the middle into an error item, and sends nothing for that item', async () => {
		const first = sandbox.insert('customer', customerRecord());
		const last = sandbox.insert('customer', customerRecord());
		const result = await runGlomo(sandbox, getById, {
			items: [{ id: String(first.id) }, { id: 'abc_123' }, { id: String(last.id) }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.path)).toEqual([
			`/api/v1/customer/${String(first.id)}`,
			`/api/v1/customer/${String(last.id)}`,
		]);
		expect(result.items('Glomo')).toEqual([
			{ json: JSON.parse(JSON.stringify(first)), pairedItem: { item: 0 } },
			{ json: { error: 'Customer: "abc_123" is not a valid ID' }, pairedItem: { item: 1 } },
			{ json: JSON.parse(JSON.stringify(last)), pairedItem: { item: 2 } },
		]);
	});

	it('keeps one output per item when the middle create is refused by Glomo (duplicate email)', async () => {
		const taken = uniqueEmail('taken');
		sandbox.insert('customer', customerRecord({ email: taken }));
		const fresh = [uniqueEmail('fresh'), uniqueEmail('fresh')];
		const result = await runGlomo(sandbox, createCustomerParams({ email: '={{ $json.email }}' }), {
			items: [{ email: fresh[0] }, { email: taken }, { email: fresh[1] }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => [r.status, (r.body as IDataObject).email])).toEqual([
			[201, fresh[0]],
			[400, taken],
			[201, fresh[1]],
		]);
		const items = result.items('Glomo');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.email).toBe(fresh[0]);
		expect(items[1].json).toMatchObject({ error: 'Validation failed: Email has already been taken', httpCode: '400' });
		expect(items[2].json.email).toBe(fresh[1]);
	});
});

describe('without continue on fail', () => {
	it('fails the run at the write Glomo refused, with its index, and sends no later write', async () => {
		const taken = uniqueEmail('taken-stop');
		sandbox.insert('customer', customerRecord({ email: taken }));
		const fresh = [uniqueEmail('before'), uniqueEmail('after')];
		const result = await runGlomo(sandbox, createCustomerParams({ email: '={{ $json.email }}' }), {
			items: [{ email: fresh[0] }, { email: taken }, { email: fresh[1] }],
		});

		expectApiError(result, 'Validation failed: Email has already been taken', '400', 1);
		expect(result.items('Glomo')).toEqual([]);
		// writes go one at a time: the third item is never sent
		expect(sandbox.requests.map((r) => (r.body as IDataObject).email)).toEqual([fresh[0], taken]);
	});

	it('fails a read run at the first item in input order that failed, whichever answer came first', async () => {
		const known = Array.from({ length: 6 }, () => sandbox.insert('customer', customerRecord()));
		sandbox.setFaults({ latencyMs: 30 });
		const ids = [String(known[0].id), String(known[1].id), 'cust_missing00002', 'cust_missing00003', ...known.slice(2).map((c) => String(c.id))];
		const result = await runGlomo(sandbox, getById, { items: ids.map((id) => ({ id })) });

		expectApiError(result, 'Customer not found', '404', 2);
		expect(result.items('Glomo')).toEqual([]);
		// reads go a few at a time, and none starts once one has failed
		expect(sandbox.requests.length).toBeLessThan(ids.length);
	});

	it('fails the run at the item whose value is invalid, with its index, and sends nothing for it', async () => {
		const a = sandbox.insert('customer', customerRecord());
		const b = sandbox.insert('customer', customerRecord());
		const result = await runGlomo(sandbox, getById, {
			items: [{ id: String(a.id) }, { id: String(b.id) }, { id: '' }, { id: String(a.id) }],
		});

		expectOperationError(result, 'Customer: is required', 2);
		expect(result.items('Glomo')).toEqual([]);
		expect(sandbox.requests.map((r) => r.path)).not.toContain('/api/v1/customer/');
		expect(sandbox.requests.map((r) => r.path).slice(0, 2)).toEqual([`/api/v1/customer/${String(a.id)}`, `/api/v1/customer/${String(b.id)}`]);
	});

	it('reports the item index of a failed create (item 1)', async () => {
		const taken = uniqueEmail('taken2');
		sandbox.insert('customer', customerRecord({ email: taken }));
		const result = await runGlomo(sandbox, createCustomerParams({ email: '={{ $json.email }}' }), {
			items: [{ email: uniqueEmail('ok') }, { email: taken }],
		});

		expectApiError(result, 'Validation failed: Email has already been taken', '400', 1);
		expect(sandbox.requests.map((r) => r.status)).toEqual([201, 400]);
	});
});
