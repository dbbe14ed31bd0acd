/**
 * Refund: Create (request_id through the shared idempotent-create mechanism; the payment's own
 * amount checked when the input item is the payment; a refund failed at creation named in its
 * error), Get, Get Many, Update RFI, Mock Status and the refund picker, through WorkflowExecute
 * against the sandbox; requests and outputs asserted.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { paymentOfItem, refundProblem } from '../../nodes/Glomo/actions/refund/shared';
import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectApiError, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 616 });
const DERIVED = /^n8n-[0-9a-f]{40}$/;

interface Paid {
	id: string;
	customer: string;
	record: IDataObject;
}

/** A successful card payment of 100.00 USD (or as overridden), seeded as the payments module holds it. */
function payment(overrides: IDataObject = {}): Paid {
	const customer = String(sandbox.insert('customer', customerRecord()).id);
	const record = sandbox.insert('payment', {
		status: 'success',
		customer_id: customer,
		payment_amount: 10000,
		payment_currency: 'USD',
		requested_amount: 10000,
		requested_currency: 'USD',
		payment_method: { type: 'card', details: { card_network: 'Visa', end_digits: '4242' } },
		paid_at: new Date().toISOString(),
		...overrides,
	}) as IDataObject;
	return { id: String(record.id), customer, record };
}

function refundParams(paymentId: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'refund',
		operation: 'create',
		paymentId: rl(paymentId),
		reason: 'Requested By Customer',
		refundAmount: 'full',
		requestId: '',
		options: {},
		...overrides,
	};
}

const partial = (amount: number | string, extra: IDataObject = {}): IDataObject => ({ refundAmount: 'partial', amount, ...extra });

