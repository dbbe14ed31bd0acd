/**
 * The sandbox's refunds and customer bank accounts, over plain HTTP: eligibility, cumulative
 * amounts, the lifecycle and its webhooks, request_id reuse, the 422 of a refund failed at
 * creation, and the TPV account that replaces the active one.
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord } from '../nodes/helpers';

const sandbox = useSandbox({ seed: 4242 });

function api(key = sandbox.secretKey): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true });
}

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

/** A successful card payment of 100.00 USD (or as overridden), seeded as the payments module would hold it. */
function payment(overrides: Record<string, unknown> = {}): { id: string; customer: string } {
	const cust = customer();
	const row = sandbox.insert('payment', {
		status: 'success',
		customer_id: cust,
		payment_amount: 10000,
		payment_currency: 'USD',
		requested_amount: 10000,
		requested_currency: 'USD',
		payment_method: { type: 'card', details: { card_network: 'Visa', end_digits: '4242' } },
		paid_at: new Date().toISOString(),
		...overrides,
	});
	return { id: String(row.id), customer: cust };
}

async function balanceOf(currency: string): Promise<number> {
	const response = await api().get('/balances');
	return (response.data.available as Array<{ currency: string; amount: number }>).find((b) => b.currency === currency)?.amount ?? 0;
}

/** Webhooks about `id`, as delivered (to an address nobody listens on: each delivery is still logged). */
async function eventsOf(id: string, count: number): Promise<Array<{ entity_type: string; event_type: string; data: Record<string, unknown> }>> {
	const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body)).filter((event) => event.data.id === id);
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_refunds'));
afterAll(() => sandbox.setWebhookTargets([], ''));

