/**
 * Each of the node's 9 operations, run end-to-end through WorkflowExecute against the sandbox:
 * the output, and exactly the request Glomo documents (method, path, query, body, Bearer key).
 */
import axios from 'axios';
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { linearWorkflow, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { useHostile } from '../abuse/hostile';
import { midMarketRate } from '../sandbox/data/reference';
import {
	conversionRecord,
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

const sandbox = useSandbox({ seed: 101 });
/** a Glomo that answers what a test needs and the sandbox does not hold (currencies it has no balance in) */
const glomo = useHostile();

/** Reads the sandbox's balances with a plain HTTP client (independent of the node), then forgets that request. */
async function sandboxBalances(): Promise<{ available: IDataObject[]; pending: IDataObject[] }> {
	const response = await axios.get(`${sandbox.url}/api/v1/balances`, {
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	sandbox.clearRequests();
	return response.data;
}

async function sandboxCustomerCount(): Promise<number> {
	const response = await axios.get(`${sandbox.url}/api/v1/customer`, {
		params: { per_page: 1 },
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	sandbox.clearRequests();
	return response.data.page_meta.count as number;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A listing of several pages pins its window: every page after the first carries the same
 * ISO-8601 `before` (and the first, if it carries one, the same value too).
 */
function expectPinnedWindow(): void {
	const requests = sandbox.requests;
	expect(requests.length).toBeGreaterThan(1);
	const pinned = requests[1].query.before;
	expect(pinned).toMatch(ISO);
	for (const request of requests.slice(1)) expect(request.query.before).toBe(pinned);
	if (requests[0].query.before !== undefined) expect(requests[0].query.before).toBe(pinned);
}

describe('node description', () => {
	const description = new Glomo().description;
	const properties = description.properties as INodeProperties[];

	/** every resource of the node and its operations, in the order of the Resource dropdown */
	const expected: Record<string, string[]> = {
		apiKey: ['rotate'],
		balance: ['getAll'],
		balanceConversion: ['create', 'getAll'],
		bankAccountValidation: ['create', 'getAll'],
		beneficiary: ['create', 'createLegacy', 'get', 'getAll', 'getAllLegacy', 'getLegacy', 'mockReview'],
		customer: ['create', 'createBankAccount', 'get', 'getAll', 'getBankAccounts', 'update'],
		document: ['get', 'getAll', 'upload'],
		fx: ['getRate'],
		internalTransfer: ['create'],
		kycLink: ['create', 'get', 'getAll'],
		order: ['create', 'get', 'getAll', 'updateRfi'],
		payment: ['connectPayin', 'create', 'get', 'getAll', 'getEligiblePayins', 'mockFundsAvailable', 'mockPayment', 'updateRfi'],
		paymentLink: ['cancel', 'create', 'get', 'getAll', 'mockMarkReviewed', 'update', 'updateRfi'],
		paymentSession: ['create'],
		payout: ['cancel', 'create', 'get', 'getAll', 'mockStatus', 'updateRfi'],
		platformMerchant: ['get', 'mockStatusUpdate', 'onboard', 'update'],
		price: ['create', 'get', 'getAll'],
		quote: ['create', 'createPayoutQuote'],
		refund: ['create', 'get', 'getAll', 'mockStatus', 'updateRfi'],
		rfi: ['get', 'getAll', 'respond'],
		settlement: ['create', 'get', 'getAll', 'getTransactions', 'mockTrigger'],
		subscription: ['cancel', 'create', 'get', 'getAll', 'pause', 'resume', 'updateNextPaymentDate'],
		virtualAccount: ['close', 'create', 'getAll'],
	};

	it('lists exactly the expected resources and their operations', () => {
		const resource = properties.find((p) => p.name === 'resource');
		expect(resource?.type).toBe('options');
		expect((resource?.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(Object.keys(expected));

		const byResource: Record<string, string[]> = {};
		for (const prop of properties.filter((p) => p.name === 'operation')) {
			const shownFor = prop.displayOptions?.show?.resource as string[];
			expect(shownFor).toHaveLength(1);
			byResource[shownFor[0]] = (prop.options as INodePropertyOptions[]).map((o) => String(o.value)).sort();
		}
		expect(byResource).toEqual(Object.fromEntries(Object.entries(expected).map(([name, ops]) => [name, [...ops].sort()])));
		expect(Object.values(byResource).flat()).toHaveLength(85);
	});

	it('gives every operation an action and a default that exists', () => {
		const operations = properties.filter((p) => p.name === 'operation');
		expect(operations).toHaveLength(Object.keys(expected).length);
		for (const prop of operations) {
			const options = prop.options as Array<INodePropertyOptions & { action?: string }>;
			expect(options.map((o) => o.value)).toContain(prop.default);
			for (const option of options) {
				expect(typeof option.action).toBe('string');
				expect(option.action?.trim().length).toBeGreaterThan(0);
			}
		}
	});

	it('marks every mock operation as a sandbox test tool, in its name and its description', () => {
		const mocks = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as Array<INodePropertyOptions & { action?: string }>).filter((o) => String(o.value).startsWith('mock')));
		expect(mocks.map((o) => o.value).sort()).toEqual(['mockFundsAvailable', 'mockMarkReviewed', 'mockPayment', 'mockReview', 'mockStatus', 'mockStatus', 'mockStatusUpdate', 'mockTrigger']);
		for (const option of mocks) {
			expect(option.name).toMatch(/^Mock .+ \(Sandbox\)$/);
			expect(option.description).toMatch(/^Sandbox only: /);
		}
	});

	it('is usable as an AI tool and needs the glomoApi credential', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'glomoApi', required: true }]);
	});
});

describe('Balance › Get Many', () => {
	it('outputs one item per currency with available/pending in minor and decimal units', async () => {
		const raw = await sandboxBalances();
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: '/api/v1/balances', query: {}, body: undefined }]);
		expectBearer(sandbox.requests, sandbox.secretKey);

		const amountOf = (list: IDataObject[], currency: string) =>
			(list.find((m) => m.currency === currency)?.amount as number | undefined) ?? 0;
		const expected = raw.available.map((m) => {
			const currency = m.currency as string;
			const available = amountOf(raw.available, currency);
			const pending = amountOf(raw.pending, currency);
			return { currency, available, pending, available_decimal: available / 100, pending_decimal: pending / 100 };
		});
		expect(expected.length).toBeGreaterThanOrEqual(3);
		expect(result.json('Glomo')).toEqual(expected);
		// the seeded USD balance has a pending part: 100_000_000 / 250_000 minor units
		expect(result.json('Glomo').find((row) => row.currency === 'USD')).toMatchObject({
			pending: 250_000,
			pending_decimal: 2500,
		});
		for (const item of result.items('Glomo')) expect(item.pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['JPY (no minor unit)', 'JPY', 123_456, 123_456],
		['KWD (three decimals)', 'KWD', 1_234_567, 1234.567],
		['BHD (three decimals)', 'BHD', 5, 0.005],
		['USD (two decimals)', 'USD', 1_050, 10.5],
		['a currency it does not know (two decimals assumed)', 'XTS', 1_050, 10.5],
	])('converts to decimal units with the currency\'s own exponent: %s', async (_what, currency, minor, decimal) => {
		const body = { available: [{ currency, amount: minor }], pending: [{ currency, amount: 0 }] };
		glomo.answer(200, JSON.stringify(body));
		const result = await runWorkflow({
			...linearWorkflow({ parameters: { resource: 'balance', operation: 'getAll' } }),
			credentials: { secretKey: sandbox.secretKey, baseUrl: glomo.url },
		});
		expect(glomo.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/balances']);
		expect(result.json('Glomo')).toEqual([{ currency, available: minor, pending: 0, available_decimal: decimal, pending_decimal: 0 }]);
	});

	it("outputs Glomo's answer as it is with Output = Raw Response", async () => {
		const raw = await sandboxBalances();
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll', output: 'raw' });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')).toEqual([raw]);
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: '/api/v1/balances', query: {}, body: undefined }]);
		expectBearer(sandbox.requests, sandbox.secretKey);
	});
});

