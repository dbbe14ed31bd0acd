/**
 * Payment Link: Create (with Reuse Open Link, since Glomo ignores request_id on /payin), Get, Get Many,
 * Update, Cancel, Update RFI and Mock Mark Reviewed, through WorkflowExecute against the sandbox:
 * the exact requests, the outputs, and every refusal made before anything is sent.
 */
import axios from 'axios';
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkExpiry, findOpenLink, reminderDays } from '../../nodes/Glomo/actions/paymentLink/rules';
import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import type { RecordedRequest } from '../sandbox';
import { ReferenceApi } from '../spec/reference';
import { customerRecord, expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 626 });
const DAY = 86_400_000;

/** An instant `days` from now, as the ISO-8601 text a Date & Time field holds. */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function customer(): string {
	return String(sandbox.insert('customer', customerRecord()).id);
}

function linkParams(cust: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'paymentLink',
		operation: 'create',
		customerId: rl(cust),
		currency: 'USD',
		amount: 25000,
		purposeCode: 'P0802',
		expiresAt: inDays(30),
		paymentMethods: ['bank_transfer', 'card'],
		options: {},
		...overrides,
	};
}

/** A stored link as Glomo keeps it, for `sandbox.insert('payment_link', …)`. */
function linkRecord(cust: string, overrides: IDataObject = {}): IDataObject {
	return {
		customer_id: cust,
		status: 'active',
		payment_methods: ['card'],
		currency: 'USD',
		amount: 25000,
		purpose_code: 'P0802',
		invoice_number: null,
		reference_number: null,
		expires_at: inDays(30),
		payment_link: null,
		rfi_documents: [],
		notes: {},
		...overrides,
	};
}