describe('POST /refunds', () => {
	it('refunds a payment in full: 202 in_progress in the Refund shape, paid from the balance', async () => {
		const paid = payment();
		const before = await balanceOf('USD');
		const response = await api().post('/refunds', { payment_id: paid.id, reason: 'Requested By Customer', request_id: 'RF-FULL-1' });
		expect(response.status).toBe(202);
		expect(response.data).toEqual({
			id: expect.stringMatching(/^refund_/),
			customer_id: paid.customer,
			payment_id: paid.id,
			reason: 'Requested By Customer',
			fx_fee: { amount: 0, currency: 'USD' },
			txn_fee: { amount: 0, currency: 'USD' },
			documents: [],
			status: 'in_progress',
			currency: 'USD',
			amount: 10000,
			request_id: 'RF-FULL-1',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(await balanceOf('USD')).toBe(before - 10000);
		expect((await api().get(`/refunds/${response.data.id}`)).data).toEqual(response.data);
	});

	it('a reused request_id is 400 "Refund already exists for this request_id" and makes nothing', async () => {
		const paid = payment();
		await api().post('/refunds', { payment_id: paid.id, reason: 'Duplicate', amount: 1000, request_id: 'RF-SAME' });
		const again = await api().post('/refunds', { payment_id: paid.id, reason: 'Duplicate', amount: 1000, request_id: 'RF-SAME' });
		expect(again.status).toBe(400);
		expect(again.data).toEqual({ error: 'Bad Request', message: 'Refund already exists for this request_id' });
		expect((await api().get('/refunds', { params: { payment_id: paid.id } })).data.data).toHaveLength(1);
	});

	it('counts every refund not failed against the payment; a failed one frees its amount again', async () => {
		const paid = payment();
		const first = await api().post('/refunds', { payment_id: paid.id, reason: 'Others', amount: 3000 });
		const second = await api().post('/refunds', { payment_id: paid.id, reason: 'Others', amount: 5000 });
		expect([first.status, second.status]).toEqual([202, 202]);
		const over = await api().post('/refunds', { payment_id: paid.id, reason: 'Others', amount: 2001 });
		expect(over.status).toBe(400);
		expect(over.data.message).toBe('Refund amount exceeds the refundable amount of the payment. Refundable amount: 2000.');
		await api().patch(`/refunds/${first.data.id}/mock_update_status`, { status: 'failed' });
		const rest = await api().post('/refunds', { payment_id: paid.id, reason: 'Others' });
		expect(rest.status).toBe(202);
		expect(rest.data.amount).toBe(5000);
		const none = await api().post('/refunds', { payment_id: paid.id, reason: 'Others' });
		expect(none.data).toEqual({ error: 'Bad Request', message: 'Payment has already been fully refunded' });
	});

	it('refunds a bank transfer in full only', async () => {
		const paid = payment({ payment_method: { type: 'bank_transfer', details: {} } });
		const partial = await api().post('/refunds', { payment_id: paid.id, reason: 'Others', amount: 500 });
		expect(partial.status).toBe(400);
		expect(partial.data.message).toBe('Partial refunds are only supported for card payments');
		const full = await api().post('/refunds', { payment_id: paid.id, reason: 'Others', amount: 10000 });
		expect(full.status).toBe(202);
	});

	it.each([
		['a payment not in success', { status: 'in_progress' }, 400, 'Only a payment in success status can be refunded'],
		['a payment held by compliance', { compliance_status: 'action_required' }, 400, 'Payment is held or rejected by compliance and cannot be refunded'],
		['a payment older than 180 days', { paid_at: new Date(Date.now() - 181 * 86_400_000).toISOString() }, 400, 'Payment is older than 180 days and cannot be refunded'],
		['a pay-via-bank payment', { payment_method: { type: 'pay_via_bank' } }, 400, 'Pay via bank payments cannot be refunded'],
		['an add-funds payment', { payin_type: 'add_funds' }, 400, 'Add funds payments cannot be refunded'],
	])('refuses %s', async (_case, overrides, status, message) => {
		const paid = payment(overrides);
		const response = await api().post('/refunds', { payment_id: paid.id, reason: 'Others' });
		expect([response.status, response.data.message]).toEqual([status, message]);
		expect((await api().get('/refunds', { params: { payment_id: paid.id } })).data.data).toEqual([]);
	});

	it.each([
		['an unknown payment', { payment_id: 'payt_000000000000', reason: 'Others' }, 404, 'Payment not found'],
		['no payment_id', { reason: 'Others' }, 400, "Validation failed: Payment id can't be blank"],
		['the reason spelt right', { payment_id: 'payt_000000000000', reason: 'Fraudulent' }, 400, 'Validation failed: Reason must be one of: Requested By Customer, Duplicate, Fradulent, Others'],
		['a fractional amount', { payment_id: 'payt_000000000000', reason: 'Others', amount: 10.5 }, 400, 'Validation failed: Amount must be an integer'],
	])('refuses %s', async (_case, body, status, message) => {
		const response = await api().post('/refunds', body);
		expect([response.status, response.data.message]).toEqual([status, message]);
	});

	it('a refund the balance cannot cover fails at creation: 422 with the refund as body, stored failed, refund.failed', async () => {
		const paid = payment({ payment_currency: 'CAD', requested_currency: 'CAD', payment_amount: 2500 });
		const response = await api().post('/refunds', { payment_id: paid.id, reason: 'Others', request_id: 'RF-422' });
		expect(response.status).toBe(422);
		expect(response.data).toMatchObject({
			id: expect.stringMatching(/^refund_/),
			status: 'failed',
			amount: 2500,
			currency: 'CAD',
			error: 'Refund creation failed',
			message: 'Account has insufficient balance to process this transaction. Additional amount required: 2500.',
			code: 'INSUFFICIENT_BALANCE',
		});
		const stored = (await api().get(`/refunds/${response.data.id}`)).data;
		expect(stored.status).toBe('failed');
		expect(stored).not.toHaveProperty('message');
		expect((await eventsOf(response.data.id, 1)).map((e) => `${e.entity_type}.${e.event_type}`)).toEqual(['refund.failed']);
	});
});

describe('refund lifecycle', () => {
	it('in_progress → success by the mock (refund.success); no step after it', async () => {
		const refund = (await api().post('/refunds', { payment_id: payment().id, reason: 'Others' })).data;
		const done = await api().patch(`/refunds/${refund.id}/mock_update_status`, { status: 'success' });
		expect(done.status).toBe(200);
		expect(done.data).toMatchObject({ id: refund.id, status: 'success' });
		const later = await api().patch(`/refunds/${refund.id}/mock_update_status`, { status: 'failed' });
		expect([later.status, later.data.message]).toEqual([400, 'Refund cannot be marked failed.']);
		expect((await eventsOf(refund.id, 1)).map((e) => [e.event_type, e.data.status])).toEqual([['success', 'success']]);
	});

	it('a failed refund gives its amount back to the balance (refund.failed)', async () => {
		const refund = (await api().post('/refunds', { payment_id: payment().id, reason: 'Others', amount: 700 })).data;
		const before = await balanceOf('USD');
		const failed = await api().patch(`/refunds/${refund.id}/mock_update_status`, { status: 'failed' });
		expect(failed.data.status).toBe('failed');
		expect(await balanceOf('USD')).toBe(before + 700);
		expect((await eventsOf(refund.id, 1)).map((e) => e.event_type)).toEqual(['failed']);
	});

	it('a refund of 6623 waits for documents: update_rfi puts it under review, then the mock gives its outcome', async () => {
		const held = await api().post('/refunds', { payment_id: payment().id, reason: 'Others', amount: 6623 });
		expect(held.status).toBe(202);
		expect(held.data.status).toBe('action_required');
		const requirement = held.data.documents[0];
		expect(requirement).toEqual({ id: null, rfi_doc_id: expect.stringMatching(/^rfidoc_/), type: 'rfi', status: 'pending' });
		const early = await api().patch(`/refunds/${held.data.id}/mock_update_status`, { status: 'success' });
		expect([early.status, early.data.message]).toEqual([400, 'Refund cannot be marked success.']);
		const wrong = await api().patch(`/refunds/${held.data.id}/update_rfi`, { documents: [{ id: 'doc_answer00001', rfi_doc_id: 'rfidoc_other000001' }] });
		expect([wrong.status, wrong.data.message]).toEqual([400, 'Invalid rfi_doc_id or refund not in action_required status']);
		const answered = await api().patch(`/refunds/${held.data.id}/update_rfi`, { documents: [{ id: 'doc_answer00001', rfi_doc_id: requirement.rfi_doc_id }] });
		expect(answered.status).toBe(200);
		expect(answered.data).toMatchObject({ status: 'under_review', documents: [{ id: 'doc_answer00001', rfi_doc_id: requirement.rfi_doc_id, type: 'rfi', status: 'uploaded' }] });
		expect((await api().patch(`/refunds/${held.data.id}/mock_update_status`, { status: 'success' })).data.status).toBe('success');
		expect((await eventsOf(held.data.id, 2)).map((e) => e.event_type)).toEqual(['action_required', 'success']);
	});

	it('the mock takes only success or failed, and is a 404 with a production key', async () => {
		const refund = (await api().post('/refunds', { payment_id: payment().id, reason: 'Others' })).data;
		const other = await api().patch(`/refunds/${refund.id}/mock_update_status`, { status: 'cancelled' });
		expect([other.status, other.data.message]).toEqual([400, 'Validation failed: Status must be one of: success, failed']);
		const live = await api(sandbox.issueKey('production')).patch(`/refunds/${refund.id}/mock_update_status`, { status: 'success' });
		expect(live.status).toBe(404);
		expect((await api().get(`/refunds/${refund.id}`)).data.status).toBe('in_progress');
	});

	it('GET of an unknown refund is 404 "Refund not found"; another prefix is a 400', async () => {
		expect((await api().get('/refunds/refund_000000000000')).data).toEqual({ error: 'Not Found', message: 'Refund not found' });
		expect((await api().get('/refunds/payt_000000000000')).status).toBe(400);
	});
});

describe('GET /refunds', () => {
	it('filters by customer, payment, payment method, status (pending = in_progress) and request_id', async () => {
		const card = payment();
		const bank = payment({ payment_method: { type: 'bank_transfer' } });
		const a = (await api().post('/refunds', { payment_id: card.id, reason: 'Others', amount: 100, request_id: 'RF-LIST-A' })).data;
		const b = (await api().post('/refunds', { payment_id: bank.id, reason: 'Others', request_id: 'RF-LIST-B' })).data;
		await api().patch(`/refunds/${b.id}/mock_update_status`, { status: 'success' });
		const ids = async (params: Record<string, string>) => ((await api().get('/refunds', { params })).data.data as Array<{ id: string }>).map((r) => r.id);
		expect(await ids({ customer_id: card.customer })).toEqual([a.id]);
		expect(await ids({ payment_id: bank.id })).toEqual([b.id]);
		expect(await ids({ payment_method: 'bank_transfer', status: 'success', customer_id: bank.customer })).toEqual([b.id]);
		expect(await ids({ payment_method: 'card', customer_id: bank.customer })).toEqual([]);
		expect(await ids({ status: 'pending', customer_id: card.customer })).toEqual([a.id]);
		expect(await ids({ status: 'in_progress', request_id: 'RF-LIST-A' })).toEqual([a.id]);
		const listed = (await api().get('/refunds', { params: { request_id: 'RF-LIST-A' } })).data.data[0];
		expect(listed).not.toHaveProperty('_payment_method');
		expect((await api().get('/refunds', { params: { status: 'refunded' } })).status).toBe(400);
	});
});

describe('customer bank accounts', () => {
	it('a new account replaces the active one; the list holds both, newest first, as a bare array', async () => {
		const cust = customer();
		const first = await api().post(`/customer/${cust}/bank-accounts`, { account_number: '1234567890', bic_primary: 'HDFCINBBDEL' });
		expect(first.status).toBe(201);
		expect(first.data).toEqual({
			id: expect.stringMatching(/^cba_/),
			account_number: '1234567890',
			bic_primary: 'HDFCINBBDEL',
			bic_secondary: null,
			bank_code: 'hdfc',
			bank_customer_id: null,
			status: 'active',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const second = await api().post(`/customer/${cust}/bank-accounts`, { account_number: '99887766', bic_secondary: 'ICIC0000001' });
		expect(second.data).toMatchObject({ bic_primary: null, bic_secondary: 'ICIC0000001', bank_code: 'icic', status: 'active' });
		const listed = await api().get(`/customer/${cust}/bank-accounts`);
		expect(listed.status).toBe(200);
		expect((listed.data as Array<{ id: string; status: string }>).map((a) => [a.id, a.status])).toEqual([
			[second.data.id, 'active'],
			[first.data.id, 'inactive'],
		]);
		expect((await api().get(`/customer/${customer()}/bank-accounts`)).data).toEqual([]);
	});

	it.each([
		['neither bank code', { account_number: '1234567890' }, 400, 'Validation failed: Bic primary or bic secondary must be present'],
		['no account number', { bic_primary: 'HDFCINBBDEL' }, 400, "Validation failed: Account number can't be blank"],
		['a SWIFT code of the wrong form', { account_number: '1234567890', bic_primary: 'HDFC' }, 400, 'Validation failed: Bic primary is invalid'],
	])('refuses %s', async (_case, body, status, message) => {
		const response = await api().post(`/customer/${customer()}/bank-accounts`, body);
		expect([response.status, response.data.message]).toEqual([status, message]);
	});

	it('an unknown customer is 404 "Customer not found"', async () => {
		const response = await api().post('/customer/cust_000000000000/bank-accounts', { account_number: '1234567890', bic_primary: 'HDFCINBBDEL' });
		expect([response.status, response.data.message]).toEqual([404, 'Customer not found']);
		expect((await api().get('/customer/cust_000000000000/bank-accounts')).status).toBe(404);
	});
});