describe('FX › Get Mid-Market Rate', () => {
	it('sends source_currency and destination_currency and outputs the rate', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'fx',
			operation: 'getRate',
			sourceCurrency: 'USD',
			destinationCurrency: 'INR',
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/fx-rate',
				query: { source_currency: 'USD', destination_currency: 'INR' },
				body: undefined,
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const [out] = result.json('Glomo');
		expect(out).toMatchObject({ source_currency: 'USD', destination_currency: 'INR', rate: midMarketRate('USD', 'INR') });
		expect(result.json('Glomo')).toHaveLength(1);
	});

	it('upper-cases a currency that comes from an expression', async () => {
		const result = await runGlomo(
			sandbox,
			{ resource: 'fx', operation: 'getRate', sourceCurrency: '={{ $json.from }}', destinationCurrency: 'AED' },
			{ items: [{ from: 'gbp' }] },
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.query)).toEqual([{ source_currency: 'GBP', destination_currency: 'AED' }]);
		expect(result.json('Glomo')[0].rate).toBe(midMarketRate('GBP', 'AED'));
	});
});

describe('Customer › Create', () => {
	it('POSTs exactly the documented body (dob as YYYY-MM-DD) and outputs the created customer', async () => {
		const email = uniqueEmail('create');
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'create',
			name: "Prabhat's Arts & Crafts Pvt. Ltd",
			customerType: 'business',
			email,
			address: '123 Main St',
			city: 'Bengaluru',
			state: 'Karnataka',
			country: 'IND',
			pincode: '560048',
			additionalFields: { phone: '+91-9023456789', dob: '1990-04-12T00:00:00', nationality: 'IND' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/customer',
				query: {},
				body: {
					name: "Prabhat's Arts & Crafts Pvt. Ltd",
					customer_type: 'business',
					email,
					address: '123 Main St',
					city: 'Bengaluru',
					state: 'Karnataka',
					country: 'IND',
					pincode: '560048',
					phone: '+91-9023456789',
					dob: '1990-04-12',
					nationality: 'IND',
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(String(sandbox.requests[0].headers['content-type'])).toMatch(/application\/json/);
		expect(sandbox.requests[0].status).toBe(201);

		const out = result.json('Glomo');
		expect(out).toHaveLength(1);
		expect(out[0].id).toMatch(/^cust_[A-Za-z0-9]+$/);
		expect(out[0]).toMatchObject({ email, customer_type: 'business', dob: '1990-04-12', nationality: 'IND', status: 'active' });
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });

		// what the node output is what Glomo stored
		const stored = await axios.get(`${sandbox.url}/api/v1/customer/${String(out[0].id)}`, {
			headers: { Authorization: `Bearer ${sandbox.secretKey}` },
		});
		expect(stored.data).toEqual(out[0]);
	});

	it('trims text fields and does not send optional fields left empty', async () => {
		const email = uniqueEmail('optional');
		const result = await runGlomo(
			sandbox,
			createCustomerParams({
				name: '  Asha Rao  ',
				email: `  ${email} `,
				country: 'ind',
				additionalFields: { phone: '', nationality: '' },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].body).toEqual({
			name: 'Asha Rao',
			customer_type: 'individual',
			email,
			address: '12 MG Road',
			city: 'Bengaluru',
			state: 'Karnataka',
			country: 'IND',
			pincode: '560001',
		});
		expect(result.json('Glomo')[0]).toMatchObject({ email, phone: null, dob: null, nationality: null });
	});

	it("fails with a NodeApiError carrying Glomo's message when the email is taken", async () => {
		const email = uniqueEmail('duplicate');
		sandbox.insert('customer', customerRecord({ email, country: 'IND' }));

		const result = await runGlomo(sandbox, createCustomerParams({ email: email.toUpperCase() }));

		expectApiError(result, 'Validation failed: Email has already been taken', '400');
		expect(result.error?.description).toMatch(/HTTP 400/);
		// a create without request_id is never retried
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/customer', status: 400 });
		expect((sandbox.requests[0].body as IDataObject).email).toBe(email.toUpperCase());
	});
});

describe('Customer › Get', () => {
	it('GETs /customer/{id} for a By ID locator and outputs the customer', async () => {
		const stored = sandbox.insert('customer', customerRecord({ name: 'Get By Id' }));
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'get', customerId: rl(String(stored.id)) });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: `/api/v1/customer/${String(stored.id)}`, query: {}, body: undefined },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([JSON.parse(JSON.stringify(stored))]);
	});

	it('accepts the value of a From List locator', async () => {
		const stored = sandbox.insert('customer', customerRecord({ name: 'Get From List' }));
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'get',
			customerId: rl(String(stored.id), 'list'),
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: `/api/v1/customer/${String(stored.id)}`, query: {}, body: undefined },
		]);
		expect(result.json('Glomo')).toEqual([JSON.parse(JSON.stringify(stored))]);
	});

	it('fails with "Customer not found" and httpCode 404 for an unknown id', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'get',
			customerId: rl('cust_doesNotExist1'),
		});

		expectApiError(result, 'Customer not found', '404');
		// a 404 is an answer, not a transient failure: one request, no retries
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/customer/cust_doesNotExist1', query: {}, body: undefined },
		]);
		expect(sandbox.requests[0].status).toBe(404);
	});
});