/** The customer's links, read with a plain HTTP client (not the node), then forgotten. */
async function linksOf(cust: string): Promise<IDataObject[]> {
	const response = await axios.get(`${sandbox.url}/api/v1/payin`, {
		params: { customer_id: cust, per_page: 100 },
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	sandbox.clearRequests();
	return response.data.data as IDataObject[];
}

async function create(cust: string, overrides: IDataObject = {}): Promise<IDataObject> {
	const result = await runGlomo(sandbox, linkParams(cust, overrides));
	expect(result.error).toBeUndefined();
	sandbox.clearRequests();
	return result.json('Glomo')[0];
}

/** A link without the node's `duplicate` marker: what Glomo answers for it. */
function record(output: IDataObject): IDataObject {
	const { duplicate: _marker, ...rest } = output;
	return rest;
}

const listing = (cust: string) => ({ method: 'GET', path: '/api/v1/payin', query: { customer_id: cust, per_page: '100', page: '1' }, body: undefined });

describe('Payment Link › Create', () => {
	it('lists the customer\'s links, then POSTs /payin with the documented body (no request_id) and outputs the link with duplicate = false', async () => {
		const cust = customer();
		const expiresAt = inDays(45);
		const result = await runGlomo(
			sandbox,
			linkParams(cust, {
				amount: '250.00',
				expiresAt,
				paymentMethods: ['card', 'pay_via_bank'],
				options: {
					decimalAmounts: true,
					invoiceNumber: 'INV-PL-1',
					invoiceDescription: 'Consulting, November',
					invoiceAmount: '300.5',
					referenceNumber: 'REF-PL-1',
					productName: 'Consulting',
					productDescription: 'Twenty hours',
					reminderFrequency: 2,
					documentId: 'doc_invoice000001',
					notes: { note: [{ key: 'crm', value: 'A-77' }] },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			listing(cust),
			{
				method: 'POST',
				path: '/api/v1/payin',
				query: {},
				body: {
					customer_id: cust,
					currency: 'USD',
					amount: 25000,
					purpose_code: 'P0802',
					expires_at: expiresAt,
					payment_methods: ['card', 'pay_via_bank'],
					invoice_number: 'INV-PL-1',
					invoice_description: 'Consulting, November',
					invoice_amount: 30050,
					reference_number: 'REF-PL-1',
					reminder_frequency: 2,
					document_id: 'doc_invoice000001',
					product: { name: 'Consulting', description: 'Twenty hours' },
					notes: { crm: 'A-77' },
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const output = result.json('Glomo');
		expect(output).toEqual([{ ...(sandbox.requests[1].responseBody as IDataObject), duplicate: false }]);
		expect(output[0]).toMatchObject({
			id: expect.stringMatching(/^payin_/),
			status: 'active',
			payment_link: expect.stringContaining(String(output[0].id)),
			expires_at: expiresAt,
		});
	});

	it('sends only the required fields when no option is set, and never a request_id', async () => {
		const cust = customer();
		const expiresAt = inDays(10);
		const result = await runGlomo(sandbox, linkParams(cust, { expiresAt, currency: 'EUR', amount: 999 }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[1].body).toEqual({
			customer_id: cust,
			currency: 'EUR',
			amount: 999,
			purpose_code: 'P0802',
			expires_at: expiresAt,
			payment_methods: ['bank_transfer', 'card'],
		});
	});

	it('converts an Expires At with an offset (or none, in the workflow\'s time zone) to UTC', async () => {
		const cust = customer();
		const local = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
		await runGlomo(sandbox, linkParams(cust, { expiresAt: `${local}T09:30:00+05:30`, options: { referenceNumber: 'TZ-1' } }));
		expect((sandbox.requests[1].body as IDataObject).expires_at).toBe(`${local}T04:00:00.000Z`);
		sandbox.clearRequests();
		await runGlomo(sandbox, linkParams(cust, { expiresAt: `${local}T09:30:00`, options: { referenceNumber: 'TZ-2' } }), { timezone: 'Asia/Kolkata' });
		expect((sandbox.requests[1].body as IDataObject).expires_at).toBe(`${local}T04:00:00.000Z`);
	});

	describe('Reuse Open Link (Glomo does not stop duplicate links)', () => {
		it('two equal items in one run give one link: the second item outputs it with duplicate = true', async () => {
			const cust = customer();
			const result = await runGlomo(sandbox, linkParams(cust, { options: { invoiceNumber: 'INV-TWICE' } }), { items: [{}, {}] });
			expect(result.error).toBeUndefined();
			const [first, second] = result.json('Glomo');
			expect(first.duplicate).toBe(false);
			expect(second).toEqual({ ...first, duplicate: true });
			expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/payin', 'POST /api/v1/payin', 'GET /api/v1/payin']);
			expect(await linksOf(cust)).toHaveLength(1);
		});

		it('a retried execution (the same workflow run twice) gives one link', async () => {
			const cust = customer();
			const parameters = linkParams(cust, { options: { invoiceNumber: 'INV-RETRY', referenceNumber: 'R-1' } });
			const first = await runGlomo(sandbox, parameters);
			sandbox.clearRequests();
			const second = await runGlomo(sandbox, parameters);
			expect(second.error).toBeUndefined();
			expect(second.json('Glomo')).toEqual([{ ...record(first.json('Glomo')[0]), duplicate: true }]);
			expect(sandbox.requests.map(summary)).toEqual([listing(cust)]);
			expect(await linksOf(cust)).toHaveLength(1);
		});

		it('an answer lost after Glomo created the link is not resent (no request_id to make that safe); running again finds the link', async () => {
			const cust = customer();
			const parameters = linkParams(cust, { options: { invoiceNumber: 'INV-LOST' } });
			sandbox.setFaults({ dropAfterCommit: 1 });
			const lost = await runGlomo(sandbox, parameters);
			expect(lost.error).toBeDefined();
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			sandbox.resetFaults();
			sandbox.clearRequests();
			const again = await runGlomo(sandbox, parameters);
			expect(again.error).toBeUndefined();
			expect(again.json('Glomo')[0]).toMatchObject({ invoice_number: 'INV-LOST', duplicate: true });
			expect(sandbox.requests.map((r) => r.method)).toEqual(['GET']);
			expect(await linksOf(cust)).toHaveLength(1);
		});

		it.each(['paid', 'cancelled', 'expired', 'failed'])('a %s link is not reused: a new one is created', async (status) => {
			const cust = customer();
			const old = sandbox.insert('payment_link', linkRecord(cust, { status, invoice_number: 'INV-OLD' }));
			const result = await runGlomo(sandbox, linkParams(cust, { options: { invoiceNumber: 'INV-OLD' } }));
			expect(result.error).toBeUndefined();
			expect(result.json('Glomo')[0]).toMatchObject({ status: 'active', duplicate: false });
			expect(result.json('Glomo')[0].id).not.toBe(old.id);
			expect(sandbox.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
		});

		it('an active link whose expiry has passed (its webhook not yet in) is not reused', async () => {
			const cust = customer();
			sandbox.insert('payment_link', linkRecord(cust, { expires_at: new Date(Date.now() - 60_000).toISOString() }));
			const result = await runGlomo(sandbox, linkParams(cust));
			expect(result.json('Glomo')[0].duplicate).toBe(false);
			expect(await linksOf(cust)).toHaveLength(2);
		});

		it.each(['under_review', 'action_required'])('a link that is %s is reused', async (status) => {
			const cust = customer();
			const open = sandbox.insert('payment_link', linkRecord(cust, { status, reference_number: 'REF-OPEN' }));
			const result = await runGlomo(sandbox, linkParams(cust, { options: { referenceNumber: 'REF-OPEN' } }));
			expect(result.json('Glomo')[0]).toMatchObject({ id: open.id, status, duplicate: true });
			expect(sandbox.requests.map((r) => r.method)).toEqual(['GET']);
		});

		it.each([
			['a different reference number', { referenceNumber: 'REF-B' }, {}],
			['a different invoice number', { referenceNumber: 'REF-A', invoiceNumber: 'INV-B' }, {}],
			['no reference number where the open link has one', {}, {}],
			['a different amount', { referenceNumber: 'REF-A' }, { amount: 25001 }],
			['a different currency', { referenceNumber: 'REF-A' }, { currency: 'GBP' }],
		])('%s makes a new link', async (_what, options: IDataObject, overrides: IDataObject) => {
			const cust = customer();
			const first = await create(cust, { options: { referenceNumber: 'REF-A' } });
			const result = await runGlomo(sandbox, linkParams(cust, { ...overrides, options }));
			expect(result.json('Glomo')[0].duplicate).toBe(false);
			expect(result.json('Glomo')[0].id).not.toBe(first.id);
			expect(await linksOf(cust)).toHaveLength(2);
		});

		it('another customer\'s identical link is not reused', async () => {
			const other = customer();
			await create(other);
			const cust = customer();
			const result = await runGlomo(sandbox, linkParams(cust));
			expect(result.json('Glomo')[0]).toMatchObject({ customer_id: cust, duplicate: false });
		});

		it('with the switch off, nothing is listed and two runs make two links', async () => {
			const cust = customer();
			const parameters = linkParams(cust, { reuseOpenLink: false, options: { invoiceNumber: 'INV-OFF' } });
			const first = await runGlomo(sandbox, parameters);
			const second = await runGlomo(sandbox, parameters);
			expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/payin', 'POST /api/v1/payin']);
			expect(first.json('Glomo')[0].duplicate).toBe(false);
			expect(second.json('Glomo')[0].duplicate).toBe(false);
			expect(second.json('Glomo')[0].id).not.toBe(first.json('Glomo')[0].id);
			expect(await linksOf(cust)).toHaveLength(2);
		});

		it('looks through at most 1,000 of the customer\'s links, newest first, 100 a page', async () => {
			const cust = customer();
			for (let n = 0; n < 1005; n++) sandbox.insert('payment_link', linkRecord(cust, { amount: 100 + n, created_at: new Date(Date.now() - (2000 - n) * 1000).toISOString() }));
			const result = await runGlomo(sandbox, linkParams(cust, { amount: 100 }));
			expect(result.error).toBeUndefined();
			// the oldest (amount 100) is past the first 1,000: a new link is made
			expect(result.json('Glomo')[0].duplicate).toBe(false);
			const gets = sandbox.requests.filter((r) => r.method === 'GET');
			expect(gets).toHaveLength(10);
			expect(gets.map((r) => r.query.per_page)).toEqual(Array(10).fill('100'));
		});
	});

	test.each([
		['a currency links do not take', { currency: '={{ "INR" }}' }, 'Currency: "INR" is not a supported currency'],
		['an amount of 0', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
		['a customer id of another kind', { customerId: rl('={{ "bene_abcdefgh" }}') }, 'Customer: "bene_abcdefgh" is not a valid ID'],
		['a purpose code that is not one', { purposeCode: '={{ "software" }}' }, 'Purpose Code: "software" is not a purpose code'],
		['no Expires At', { expiresAt: '={{ "" }}' }, 'Expires At: is required'],
		['an Expires At that is not a date', { expiresAt: 'next week' }, 'Expires At: "next week" is not a date'],
		['an Expires At in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'Expires At: 2020-01-01T00:00:00.000Z is not in the future'],
		['an Expires At more than 6 months ahead', { expiresAt: inDays(200) }, /^Expires At: \S+ is more than 6 months ahead$/],
		['no payment method', { paymentMethods: '={{ [] }}' }, 'Payment Methods: choose at least one'],
		['a payment method Glomo does not have', { paymentMethods: ['card', 'crypto'] }, 'Payment Methods: "crypto" is not one of the choices'],
		['a Reuse Open Link that is not a switch', { reuseOpenLink: '={{ "yes" }}' }, 'Reuse Open Link: must be true or false, got "yes"'],
		['a reminder frequency Glomo does not have', { options: { reminderFrequency: 3 } }, 'Options > Reminder Frequency: "3" is not one of the choices'],
		['an invoice amount of 0', { options: { invoiceAmount: 0 } }, 'Options > Invoice Amount: must be a positive number, got "0"'],
		['a document id of another kind', { options: { documentId: 'rfi_abcdefgh' } }, 'Options > Document ID: "rfi_abcdefgh" is not a valid ID'],
		['a note without a key', { options: { notes: { note: [{ key: '', value: 'x' }] } } }, 'Options > Notes > Key: is required for every note'],
		['a product description without a name', { options: { productDescription: 'Twenty hours' } }, 'Options > Product Name: is required when Product Description is given'],
	])('refuses %s by name and sends nothing (not even the lookup)', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, linkParams(customer(), overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment Link › Get, Get Many', () => {
	it('GETs /payin/{id} and outputs the link as Glomo answers it', async () => {
		const link = await create(customer());
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'get', paymentLinkId: rl(String(link.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/payin/${String(link.id)}`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([record(link)]);
	});

	it('passes Glomo\'s 404 for an unknown link on', async () => {
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'get', paymentLinkId: rl('payin_unknown000001') });
		expectApiError(result, 'Payment link not found', '404');
	});

	it('maps the filters of Get Many to customer_id and status, newest first', async () => {
		const cust = customer();
		const older = await create(cust, { options: { referenceNumber: 'F-1' } });
		const newer = await create(cust, { options: { referenceNumber: 'F-2' } });
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'getAll', returnAll: true, filters: { customerId: cust, status: 'active' } });
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/payin', query: { customer_id: cust, status: 'active', per_page: '100', page: '1' }, body: undefined },
		]);
		expect(result.json('Glomo')).toEqual([record(newer), record(older)]);
	});

	it('a Limit asks for that many', async () => {
		const cust = customer();
		await create(cust, { options: { referenceNumber: 'L-1' } });
		await create(cust, { options: { referenceNumber: 'L-2' } });
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'getAll', limit: 1, filters: { customerId: cust } });
		expect(sandbox.requests[0].query).toEqual({ customer_id: cust, per_page: '1', page: '1' });
		expect(result.json('Glomo').map((l) => l.reference_number)).toEqual(['L-2']);
	});

	test.each([
		['a customer filter of another kind', { customerId: 'order_abcdefgh' }, 'Filters > Customer ID: "order_abcdefgh" is not a valid ID'],
		['a status Glomo does not have', { status: '={{ "open" }}' }, 'Filters > Status: "open" is not one of the choices'],
	])('refuses %s by name and sends nothing', async (_what, filters, message) => {
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'getAll', returnAll: true, filters });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a link id of another kind by name and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'get', paymentLinkId: rl('={{ "order_abcdefgh1" }}') });
		expectOperationError(result, 'Payment Link: "order_abcdefgh1" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment Link › Update, Cancel', () => {
	it('PATCHes /payin/{id} with expires_at and reminder_frequency', async () => {
		const link = await create(customer());
		const expiresAt = inDays(90);
		const result = await runGlomo(sandbox, {
			resource: 'paymentLink',
			operation: 'update',
			paymentLinkId: rl(String(link.id)),
			updateFields: { expiresAt, reminderFrequency: 14 },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/payin/${String(link.id)}`, query: {}, body: { expires_at: expiresAt, reminder_frequency: 14 } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: link.id, expires_at: expiresAt, reminder_frequency: 14, status: 'active' });
	});

	it('sends only the field given', async () => {
		const link = await create(customer());
		await runGlomo(sandbox, { resource: 'paymentLink', operation: 'update', paymentLinkId: rl(String(link.id)), updateFields: { reminderFrequency: '={{ "1" }}' } });
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ reminder_frequency: 1 }]);
	});

	test.each([
		['no field at all', {}, 'Update Fields: add Expires At or Reminder Frequency (or both)'],
		['an empty Expires At', { expiresAt: '' }, 'Update Fields > Expires At: is required'],
		['an Expires At in the past', { expiresAt: '2021-06-01T12:00:00Z' }, 'Update Fields > Expires At: 2021-06-01T12:00:00.000Z is not in the future'],
		['a reminder frequency Glomo does not have', { reminderFrequency: 30 }, 'Update Fields > Reminder Frequency: "30" is not one of the choices'],
	])('refuses %s by name and sends nothing', async (_what, updateFields, message) => {
		const result = await runGlomo(sandbox, { resource: 'paymentLink', operation: 'update', paymentLinkId: rl('payin_abcdefgh12'), updateFields });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('PATCHes /payin/{id}/cancel; a second cancel gets Glomo\'s 400', async () => {
		const link = await create(customer());
		const params = { resource: 'paymentLink', operation: 'cancel', paymentLinkId: rl(String(link.id)) };
		const result = await runGlomo(sandbox, params);
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'PATCH', path: `/api/v1/payin/${String(link.id)}/cancel`, query: {}, body: undefined }]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: link.id, status: 'cancelled' });
		expectApiError(await runGlomo(sandbox, params), 'Payment link cannot be cancelled from current state: cancelled', '400');
	});
});

describe('Payment Link › Update RFI, Mock Mark Reviewed', () => {
	it('a link held for documents: Update RFI (PATCH /payin/{id}/update_rfi) → under review → Mock Mark Reviewed → active with its URL', async () => {
		const held = await create(customer(), { amount: 6623 });
		expect(held).toMatchObject({ status: 'action_required', rfi_documents: [{ rfi_doc_id: expect.stringMatching(/^rfidoc_/), name: 'Passport' }] });
		expect(held.payment_link).toBeUndefined();
		const rfiDocId = String((held.rfi_documents as IDataObject[])[0].rfi_doc_id);

		const answered = await runGlomo(sandbox, {
			resource: 'paymentLink',
			operation: 'updateRfi',
			paymentLinkId: rl(String(held.id)),
			documents: { document: [{ rfiDocId, docId: 'doc_passport001' }] },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/payin/${String(held.id)}/update_rfi`, query: {}, body: { documents: [{ id: 'doc_passport001', rfi_doc_id: rfiDocId }] } },
		]);
		expect(answered.json('Glomo')[0]).toMatchObject({ id: held.id, status: 'under_review' });
		sandbox.clearRequests();

		const mock = { resource: 'paymentLink', operation: 'mockMarkReviewed', paymentLinkId: rl(String(held.id)) };
		const reviewed = await runGlomo(sandbox, mock);
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/payin/${String(held.id)}/mock_mark_reviewed`, query: {}, body: undefined },
		]);
		expect(reviewed.json('Glomo')[0]).toMatchObject({ id: held.id, status: 'active', payment_link: expect.stringContaining(String(held.id)) });
		expectApiError(await runGlomo(sandbox, mock), 'Payment link is not under review.', '400');
	});

	it('refuses Update RFI without documents, or with an id of another kind, by name and sends nothing', async () => {
		const base = { resource: 'paymentLink', operation: 'updateRfi', paymentLinkId: rl('payin_abcdefgh12') };
		expectOperationError(
			await runGlomo(sandbox, { ...base, documents: {} }),
			'Documents: add one pair (RFI Document ID and Document ID) for every document the RFI asks for',
		);
		expectOperationError(
			await runGlomo(sandbox, { ...base, documents: { document: [{ rfiDocId: 'rfidoc_abcdefgh', docId: 'payt_abcdefgh' }] } }),
			'Documents > Document ID (pair 1): "payt_abcdefgh" is not a valid ID',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Mock Mark Reviewed is refused with a Live credential and sends nothing', async () => {
		const result = await runGlomo(
			sandbox,
			{ resource: 'paymentLink', operation: 'mockMarkReviewed', paymentLinkId: rl('payin_abcdefgh12') },
			{ credentials: { secretKey: sandbox.issueKey('production'), environment: 'live' } },
		);
		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment link picker', () => {
	it('lists recent links by id, amount, currency and status, and finds one by reference or invoice number', async () => {
		const link = await create(customer(), { amount: 4321, options: { referenceNumber: 'PICK-REF-9', invoiceNumber: 'PICK-INV-9' } });
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const expected = [{ name: `${String(link.id)} - 4321 USD (active)`, value: link.id }];
		expect((await runListSearch('searchPaymentLinks', credentials, { filter: 'pick-ref-9' })).results).toEqual(expected);
		expect((await runListSearch('searchPaymentLinks', credentials, { filter: 'PICK-INV-9' })).results).toEqual(expected);
		expect((await runListSearch('searchPaymentLinks', credentials, { filter: String(link.id) })).results).toEqual(expected);
		expect((await runListSearch('searchPaymentLinks', credentials)).results.map((r) => r.value)).toContain(link.id);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.query.per_page}`)).toEqual(Array(4).fill('GET /api/v1/payin 100'));
	});
});

describe('Payment Link › Create for a platform business', () => {
	it('sends the Price ID, checked by its prefix; a wrong one is refused by name with nothing sent', async () => {
		const cust = customer();
		const made = await runGlomo(sandbox, linkParams(cust, { reuseOpenLink: false, options: { priceId: 'price_5JU9yv0lGSUP' } }));
		expect(made.error).toBeUndefined();
		expect(sandbox.requests.at(-1)?.body).toMatchObject({ price_id: 'price_5JU9yv0lGSUP' });
		sandbox.clearRequests();
		const wrong = await runGlomo(sandbox, linkParams(cust, { options: { priceId: 'prod_5JU9yv0lGSUP' } }));
		expectOperationError(wrong, 'Options > Price ID: "prod_5JU9yv0lGSUP" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('the link rules (reminderDays, checkExpiry, findOpenLink)', () => {
	// what checkExpiry asks of n8n: the node (for errors) and the workflow's time zone (for a date without one)
	const ctx = { getNode: () => ({ id: 'n', name: 'Glomo', type: 'n8n-nodes-glomo.glomo', typeVersion: 1, position: [0, 0], parameters: {} }), getTimezone: () => 'UTC' } as unknown as IExecuteFunctions;
	const now = DateTime.fromISO('2030-01-15T12:00:00Z', { zone: 'utc' });
	const expiry = (value: unknown) => {
		try {
			return checkExpiry(ctx, value, 0, 'Expires At', now);
		} catch (error) {
			return `${(error as Error).message} | ${String((error as { description?: string }).description)}`;
		}
	};

	it('reminderDays: nothing for empty, null or missing; the number otherwise', () => {
		expect([reminderDays(undefined), reminderDays(null), reminderDays(''), reminderDays('7'), reminderDays(14)]).toEqual([undefined, undefined, undefined, 7, 14]);
	});

	it('checkExpiry: after now and at most 6 months ahead, both edges exact', () => {
		expect(expiry('2030-01-15T12:00:00Z')).toBe('Expires At: 2030-01-15T12:00:00.000Z is not in the future | A payment link must expire after now. Nothing was sent to Glomo.');
		expect(expiry('2030-01-15T12:00:01Z')).toBe('2030-01-15T12:00:01.000Z');
		expect(expiry('2030-07-15T12:00:00Z')).toBe('2030-07-15T12:00:00.000Z');
		expect(expiry('2030-07-15T12:00:01Z')).toBe(
			'Expires At: 2030-07-15T12:00:01.000Z is more than 6 months ahead | Glomo accepts an expiry up to 2030-07-15T12:00:00.000Z. Nothing was sent to Glomo.',
		);
		expect(expiry('')).toBe('Expires At: is required | Give a date and time after now and at most 6 months ahead. Nothing was sent to Glomo.');
	});

	it('findOpenLink: a link expiring exactly now is no longer open; numbers and padded texts compare as texts', () => {
		const wanted = { customer_id: 'cust_a00000001', amount: 500, currency: 'USD', invoice_number: 'INV-1', reference_number: '123' };
		const link = { id: 'payin_x0000001', customer_id: 'cust_a00000001', amount: 500, currency: 'usd', status: 'active', invoice_number: ' INV-1 ', reference_number: 123 };
		expect(findOpenLink([link], wanted)?.id).toBe('payin_x0000001');
		expect(findOpenLink([{ ...link, expires_at: '2030-01-15T12:00:00Z' }], wanted, Date.parse('2030-01-15T12:00:00Z'))).toBeUndefined();
		expect(findOpenLink([{ ...link, reference_number: 124 }], wanted)).toBeUndefined();
	});
});

describe('findOpenLink', () => {
	const wanted = { customer_id: 'cust_a00000001', amount: 500, currency: 'USD', invoice_number: 'INV-1', reference_number: undefined };
	const link = (overrides: IDataObject = {}): IDataObject => ({ id: 'payin_x0000001', customer_id: 'cust_a00000001', amount: 500, currency: 'USD', status: 'active', invoice_number: 'INV-1', ...overrides });

	it('takes the first (newest) open match; missing, null and empty texts are equal', () => {
		const links = [link({ id: 'payin_paid0001', status: 'paid' }), link({ id: 'payin_new00001', reference_number: '' }), link({ id: 'payin_old00001', reference_number: null })];
		expect(findOpenLink(links, wanted)?.id).toBe('payin_new00001');
	});

	it('ignores a link past its expiry, and one of another customer, amount, currency or number', () => {
		const now = Date.parse('2030-01-01T00:00:00Z');
		expect(findOpenLink([link({ expires_at: '2029-12-31T23:59:59Z' })], wanted, now)).toBeUndefined();
		expect(findOpenLink([link({ expires_at: '2030-01-01T00:00:01Z' })], wanted, now)?.id).toBe('payin_x0000001');
		for (const other of [{ customer_id: 'cust_b00000001' }, { amount: 501 }, { currency: 'EUR' }, { invoice_number: 'INV-2' }, { reference_number: 'R' }]) {
			expect(findOpenLink([link(other)], wanted)).toBeUndefined();
		}
	});

	it('a link listed for the customer that names no customer is theirs (the list is filtered by customer); one naming another never is', () => {
		expect(findOpenLink([link({ customer_id: undefined })], wanted)?.id).toBe('payin_x0000001');
		expect(findOpenLink([link({ customer_id: null })], wanted)?.id).toBe('payin_x0000001');
		expect(findOpenLink([link({ customer_id: 'cust_b00000001' })], wanted)).toBeUndefined();
	});
});

describe('conformance of the payment link exchanges', () => {
	it('every request and answer of a full run validates against the reference spec', async () => {
		const reference = new ReferenceApi();
		const exchanges: RecordedRequest[] = [];
		const run = async (parameters: IDataObject) => {
			const result = await runGlomo(sandbox, parameters);
			expect(result.error).toBeUndefined();
			exchanges.push(...sandbox.requests);
			sandbox.clearRequests();
			return result.json('Glomo')[0];
		};
		const cust = customer();
		const link = await run(linkParams(cust, { options: { invoiceNumber: 'C-1', referenceNumber: 'C-R', productName: 'P', reminderFrequency: 7, notes: { note: [{ key: 'k', value: 'v' }] } } }));
		await run(linkParams(cust, { options: { invoiceNumber: 'C-1', referenceNumber: 'C-R' } }));
		await run({ resource: 'paymentLink', operation: 'get', paymentLinkId: rl(String(link.id)) });
		await run({ resource: 'paymentLink', operation: 'getAll', limit: 5, filters: { customerId: cust, status: 'active' } });
		await run({ resource: 'paymentLink', operation: 'update', paymentLinkId: rl(String(link.id)), updateFields: { expiresAt: inDays(60), reminderFrequency: 1 } });
		await run({ resource: 'paymentLink', operation: 'cancel', paymentLinkId: rl(String(link.id)) });
		const held = await run(linkParams(cust, { amount: 6623 }));
		const rfiDocId = String((held.rfi_documents as IDataObject[])[0].rfi_doc_id);
		await run({ resource: 'paymentLink', operation: 'updateRfi', paymentLinkId: rl(String(held.id)), documents: { document: [{ rfiDocId, docId: 'doc_conformance1' }] } });
		await run({ resource: 'paymentLink', operation: 'mockMarkReviewed', paymentLinkId: rl(String(held.id)) });

		const findings = exchanges.flatMap((exchange) => {
			const op = reference.find(exchange.method, exchange.path);
			if (!op) return [`${exchange.method} ${exchange.path} is not in the reference`];
			const contentType = exchange.headers['content-type'] as string | undefined;
			return [
				reference.checkRequest(op, exchange.body, contentType),
				reference.checkRequestKeys(op, exchange.body, contentType),
				reference.checkQuery(op, exchange.query),
				reference.checkResponse(op, exchange.status, exchange.responseBody),
			]
				.filter((finding) => finding !== undefined)
				.map((finding) => JSON.stringify(finding));
		});
		expect(findings).toEqual([]);
		expect(new Set(exchanges.map((e) => reference.find(e.method, e.path)?.operationId))).toEqual(
			new Set(['getPayins', 'createPayin', 'getPayinById', 'updatePayin', 'cancelPayin', 'updatePayinRfi', 'mockReviewPaymentLink']),
		);
	});
});
