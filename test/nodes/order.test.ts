/**
 * Order: Create (request_id from the shared mechanism: Glomo answers a reuse with 400), Get, Get Many
 * and Update RFI through WorkflowExecute against the sandbox; requests and outputs asserted.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 515 });
const DERIVED = /^n8n-[0-9a-f]{40}$/;

function customer(): string {
	return String(sandbox.insert('customer', customerRecord()).id);
}

function orderParams(cust: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'order',
		operation: 'create',
		customerId: rl(cust),
		currency: 'USD',
		amount: 25000,
		purposeCode: 'P0802',
		invoiceNumber: '',
		requestId: '',
		options: {},
		...overrides,
	};
}

async function ordersOf(cust: string): Promise<IDataObject[]> {
	const response = await axios.get(`${sandbox.url}/api/v1/orders`, {
		params: { customer_id: cust, per_page: 100 },
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	sandbox.clearRequests();
	return response.data.data as IDataObject[];
}

describe('Order › Create', () => {
	it('POSTs the documented body with a derived request_id and outputs the order with duplicate = false', async () => {
		const cust = customer();
		const result = await runGlomo(
			sandbox,
			orderParams(cust, {
				amount: '250.00',
				invoiceNumber: 'INV-O-1',
				options: {
					decimalAmounts: true,
					referenceNumber: 'REF-1',
					invoiceDescription: 'Consulting, November',
					productName: 'Consulting',
					productDescription: 'Twenty hours',
					paymentMethods: ['card', 'bank_transfer'],
					notes: { note: [{ key: 'crm', value: 'A-77' }] },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/orders',
				query: {},
				body: {
					customer_id: cust,
					currency: 'USD',
					amount: 25000,
					purpose_code: 'P0802',
					invoice_number: 'INV-O-1',
					reference_number: 'REF-1',
					request_id: expect.stringMatching(DERIVED),
					invoice_description: 'Consulting, November',
					product: { name: 'Consulting', description: 'Twenty hours' },
					payment_methods: ['card', 'bank_transfer'],
					notes: { crm: 'A-77' },
				},
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: expect.stringMatching(/^order_/), status: 'active', amount: 25000, duplicate: false });
	});

	it('the same order again (400 "already exists" from Glomo) outputs the existing one, duplicate = true, and creates none', async () => {
		const cust = customer();
		const first = (await runGlomo(sandbox, orderParams(cust, { invoiceNumber: 'INV-O-2' }))).json('Glomo')[0];
		sandbox.clearRequests();
		const second = await runGlomo(sandbox, orderParams(cust, { invoiceNumber: 'INV-O-2' }));
		expect(second.error).toBeUndefined();
		expect(second.json('Glomo')).toEqual([{ ...first, duplicate: true }]);
		expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([
			['POST', 400],
			['GET', 200],
		]);
		expect(await ordersOf(cust)).toHaveLength(1);
	});

	it('a Request ID reused for another amount is refused, naming the difference; no second order', async () => {
		const cust = customer();
		await runGlomo(sandbox, orderParams(cust, { requestId: 'ORD-SAME' }));
		const other = await runGlomo(sandbox, orderParams(cust, { requestId: 'ORD-SAME', amount: 30000 }));
		expect(other.error?.message).toMatch(/^The request_id "ORD-SAME" already belongs to another order \(order_/);
		expect(other.error?.description).toContain('amount 30000 was sent, the existing one has 25000');
		expect(await ordersOf(cust)).toHaveLength(1);
	});

	it('1,000 order creates with half of the answers lost after commit: exactly 1,000 orders; run again: still 1,000', async () => {
		const cust = customer();
		const rows = Array.from({ length: 1000 }, (_, index) => ({ invoice: `ORD-BULK-${index + 1}` }));
		const parameters = orderParams(cust, { invoiceNumber: '={{ $json.invoice }}' });
		sandbox.setFaults({ dropAfterCommit: 0.5 });
		const first = await runGlomo(sandbox, parameters, { items: rows });
		expect(first.error).toBeUndefined();
		expect(new Set(first.json('Glomo').map((o) => o.id)).size).toBe(1000);
		const second = await runGlomo(sandbox, parameters, { items: rows });
		expect(second.error).toBeUndefined();
		expect(second.json('Glomo').map((o) => o.id)).toEqual(first.json('Glomo').map((o) => o.id));
		sandbox.resetFaults();
		const page = await axios.get(`${sandbox.url}/api/v1/orders`, { params: { customer_id: cust, per_page: 1 }, headers: { Authorization: `Bearer ${sandbox.secretKey}` } });
		expect(page.data.page_meta.count).toBe(1000);
	}, 120_000);

	test.each([
		['a currency orders do not take', { currency: '={{ "INR" }}' }, 'Currency: "INR" is not a supported currency'],
		['an amount of 0', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
		['a customer id of another kind', { customerId: rl('={{ "bene_abcdefgh" }}') }, 'Customer: "bene_abcdefgh" is not a valid ID'],
		['an invoice number over 100 characters', { invoiceNumber: 'i'.repeat(101) }, 'Invoice Number: is 101 characters long; at most 100 are accepted'],
		['a purpose code that is not one', { purposeCode: '={{ "software" }}' }, 'Purpose Code: "software" is not a purpose code'],
	])('refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, orderParams(customer(), overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Order › Get, Get Many, Update RFI', () => {
	it('GETs /orders/{id}', async () => {
		const order = (await runGlomo(sandbox, orderParams(customer()))).json('Glomo')[0];
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, { resource: 'order', operation: 'get', orderId: rl(String(order.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/orders/${String(order.id)}`, query: {}, body: undefined }]);
		const { duplicate: _ignored, ...record } = order;
		expect(result.json('Glomo')).toEqual([record]);
	});

	it('maps the filters of Get Many to customer_id, request_id and status', async () => {
		const cust = customer();
		await runGlomo(sandbox, orderParams(cust, { requestId: 'ORD-F-1' }));
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, { resource: 'order', operation: 'getAll', returnAll: true, filters: { customerId: cust, requestId: 'ORD-F-1', status: 'active' } });
		expect(sandbox.requests[0].query).toEqual({ customer_id: cust, request_id: 'ORD-F-1', status: 'active', per_page: '100', page: '1' });
		expect(result.json('Glomo').map((o) => o.request_id)).toEqual(['ORD-F-1']);
	});

	it('answers an order held for documents (PATCH /orders/{id}/update-rfi, hyphenated) and it goes under review', async () => {
		const held = (await runGlomo(sandbox, orderParams(customer(), { amount: 6623 }))).json('Glomo')[0];
		expect(held.status).toBe('action_required');
		const rfiDocId = (held.rfi_documents as IDataObject[])[0].rfi_doc_id as string;
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, {
			resource: 'order',
			operation: 'updateRfi',
			orderId: rl(String(held.id)),
			documents: { document: [{ rfiDocId, docId: 'doc_passport001' }] },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/orders/${String(held.id)}/update-rfi`, query: {}, body: { documents: [{ id: 'doc_passport001', rfi_doc_id: rfiDocId }] } },
		]);
		expect(result.json('Glomo')[0].status).toBe('under_review');
	});
});

describe('Order pickers', () => {
	it('lists recent orders by id, amount, currency and status, and finds one by its invoice number', async () => {
		const order = (await runGlomo(sandbox, orderParams(customer(), { invoiceNumber: 'PICK-ME-7', amount: 4321 }))).json('Glomo')[0];
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const found = await runListSearch('searchOrders', credentials, { filter: 'pick-me-7' });
		expect(found.results).toEqual([{ name: `${String(order.id)} - 4321 USD (active)`, value: order.id }]);
		const all = await runListSearch('searchOrders', credentials);
		expect(all.results.map((r) => r.value)).toContain(order.id);
		expect(sandbox.requests.filter((r) => r.method === 'GET').map((r) => r.query.per_page)).toEqual(['100', '100']);
	});

	it('finds payouts by invoice number too', async () => {
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const result = await runListSearch('searchPayouts', credentials, { filter: 'no-such-invoice' });
		expect(result).toEqual({ results: [], paginationToken: undefined });
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/payouts']);
	});
});