describe('Customer › Get Many', () => {
	const pagingIds: string[] = [];

	beforeAll(() => {
		// 130 customers created long ago, one minute apart (oldest first)
		const start = Date.UTC(2018, 0, 1);
		for (let i = 0; i < 130; i++) {
			const record = sandbox.insert(
				'customer',
				customerRecord({
					name: `Paging Customer ${i}`,
					customer_type: 'business',
					created_at: new Date(start + i * 60_000).toISOString(),
				}),
			);
			pagingIds.push(String(record.id));
		}
	});

	it('sends per_page = limit and page 1 by default (limit 50), one request for one page', async () => {
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll' });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api/v1/customer');
		const { before, ...rest } = request.query;
		expect(rest).toEqual({ per_page: '50', page: '1' });
		// the window may be pinned from the first request on, or from the second page on
		if (before !== undefined) expect(before).toMatch(ISO);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toHaveLength(50);
	});

	it('respects a limit across pages: limit 120 gives exactly 120 items in 2 requests', async () => {
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 120 });

		expect(result.error).toBeUndefined();
		const out = result.json('Glomo');
		expect(out).toHaveLength(120);
		expect(new Set(out.map((c) => c.id)).size).toBe(120);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query.page, r.query.per_page])).toEqual([
			['GET', '/api/v1/customer', '1', '100'],
			['GET', '/api/v1/customer', '2', '100'],
		]);
		expectPinnedWindow();
		expectBearer(sandbox.requests, sandbox.secretKey);
		for (const item of result.items('Glomo')) expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('returns every customer once with Return All', async () => {
		const total = await sandboxCustomerCount();
		expect(total).toBeGreaterThanOrEqual(130);

		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		const ids = result.json('Glomo').map((c) => String(c.id));
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		expect(ids).toEqual(expect.arrayContaining(pagingIds));
		const pages = Math.ceil(total / 100);
		expect(sandbox.requests.map((r) => [r.query.page, r.query.per_page])).toEqual(
			Array.from({ length: pages }, (_, i) => [String(i + 1), '100']),
		);
		expectPinnedWindow();
	});

	it('does not pick up, nor list twice, customers created while it is paging (window pinned)', async () => {
		const total = await sandboxCustomerCount();
		const created: string[] = [];
		sandbox.onRequest((request) => {
			// a new customer appears before every page after the first is answered
			if (request.path === '/api/v1/customer' && request.query.page !== '1') {
				created.push(String(sandbox.insert('customer', customerRecord({ name: 'Created Mid Listing' })).id));
			}
		});
		try {
			const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll', returnAll: true });
			expect(result.error).toBeUndefined();
			const ids = result.json('Glomo').map((c) => String(c.id));
			expect(created.length).toBeGreaterThanOrEqual(1);
			for (const id of created) expect(ids).not.toContain(id);
			expect(ids).toHaveLength(total);
			expect(new Set(ids).size).toBe(total);
			expectPinnedWindow();
		} finally {
			sandbox.onRequest(undefined);
		}
	});

	it('maps the Email and Customer Type filters to email_address and customer_type', async () => {
		const email = uniqueEmail('filter');
		const target = sandbox.insert('customer', customerRecord({ email, customer_type: 'business' }));
		sandbox.insert('customer', customerRecord({ email: uniqueEmail('other'), customer_type: 'business' }));

		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { email: ` ${email} `, customerType: 'business' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const { before, ...rest } = sandbox.requests[0].query;
		expect(rest).toEqual({ email_address: email, customer_type: 'business', page: '1', per_page: '100' });
		if (before !== undefined) expect(before).toMatch(ISO);
		expect(result.json('Glomo').map((c) => c.id)).toEqual([target.id]);
	});

	it('maps Created After / Created Before to after / before (ISO-8601 UTC) instead of pinning', async () => {
		const inside = sandbox.insert('customer', customerRecord({ created_at: '2015-03-01T10:00:00.000Z' }));
		sandbox.insert('customer', customerRecord({ created_at: '2014-12-01T10:00:00.000Z' }));
		sandbox.insert('customer', customerRecord({ created_at: '2015-09-01T10:00:00.000Z' }));

		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'getAll',
			limit: 10,
			filters: { after: '2015-01-01T00:00:00Z', before: '2015-06-01T00:00:00Z' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.query)).toEqual([
			{ after: '2015-01-01T00:00:00.000Z', before: '2015-06-01T00:00:00.000Z', per_page: '10', page: '1' },
		]);
		expect(result.json('Glomo').map((c) => c.id)).toEqual([inside.id]);
	});

	it('maps Tax Identification Number to tax_identification_number', async () => {
		const target = sandbox.insert('customer', customerRecord({ tax_identification_number: 'ABCDE1234F' }));
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'getAll',
			filters: { taxIdentificationNumber: ' ABCDE1234F ' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].query).toMatchObject({ tax_identification_number: 'ABCDE1234F', per_page: '50', page: '1' });
		expect(result.json('Glomo').map((c) => c.id)).toEqual([target.id]);
	});
});