async function refundsOf(paymentId: string): Promise<IDataObject[]> {
	const response = await axios.get(`${sandbox.url}/api/v1/refunds`, {
		params: { payment_id: paymentId, per_page: 100 },
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	sandbox.clearRequests();
	return response.data.data as IDataObject[];
}

describe('Refund › Create', () => {
	it('refunds in full: POSTs payment_id, reason and a derived request_id, no amount; outputs the refund with duplicate = false', async () => {
		const paid = payment();
		const result = await runGlomo(sandbox, refundParams(paid.id));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/refunds',
				query: {},
				body: { payment_id: paid.id, reason: 'Requested By Customer', request_id: expect.stringMatching(DERIVED) },
			},
		]);
		expect(sandbox.requests[0].status).toBe(202);
		expect(result.json('Glomo')).toEqual([
			expect.objectContaining({ id: expect.stringMatching(/^refund_/), payment_id: paid.id, status: 'in_progress', amount: 10000, currency: 'USD', duplicate: false }),
		]);
	});

	it('refunds part of it, typed in decimal units; "Fraudulent" goes out as Glomo spells it, with the given Request ID and a document', async () => {
		const paid = payment();
		const result = await runGlomo(
			sandbox,
			refundParams(paid.id, {
				reason: 'Fradulent',
				...partial('25.50', { decimalAmounts: true, currency: 'USD' }),
				requestId: 'RF-NODE-1',
				options: { documentId: 'doc_proof000001' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/refunds',
				query: {},
				body: { payment_id: paid.id, reason: 'Fradulent', amount: 2550, request_id: 'RF-NODE-1', document_id: 'doc_proof000001' },
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ amount: 2550, reason: 'Fradulent', request_id: 'RF-NODE-1', duplicate: false });
	});

	it('the same Request ID twice makes one refund: the second run outputs it with duplicate = true', async () => {
		const paid = payment();
		const parameters = refundParams(paid.id, partial(1500, { requestId: 'RF-TWICE' }));
		const first = (await runGlomo(sandbox, parameters)).json('Glomo')[0];
		sandbox.clearRequests();
		const second = await runGlomo(sandbox, parameters);
		expect(second.error).toBeUndefined();
		expect(second.json('Glomo')).toEqual([{ ...first, duplicate: true }]);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/v1/refunds 400', 'GET /api/v1/refunds 200']);
		expect(sandbox.requests[1].query).toMatchObject({ request_id: 'RF-TWICE' });
		expect(await refundsOf(paid.id)).toHaveLength(1);
	});

	it('run again with no Request ID (derived) refunds nothing twice, even with the reason changed; On Duplicate = Fail stops instead', async () => {
		const paid = payment();
		const first = (await runGlomo(sandbox, refundParams(paid.id, partial(900)))).json('Glomo')[0];
		const again = await runGlomo(sandbox, refundParams(paid.id, { ...partial(900), reason: 'Duplicate' }));
		expect(again.json('Glomo')).toEqual([{ ...first, duplicate: true }]);
		const strict = await runGlomo(sandbox, refundParams(paid.id, { ...partial(900), options: { onDuplicate: 'error' } }));
		expect(strict.error?.message).toBe(`A refund with the request_id "${String(first.request_id)}" already exists (${String(first.id)}, status in_progress)`);
		expect(await refundsOf(paid.id)).toHaveLength(1);
	});

	it('a Request ID reused for another amount is refused, naming the difference; no second refund', async () => {
		const paid = payment();
		await runGlomo(sandbox, refundParams(paid.id, partial(1000, { requestId: 'RF-OTHER' })));
		const other = await runGlomo(sandbox, refundParams(paid.id, partial(2000, { requestId: 'RF-OTHER' })));
		expect(other.error?.message).toMatch(/^The request_id "RF-OTHER" already belongs to another refund \(refund_/);
		expect(other.error?.description).toContain('amount 2000 was sent, the existing one has 1000');
		expect(await refundsOf(paid.id)).toHaveLength(1);
	});

	describe('when the input item is the payment', () => {
		it('refuses an amount above the payment by name and sends nothing (Payment › Get output)', async () => {
			const paid = payment();
			const result = await runGlomo(sandbox, refundParams(paid.id, partial(10001)), { items: [paid.record] });
			expectOperationError(result, 'Amount: 10001 is more than the payment, which was 100 USD (10000 in minor units)');
			expect(result.error?.description).toBe('The input item is this payment. Nothing was sent to Glomo.');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('reads a Glomo Trigger event about the payment the same way (data.id), in decimal units', async () => {
			const paid = payment({ payment_amount: 5000 });
			const event = { entity_type: 'payment', event_type: 'success', data: paid.record };
			const result = await runGlomo(sandbox, refundParams(paid.id, partial('50.01', { decimalAmounts: true, currency: 'USD' })), { items: [event] });
			expectOperationError(result, 'Amount: 5001 is more than the payment, which was 50 USD (5000 in minor units)');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('refuses a currency other than the payment\'s by name and sends nothing', async () => {
			const paid = payment();
			const result = await runGlomo(sandbox, refundParams(paid.id, partial('10', { decimalAmounts: true, currency: 'EUR' })), { items: [paid.record] });
			expectOperationError(result, 'Currency: is EUR, but the payment was 100 USD (10000 in minor units): a refund is always paid in the payment\'s currency');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('sends an amount up to the payment', async () => {
			const paid = payment();
			const result = await runGlomo(sandbox, refundParams(paid.id, partial(10000)), { items: [paid.record] });
			expect(result.error).toBeUndefined();
			expect(result.json('Glomo')[0]).toMatchObject({ amount: 10000, status: 'in_progress' });
		});
	});

	it('with any other input item it sends, and shows Glomo\'s refusal as it is', async () => {
		const paid = payment();
		const result = await runGlomo(sandbox, refundParams(paid.id, partial(10001)), { items: [{ id: 'payt_another000001', payment_amount: 1 }] });
		expectApiError(result, 'Refund amount exceeds the refundable amount of the payment. Refundable amount: 10000.', '400');
		expect(sandbox.requests.map((r) => r.method)).toEqual(['POST']);
	});

	it('a refund that fails at creation (422) is an error with Glomo\'s message that names the refund', async () => {
		const paid = payment({ payment_currency: 'CAD', requested_currency: 'CAD', payment_amount: 3000 });
		const result = await runGlomo(sandbox, refundParams(paid.id, { requestId: 'RF-FAILS' }));
		expectApiError(result, 'Account has insufficient balance to process this transaction. Additional amount required: 3000.', '422');
		// Glomo's 422 is the refund itself: nothing is fetched again
		expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([['POST', 422]]);
		const [refund] = await refundsOf(paid.id);
		expect(refund.status).toBe('failed');
		expect(result.error?.description).toBe(
			`Glomo made the refund ${String(refund.id)}, which is failed: nothing was refunded. Glomo rejected the request (HTTP 422, Refund creation failed, code INSUFFICIENT_BALANCE). It keeps the request_id "RF-FAILS": to try again after fixing the cause, give another Request ID.`,
		);
		expect(result.error?.context).toMatchObject({ refundId: refund.id, refundStatus: 'failed', requestId: 'RF-FAILS' });

		// Retry On Fail or the same run again: Glomo refuses the reuse, and the failed refund found is
		// still an error, never an output that reads like a refund made
		sandbox.clearRequests();
		const again = await runGlomo(sandbox, refundParams(paid.id, { requestId: 'RF-FAILS' }));
		expectApiError(again, `The refund ${String(refund.id)} with the request_id "RF-FAILS" is failed: nothing was refunded`, '422');
		expect(again.error?.description).toContain('To try again after fixing the cause, give another Request ID.');
		expect(again.error?.context).toMatchObject({ refundId: refund.id, refundStatus: 'failed', requestId: 'RF-FAILS', outcome: 'not sent' });
		expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([
			['POST', 400],
			['GET', 200],
		]);
		expect(await refundsOf(paid.id)).toHaveLength(1);
	});

	it('with Continue On Fail, the failed refund\'s id is in the error item', async () => {
		const paid = payment({ payment_currency: 'CAD', requested_currency: 'CAD', payment_amount: 3000 });
		const result = await runGlomo(sandbox, refundParams(paid.id), { continueOnFail: true });
		const [item] = result.json('Glomo');
		const [refund] = await refundsOf(paid.id);
		expect(item).toMatchObject({ error: expect.stringMatching(/^Account has insufficient balance/), httpCode: '422' });
		expect(item.description).toContain(String(refund.id));
	});

	test.each([
		['a payment id of another kind', { paymentId: rl('={{ "cust_abcdefgh" }}') }, 'Payment: "cust_abcdefgh" is not a valid ID'],
		['no payment (an empty expression)', { paymentId: rl('={{ "" }}') }, 'Payment: is required'],
		['a reason Glomo does not know', { reason: '={{ "Fraudulent" }}' }, 'Reason: "Fraudulent" is not one of the choices'],
		['a partial amount of 0', partial(0), 'Amount: must be a positive number, got "0"'],
		['a partial amount with a fraction of a cent', partial('1.005', { decimalAmounts: true, currency: 'USD' }), 'Amount: 1.005 has more decimals than USD allows'],
		['a fraction in minor units', partial(10.5), 'Amount: must be a whole number of the smallest currency unit, got 10.5'],
		['a currency that is not one', partial('1', { decimalAmounts: true, currency: '={{ "XYZ" }}' }), 'Currency: "XYZ" is not a supported currency'],
		['a Request ID over 64 characters', { requestId: 'r'.repeat(65) }, 'Request ID: is 65 characters long; Glomo accepts at most 64'],
		['a document id of another kind', { options: { documentId: 'rfidoc_abcdefgh' } }, 'Options > Document ID: "rfidoc_abcdefgh" is not a valid ID'],
		['a Refund choice that is neither', { refundAmount: '={{ "some" }}' }, 'Refund: "some" is not one of the choices'],
	])('refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, refundParams('payt_abcdefgh1', overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Refund › Get, Get Many, Update RFI, Mock Status', () => {
	it('GETs /refunds/{id}', async () => {
		const refund = (await runGlomo(sandbox, refundParams(payment().id))).json('Glomo')[0];
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, { resource: 'refund', operation: 'get', refundId: rl(String(refund.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/refunds/${String(refund.id)}`, query: {}, body: undefined }]);
		const { duplicate: _ignored, ...record } = refund;
		expect(result.json('Glomo')).toEqual([record]);
	});

	it('maps the filters of Get Many to customer_id, payment_id, payment_method, request_id and status', async () => {
		const paid = payment();
		await runGlomo(sandbox, refundParams(paid.id, { requestId: 'RF-F-1' }));
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, {
			resource: 'refund',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: paid.customer, paymentId: paid.id, paymentMethod: 'card', requestId: 'RF-F-1', status: 'in_progress' },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/refunds',
				query: { customer_id: paid.customer, payment_id: paid.id, payment_method: 'card', request_id: 'RF-F-1', status: 'in_progress', per_page: '100', page: '1' },
				body: undefined,
			},
		]);
		expect(result.json('Glomo').map((r) => r.request_id)).toEqual(['RF-F-1']);
	});

	test.each([
		['a payment id of another kind', { paymentId: 'order_abcdefgh' }, 'Filters > Payment ID: "order_abcdefgh" is not a valid ID'],
		['a customer id of another kind', { customerId: 'payt_abcdefgh' }, 'Filters > Customer ID: "payt_abcdefgh" is not a valid ID'],
		['a status Glomo does not list', { status: 'pending' }, 'Filters > Status: "pending" is not one of the choices'],
	])('Get Many refuses %s by name and sends nothing', async (_what, filters, message) => {
		const result = await runGlomo(sandbox, { resource: 'refund', operation: 'getAll', returnAll: true, filters });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('answers a refund held for documents (PATCH /refunds/{id}/update_rfi, underscore) and it goes under review', async () => {
		const held = (await runGlomo(sandbox, refundParams(payment().id, partial(6623)))).json('Glomo')[0];
		expect(held.status).toBe('action_required');
		const rfiDocId = String((held.documents as IDataObject[])[0].rfi_doc_id);
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, {
			resource: 'refund',
			operation: 'updateRfi',
			refundId: rl(String(held.id)),
			documents: { document: [{ rfiDocId, docId: 'doc_passport001' }] },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/refunds/${String(held.id)}/update_rfi`, query: {}, body: { documents: [{ id: 'doc_passport001', rfi_doc_id: rfiDocId }] } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: held.id, status: 'under_review' });
	});

	test.each([
		['no document', { document: [] }, 'Documents: add one pair (RFI Document ID and Document ID) for every document the RFI asks for'],
		['a document id of another kind', { document: [{ rfiDocId: 'rfidoc_abcdefgh', docId: 'payt_abcdefgh' }] }, 'Documents > Document ID (pair 1): "payt_abcdefgh" is not a valid ID'],
	])('Update RFI refuses %s by name and sends nothing', async (_case, documents, message) => {
		const result = await runGlomo(sandbox, { resource: 'refund', operation: 'updateRfi', refundId: rl('refund_abcdefgh1'), documents });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Mock Status gives an in-progress refund its outcome (PATCH mock_update_status); a second step is refused by Glomo', async () => {
		const refund = (await runGlomo(sandbox, refundParams(payment().id))).json('Glomo')[0];
		sandbox.clearRequests();
		const mock = async (status: string) => await runGlomo(sandbox, { resource: 'refund', operation: 'mockStatus', refundId: rl(String(refund.id)), status });
		const done = await mock('success');
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/refunds/${String(refund.id)}/mock_update_status`, query: {}, body: { status: 'success' } },
		]);
		expect(done.json('Glomo')).toEqual([expect.objectContaining({ id: refund.id, status: 'success' })]);
		expectApiError(await mock('failed'), 'Refund cannot be marked failed.', '400');
	});

	it('Mock Status is refused with a Live credential and sends nothing', async () => {
		const result = await runGlomo(
			sandbox,
			{ resource: 'refund', operation: 'mockStatus', refundId: rl('refund_abcdefgh1'), status: 'success' },
			{ credentials: { secretKey: sandbox.issueKey('production'), environment: 'live' } },
		);
		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each([
		['a refund id of another kind', { refundId: rl('={{ "payt_abcdefgh1" }}') }, 'Refund: "payt_abcdefgh1" is not a valid ID'],
		['a status the mock does not take', { refundId: rl('refund_abcdefgh1'), status: '={{ "cancelled" }}' }, 'Target Status: "cancelled" is not one of the choices'],
	])('Mock Status refuses %s by name and sends nothing', async (_case, parameters, message) => {
		const result = await runGlomo(sandbox, { resource: 'refund', operation: 'mockStatus', status: 'success', ...parameters });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Refund picker', () => {
	it('lists recent refunds by id, amount, payment and status, and finds one by its payment', async () => {
		const paid = payment();
		const refund = (await runGlomo(sandbox, refundParams(paid.id, partial(4321)))).json('Glomo')[0];
		sandbox.clearRequests();
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const found = await runListSearch('searchRefunds', credentials, { filter: paid.id.toUpperCase() });
		expect(found.results).toEqual([{ name: `${String(refund.id)} · 43.21 USD · ${paid.id} · in_progress`, value: refund.id }]);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.query.per_page}`)).toEqual(['GET /api/v1/refunds 100']);
	});
});

describe('the payment check (paymentOfItem, refundProblem)', () => {
	const paid = { id: 'payt_abc123456', payment_amount: 1999, payment_currency: 'eur' };

	it('knows the payment from its own record or a trigger envelope, and nothing else', () => {
		expect(paymentOfItem(paid, paid.id)).toEqual({ amount: 1999, currency: 'EUR' });
		expect(paymentOfItem({ entity_type: 'payment', data: paid }, paid.id)).toEqual({ amount: 1999, currency: 'EUR' });
		expect(paymentOfItem(paid, 'payt_other00001')).toBeUndefined();
		expect(paymentOfItem({ id: paid.id, payment_amount: '1999', payment_currency: 'EUR' }, paid.id)).toBeUndefined();
		expect(paymentOfItem({ id: paid.id, payment_amount: 1999 }, paid.id)).toBeUndefined();
		expect(paymentOfItem({ data: 'payt_abc123456' }, paid.id)).toBeUndefined();
		// an amount that is no finite number, or a blank currency, tells nothing
		expect(paymentOfItem({ ...paid, payment_amount: NaN }, paid.id)).toBeUndefined();
		expect(paymentOfItem({ ...paid, payment_amount: Infinity }, paid.id)).toBeUndefined();
		expect(paymentOfItem({ ...paid, payment_currency: '   ' }, paid.id)).toBeUndefined();
		expect(paymentOfItem({ ...paid, payment_currency: ' usd ' }, paid.id)).toEqual({ amount: 1999, currency: 'USD' });
	});

	it('refuses more than the payment and another currency; allows up to the payment', () => {
		const facts = { amount: 1999, currency: 'EUR' };
		expect(refundProblem(facts, 1999)).toBeUndefined();
		expect(refundProblem(facts, 1, 'EUR')).toBeUndefined();
		expect(refundProblem(facts, 2000)).toEqual({ field: 'Amount', problem: '2000 is more than the payment, which was 19.99 EUR (1999 in minor units)' });
		expect(refundProblem(facts, 5, 'USD')).toEqual({
			field: 'Currency',
			problem: 'is USD, but the payment was 19.99 EUR (1999 in minor units): a refund is always paid in the payment\'s currency',
		});
	});
});

describe('Refund › Create never refunds twice', () => {
	it('1,000 refund creates with half of the answers lost after commit: exactly 1,000 refunds; run again: still 1,000', async () => {
		// 1,000 part refunds of one large card payment, each its own amount (so its own derived Request ID)
		const paid = payment({ payment_amount: 100_000_000, requested_amount: 100_000_000 });
		const rows = Array.from({ length: 1000 }, (_, index) => ({ amount: 100 + index }));
		const parameters = refundParams(paid.id, partial('={{ $json.amount }}'));
		sandbox.setFaults({ dropAfterCommit: 0.5 });
		const first = await runGlomo(sandbox, parameters, { items: rows });
		expect(first.error).toBeUndefined();
		expect(sandbox.requests.filter((r) => r.method === 'POST' && r.status === 0).length).toBeGreaterThan(300);
		const out = first.json('Glomo');
		expect(out).toHaveLength(1000);
		expect(new Set(out.map((refund) => refund.id)).size).toBe(1000);
		expect(out.map((refund) => refund.amount)).toEqual(rows.map((row) => row.amount));
		expect(out.every((refund) => refund.duplicate === false)).toBe(true);

		sandbox.clearRequests();
		const second = await runGlomo(sandbox, parameters, { items: rows });
		expect(second.error).toBeUndefined();
		expect(second.json('Glomo').map((refund) => refund.id)).toEqual(out.map((refund) => refund.id));
		expect(sandbox.requests.filter((r) => r.method === 'POST' && r.status === 202)).toHaveLength(0);
		sandbox.resetFaults();
		const listed = await axios.get(`${sandbox.url}/api/v1/refunds`, { params: { payment_id: paid.id, per_page: 1 }, headers: { Authorization: `Bearer ${sandbox.secretKey}` } });
		expect(listed.data.page_meta.count).toBe(1000);
	}, 180_000);
});