describe('Customer › Update', () => {
	it('PATCHes only the email when only Email is given', async () => {
		const stored = sandbox.insert('customer', customerRecord({ phone: '+91-9000000001' }));
		const email = uniqueEmail('updated');
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'update',
			customerId: rl(String(stored.id)),
			updateFields: { email },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/customer/${String(stored.id)}`, query: {}, body: { email } },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toHaveLength(1);
		expect(result.json('Glomo')[0]).toMatchObject({ id: stored.id, email, phone: '+91-9000000001' });
	});

	it('PATCHes only the phone when only Phone is given', async () => {
		const stored = sandbox.insert('customer', customerRecord());
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'update',
			customerId: rl(String(stored.id)),
			updateFields: { phone: '+91-9023456789' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/customer/${String(stored.id)}`, query: {}, body: { phone: '+91-9023456789' } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: stored.id, email: stored.email, phone: '+91-9023456789' });
	});

	it('PATCHes both fields when both are given', async () => {
		const stored = sandbox.insert('customer', customerRecord());
		const email = uniqueEmail('both');
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'update',
			customerId: rl(String(stored.id)),
			updateFields: { email, phone: '+44 20 7946 0958' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ email, phone: '+44 20 7946 0958' }]);
		expect(result.json('Glomo')[0]).toMatchObject({ email, phone: '+44 20 7946 0958' });
	});

	it('refuses empty Update Fields with a NodeOperationError and sends nothing', async () => {
		const stored = sandbox.insert('customer', customerRecord());
		const result = await runGlomo(sandbox, {
			resource: 'customer',
			operation: 'update',
			customerId: rl(String(stored.id)),
			updateFields: {},
		});

		expectOperationError(result, /^Update Fields: /);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Balance Conversion › Create', () => {
	async function balanceOf(currency: string): Promise<number> {
		const result = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		const row = result.json('Glomo').find((r) => r.currency === currency);
		return row?.available as number;
	}

	it('sends source_amount (not target_amount) for Fixed Side = From, and moves the balances', async () => {
		const usdBefore = await balanceOf('USD');
		const eurBefore = await balanceOf('EUR');
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, {
			resource: 'balanceConversion',
			operation: 'create',
			sourceCurrency: 'USD',
			targetCurrency: 'EUR',
			fixedSide: 'source',
			amount: 10_000,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/balance_conversions',
				query: {},
				body: { source_currency: 'USD', target_currency: 'EUR', source_amount: 10_000 },
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);

		const out = result.json('Glomo');
		expect(out).toHaveLength(1);
		expect(out[0].id).toMatch(/^conv_/);
		expect(out[0]).toMatchObject({ from: { amount: 10_000, currency: 'USD' }, status: 'success' });
		const received = (out[0].to as IDataObject).amount as number;
		expect((out[0].to as IDataObject).currency).toBe('EUR');
		expect(received).toBeGreaterThan(0);

		expect(await balanceOf('USD')).toBe(usdBefore - 10_000);
		expect(await balanceOf('EUR')).toBe(eurBefore + received);
	});

	it.each([
		[
			'sends target_amount (not source_amount) for Fixed Side = To',
			{ sourceCurrency: 'GBP', targetCurrency: 'USD', fixedSide: 'target', amount: 5_000 },
			{ source_currency: 'GBP', target_currency: 'USD', target_amount: 5_000 },
			{ to: { amount: 5_000, currency: 'USD' } },
		],
		[
			'converts decimal amounts with Amounts in Decimal Units: 100.5 USD is 10050',
			{ sourceCurrency: 'USD', targetCurrency: 'GBP', fixedSide: 'source', amount: 100.5, options: { decimalAmounts: true } },
			{ source_currency: 'USD', target_currency: 'GBP', source_amount: 10_050 },
			{ from: { amount: 10_050, currency: 'USD' } },
		],
		[
			'converts the decimal amount in the To currency when the To side is fixed',
			{ sourceCurrency: 'USD', targetCurrency: 'EUR', fixedSide: 'target', amount: 12.34, options: { decimalAmounts: true } },
			{ source_currency: 'USD', target_currency: 'EUR', target_amount: 1_234 },
			{ to: { amount: 1_234, currency: 'EUR' } },
		],
	])('%s', async (_title, parameters, body, output) => {
		const result = await runGlomo(sandbox, { resource: 'balanceConversion', operation: 'create', ...parameters });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([body]);
		expect(result.json('Glomo')[0]).toMatchObject(output);
		expect(String(result.json('Glomo')[0].id)).toMatch(/^conv_/);
	});
});

describe('Balance Conversion › Get Many', () => {
	it('maps the From / To Currency filters to source_currency / target_currency', async () => {
		const wanted = [
			sandbox.insert('balance_conversion', conversionRecord('GBP', 'EUR', { created_at: '2019-01-01T00:00:00.000Z' })),
			sandbox.insert('balance_conversion', conversionRecord('GBP', 'EUR', { created_at: '2019-01-02T00:00:00.000Z' })),
		];
		sandbox.insert('balance_conversion', conversionRecord('GBP', 'USD', { created_at: '2019-01-03T00:00:00.000Z' }));
		sandbox.insert('balance_conversion', conversionRecord('EUR', 'GBP', { created_at: '2019-01-04T00:00:00.000Z' }));

		const result = await runGlomo(sandbox, {
			resource: 'balanceConversion',
			operation: 'getAll',
			returnAll: true,
			filters: { sourceCurrency: 'GBP', targetCurrency: 'EUR', before: '2020-01-01T00:00:00Z' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/balance_conversions',
				query: {
					source_currency: 'GBP',
					target_currency: 'EUR',
					before: '2020-01-01T00:00:00.000Z',
					per_page: '100',
					page: '1',
				},
				body: undefined,
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		// newest first
		expect(result.json('Glomo').map((c) => c.id)).toEqual([wanted[1].id, wanted[0].id]);
		expect(result.json('Glomo')[0]).toMatchObject({ from: { currency: 'GBP' }, to: { currency: 'EUR' } });
	});

	it('lists conversions with a limit when no filter is set', async () => {
		for (let i = 0; i < 3; i++) sandbox.insert('balance_conversion', conversionRecord('USD', 'EUR'));
		const result = await runGlomo(sandbox, { resource: 'balanceConversion', operation: 'getAll', limit: 2 });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const { before, ...rest } = sandbox.requests[0].query;
		expect(rest).toEqual({ per_page: '2', page: '1' });
		if (before !== undefined) expect(before).toMatch(ISO);
		expect(result.json('Glomo')).toHaveLength(2);
		for (const conversion of result.json('Glomo')) expect(String(conversion.id)).toMatch(/^conv_/);
	});
});

describe('API Key › Rotate', () => {
	it('POSTs expire_after_in_seconds and outputs a new key that works; the old one keeps working meanwhile', async () => {
		const oldKey = sandbox.issueKey('sandbox');
		const result = await runGlomo(
			sandbox,
			{ resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: 3600 },
			{ credentials: { secretKey: oldKey } },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/api-keys/rotate', query: {}, body: { expire_after_in_seconds: 3600 } },
		]);
		expectBearer(sandbox.requests, oldKey);

		const out = result.json('Glomo');
		expect(out).toHaveLength(1);
		const newKey = String(out[0].secret_key);
		expect(newKey).not.toBe(oldKey);
		expect(newKey.split('.')).toHaveLength(3);
		expect(Number.isNaN(Date.parse(String(out[0].previous_key_expires_at)))).toBe(false);

		sandbox.clearRequests();
		const withNew = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, { credentials: { secretKey: newKey } });
		expect(withNew.error).toBeUndefined();
		expect(withNew.json('Glomo').length).toBeGreaterThan(0);
		expectBearer(sandbox.requests, newKey);

		sandbox.clearRequests();
		const withOld = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, { credentials: { secretKey: oldKey } });
		expect(withOld.error).toBeUndefined();
		expectBearer(sandbox.requests, oldKey);
	});

	it('with 0 seconds the old key stops working at once (next run fails 401)', async () => {
		const oldKey = sandbox.issueKey('sandbox');
		const result = await runGlomo(
			sandbox,
			{ resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: 0 },
			{ credentials: { secretKey: oldKey } },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ expire_after_in_seconds: 0 }]);
		const newKey = String(result.json('Glomo')[0].secret_key);

		sandbox.clearRequests();
		const withOld = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, { credentials: { secretKey: oldKey } });
		expectApiError(withOld, 'Auth token expired or invalid', '401');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].status).toBe(401);
		expectBearer(sandbox.requests, oldKey);

		sandbox.clearRequests();
		const withNew = await runGlomo(sandbox, { resource: 'balance', operation: 'getAll' }, { credentials: { secretKey: newKey } });
		expect(withNew.error).toBeUndefined();
		expectBearer(sandbox.requests, newKey);
	});
});
