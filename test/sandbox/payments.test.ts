/**
 * The sandbox's payments, over plain HTTP: the list's filter quirks, the mock bank transfer (matching,
 * sanctions screening, webhooks, balance), unmatched payments (eligible payins, connect), funds
 * available, update_rfi, and S2S card payments with their 3DS page, test cards and request_id.
 */
import { createHmac } from 'node:crypto';

import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord } from '../nodes/helpers';

const sandbox = useSandbox({ seed: 3131 });

function api(key = sandbox.secretKey): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true });
}

type Row = Record<string, unknown> & { id: string };

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

/** An active payment link (or order) of `amount` `currency`, seeded. */
function payin(kind: 'payment_link' | 'order', amount: number, currency = 'USD', overrides: Record<string, unknown> = {}): Row {
	return sandbox.insert(kind, {
		customer_id: customer(),
		status: 'active',
		currency,
		amount,
		purpose_code: 'P0802',
		payment_methods: ['bank_transfer'],
		notes: {},
		...overrides,
	}) as Row;
}

/** A payment row as the payments module keeps one, seeded. */
function seeded(overrides: Record<string, unknown> = {}): Row {
	return sandbox.insert('payment', {
		payin_id: null,
		payin_type: null,
		subscription_id: null,
		customer_id: customer(),
		status: 'success',
		compliance_status: null,
		payment_amount: 1000,
		payment_currency: 'USD',
		requested_amount: 1000,
		requested_currency: 'USD',
		converted_amount: 1000,
		converted_currency: 'USD',
		funds_available: true,
		settlement_id: null,
		request_id: null,
		...overrides,
	}) as Row;
}

async function balanceOf(currency: string): Promise<number> {
	const response = await api().get('/balances');
	return (response.data.available as Array<{ currency: string; amount: number }>).find((b) => b.currency === currency)?.amount ?? 0;
}

async function mock(body: Record<string, unknown>): Promise<Row> {
	const response = await api().post('/payment/mock', body);
	expect(response.status).toBe(201);
	return response.data as Row;
}

interface Event {
	entity_type: string;
	event_type: string;
	data: Record<string, unknown>;
}

/** Webhooks about `id` (delivered to an address nobody listens on: each delivery is still logged). */
async function eventsOf(id: string, count: number): Promise<Event[]> {
	const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((event) => event.data.id === id);
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}
const kinds = (events: Event[]) => events.map((e) => `${e.entity_type}.${e.event_type}`).sort();

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_payments'));
afterAll(() => sandbox.setWebhookTargets([], ''));
// the account setting a test may switch on (useSandbox resets only the ones it knows)
afterEach(() => sandbox.setAccount({ postPaymentScreening: false }));

describe('POST /payment/mock', () => {
	it('is a 404 with a production key (mock endpoints do not exist in live), and makes nothing', async () => {
		const before = (await api().get('/payment', { params: { per_page: 1 } })).data.page_meta.count;
		const response = await api(sandbox.issueKey('production')).post('/payment/mock', { amount: 1000, currency: 'USD', payment_method: 'BankTransfer' });
		expect(response.status).toBe(404);
		expect((await api().get('/payment', { params: { per_page: 1 } })).data.page_meta.count).toBe(before);
	});

	it.each([
		['an amount below 100', { amount: 99, currency: 'USD', payment_method: 'BankTransfer' }, 400, 'Validation failed: Amount must be greater than or equal to 100'],
		['no currency', { amount: 1000, payment_method: 'BankTransfer' }, 400, "Validation failed: Currency can't be blank"],
		['neither payin_id nor payment_method', { amount: 1000, currency: 'USD' }, 400, 'Either payin_id or payment_method is required'],
		['a payment method other than BankTransfer', { amount: 1000, currency: 'USD', payment_method: 'Card' }, 400, 'Validation failed: Payment method must be one of: BankTransfer'],
		['a remitter name not in the list', { amount: 1000, currency: 'USD', payment_method: 'BankTransfer', remitter_name: 'Bob' }, 400, 'Validation failed: Remitter name must be one of: Sanctioned_Entity, Non_Sanctioned_Entity'],
		['a key it does not know', { amount: 1000, currency: 'USD', payment_method: 'BankTransfer', note: 'x' }, 400, 'Unpermitted parameter: note'],
		['a payin it does not know', { amount: 1000, currency: 'USD', payin_id: 'payin_unknown000001' }, 404, 'Payin not found'],
	])('refuses %s', async (_what, body, status, message) => {
		const response = await api().post('/payment/mock', body);
		expect(response.status).toBe(status);
		expect(response.data.message).toBe(message);
	});

	it('pays an active payment link: success with funds available, the balance credited, the link paid, both webhooks', async () => {
		const link = payin('payment_link', 25000, 'EUR');
		const before = await balanceOf('EUR');
		const payment = await mock({ amount: 25000, currency: 'eur', payin_id: link.id });
		expect(payment).toEqual({
			id: expect.stringMatching(/^payt_[A-Za-z0-9]{13}$/),
			payin_id: link.id,
			payin_type: 'payment_link',
			subscription_id: null,
			merchant_id: expect.stringMatching(/^merch_/),
			customer_id: link.customer_id,
			status: 'success',
			compliance_status: null,
			payment_amount: 25000,
			payment_currency: 'EUR',
			requested_amount: 25000,
			requested_currency: 'EUR',
			converted_amount: 25000,
			converted_currency: 'EUR',
			purpose_code: 'P0802',
			sender_name: 'Non_Sanctioned_Entity',
			notes: {},
			customer_error_description: null,
			paid_at: expect.any(String),
			fee_bearer: 'merchant',
			fee_collection_mode: 'immediate',
			fee_breakdown: { fx_fee: [], txn_fee: [], referral_fee: [] },
			documents: [],
			funds_available: true,
			payment_method: {
				type: 'bank_transfer',
				details: expect.objectContaining({ sender_name: 'Non_Sanctioned_Entity', transfer_type: 'swift', remittance_information: link.id }),
			},
			auto_debit: null,
			product_name: null,
			product_description: null,
			country: 'USA',
			request_id: null,
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(await balanceOf('EUR')).toBe(before + 25000);
		expect((await api().get(`/payin/${link.id}`)).data.status).toBe('paid');
		expect((await api().get(`/payment/${payment.id}`)).data).toEqual(payment);
		expect(kinds(await eventsOf(payment.id, 1))).toEqual(['payment.success']);
		expect((await eventsOf(link.id, 1)).map((e) => [e.entity_type, e.event_type, e.data.status])).toEqual([['payment_link', 'paid', 'paid']]);
	});

	it('pays an active order (payin_type orders, orders.paid)', async () => {
		const order = payin('order', 5000, 'USD');
		const payment = await mock({ amount: 5000, currency: 'USD', payin_id: order.id });
		expect(payment).toMatchObject({ status: 'success', payin_id: order.id, payin_type: 'orders', customer_id: order.customer_id, funds_available: true });
		expect((await api().get(`/orders/${order.id}`)).data.status).toBe('paid');
		expect((await eventsOf(order.id, 1)).map((e) => [e.entity_type, e.event_type])).toEqual([['orders', 'paid']]);
	});

	it.each([
		['a link that is no longer active', 'paid', { amount: 5000, currency: 'USD' }, 'PAYIN_NOT_FOUND'],
		['another amount', 'active', { amount: 4999, currency: 'USD' }, 'PAYIN_AMOUNT_MISMATCH'],
		['another currency', 'active', { amount: 5000, currency: 'GBP' }, 'PAYIN_AMOUNT_MISMATCH'],
	])('leaves a transfer into %s action_required with its error code, unmatched, the link as it was', async (_what, linkStatus, money, code) => {
		const link = payin('payment_link', 5000, 'USD', { status: linkStatus });
		const before = await balanceOf('USD');
		const payment = await mock({ ...money, payin_id: link.id });
		expect(payment).toMatchObject({ status: 'action_required', error_code: code, error_description: expect.any(String), funds_available: false, payin_id: null });
		expect(payment).not.toHaveProperty('payin_type');
		expect(await balanceOf('USD')).toBe(before);
		expect((await api().get(`/payin/${link.id}`)).data.status).toBe(linkStatus);
		expect(kinds(await eventsOf(payment.id, 1))).toEqual(['payment.action_required']);
	});

	it('leaves an unmatched bank transfer (payment_method BankTransfer) action_required PAYIN_NOT_FOUND', async () => {
		const payment = await mock({ amount: 7700, currency: 'AED', payment_method: 'BankTransfer' });
		expect(payment).toMatchObject({ status: 'action_required', error_code: 'PAYIN_NOT_FOUND', payin_id: null, payment_currency: 'AED' });
		expect(payment).not.toHaveProperty('customer_id');
	});

	it.each([
		['the reserved amount 6623', 6623, undefined],
		['a sanctioned remitter', 5000, 'Sanctioned_Entity'],
	])('holds %s as SANCTION_HIT (no post-payment screening): action_required, no RFI, the link untouched', async (_what, amount, remitter) => {
		const link = payin('payment_link', amount, 'USD');
		const payment = await mock({ amount, currency: 'USD', payin_id: link.id, ...(remitter ? { remitter_name: remitter } : {}) });
		expect(payment).toMatchObject({ status: 'action_required', error_code: 'SANCTION_HIT', compliance_status: null, funds_available: false });
		expect(payment).not.toHaveProperty('rfi');
		expect((await api().get(`/payin/${link.id}`)).data.status).toBe('active');
	});

	it('with post-payment screening, a hit is a success held by compliance: an RFI, funds not available, the link paid', async () => {
		sandbox.setAccount({ postPaymentScreening: true });
		const link = payin('payment_link', 6623, 'USD');
		const before = await balanceOf('USD');
		const payment = await mock({ amount: 6623, currency: 'USD', payin_id: link.id });
		expect(payment).toMatchObject({
			status: 'success',
			compliance_status: 'action_required',
			funds_available: false,
			payin_id: link.id,
			rfi_id: expect.stringMatching(/^rfi_/),
			rfi: {
				id: expect.stringMatching(/^rfi_/),
				reason_code: 'COMPLIANCE_REVIEW',
				status: 'action_required',
				response_deadline: expect.any(String),
				documents_required: [expect.objectContaining({ rfi_doc_id: expect.stringMatching(/^rfidoc_/) })],
			},
		});
		expect(payment).not.toHaveProperty('error_code');
		expect(await balanceOf('USD')).toBe(before);
		expect((await api().get(`/payin/${link.id}`)).data.status).toBe('paid');
		expect(kinds(await eventsOf(payment.id, 2))).toEqual(['payment.compliance_action_required', 'payment.success']);
		expect((await api().get(`/rfis/${String(payment.rfi_id)}`)).data.status).toBe('action_required');
	});
});

describe('GET /payment', () => {
	it('filters: customer, compliance status (nulls left out), payment type, payin, subscription, request_id, currency in any case', async () => {
		const cust = customer();
		const a = seeded({ customer_id: cust, payin_id: 'payin_filter0000001', payin_type: 'payment_link', request_id: 'PAY-F-1' });
		const b = seeded({ customer_id: cust, compliance_status: 'approved', converted_currency: 'EUR', requested_currency: 'GBP' });
		const c = seeded({ customer_id: cust, subscription_id: 'sub_filter00000001', payin_type: 'orders' });
		const ids = async (params: Record<string, string>) => ((await api().get('/payment', { params: { customer_id: cust, ...params } })).data.data as Row[]).map((p) => p.id);
		expect(await ids({})).toEqual([c.id, b.id, a.id]);
		expect(await ids({ compliance_status: 'approved' })).toEqual([b.id]);
		expect(await ids({ payment_type: 'payment_link' })).toEqual([a.id]);
		expect(await ids({ payment_type: 'orders' })).toEqual([c.id]);
		expect(await ids({ payin_id: 'payin_filter0000001' })).toEqual([a.id]);
		expect(await ids({ subscription_id: 'sub_filter00000001' })).toEqual([c.id]);
		expect(await ids({ request_id: 'PAY-F-1' })).toEqual([a.id]);
		expect(await ids({ currency: 'eur' })).toEqual([b.id]);
		expect(await ids({ currency: 'GBP' })).toEqual([b.id]);
		expect(await ids({ currency: 'USD' })).toEqual([c.id, a.id]);
	});

	it('status is coarse: in_progress also lists under_review payments', async () => {
		const cust = customer();
		const review = seeded({ customer_id: cust, status: 'under_review' });
		const progress = seeded({ customer_id: cust, status: 'in_progress' });
		seeded({ customer_id: cust, status: 'failed' });
		const listed = await api().get('/payment', { params: { customer_id: cust, status: 'in_progress' } });
		expect((listed.data.data as Row[]).map((p) => [p.id, p.status])).toEqual([
			[progress.id, 'in_progress'],
			[review.id, 'under_review'],
		]);
	});

	it.each([
		['a status the filter does not take', { status: 'under_review' }, 'status must be one of: in_progress, success, failed, action_required'],
		['payin_id with subscription_id', { payin_id: 'payin_abc1234567', subscription_id: 'sub_abc1234567' }, 'You can only send payin_id or subscription_id, not both.'],
		['an unknown compliance status', { compliance_status: 'pending' }, 'compliance_status must be one of: under_review, action_required, approved, rejected'],
		['an unknown payment type', { payment_type: 'card' }, 'payment_type must be one of: payment_link, orders, add_funds'],
	])('refuses %s with a 400', async (_what, params, message) => {
		const response = await api().get('/payment', { params });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it('GET /payment/{id}: 400 for an id of another kind, 404 for an unknown one', async () => {
		expect((await api().get('/payment/order_abcdef123')).data).toEqual({ error: 'Bad Request', message: "Id must start with 'payt_'" });
		const missing = await api().get('/payment/payt_abcdef1234567');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ error: 'Not Found', message: 'Payment not found' });
	});
});

describe('unmatched payments: eligible payins and connect-payin', () => {
	it('lists the active links and orders of exactly its amount and currency, newest first; nothing for a matched payment', async () => {
		const amount = 31_337;
		const oldLink = payin('payment_link', amount, 'SGD');
		const order = payin('order', amount, 'SGD');
		payin('payment_link', amount + 1, 'SGD');
		payin('payment_link', amount, 'USD');
		payin('order', amount, 'SGD', { status: 'paid' });
		const unmatched = await mock({ amount, currency: 'SGD', payment_method: 'BankTransfer' });
		const eligible = await api().get(`/payment/${unmatched.id}/eligible-payins`);
		expect(eligible.status).toBe(200);
		expect((eligible.data.data as Row[]).map((p) => p.id)).toEqual([order.id, oldLink.id]);
		expect(eligible.data.data[0]).toMatchObject({ id: order.id, amount, currency: 'SGD', status: 'active' });

		const matched = seeded();
		expect((await api().get(`/payment/${matched.id}/eligible-payins`)).data).toEqual({ data: [] });
		expect((await api().get('/payment/payt_unknown0000001/eligible-payins')).status).toBe(404);
	});

	it('connects an unmatched payment: success with funds available, the payin paid, webhooks, the balance credited', async () => {
		const link = payin('payment_link', 12_000, 'GBP');
		const unmatched = await mock({ amount: 12_000, currency: 'GBP', payment_method: 'BankTransfer' });
		const before = await balanceOf('GBP');
		const response = await api().post(`/payment/${unmatched.id}/connect-payin`, { payin_id: link.id });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			id: unmatched.id,
			status: 'success',
			payin_id: link.id,
			payin_type: 'payment_link',
			customer_id: link.customer_id,
			funds_available: true,
			customer_error_description: null,
			paid_at: expect.any(String),
		});
		expect(response.data).not.toHaveProperty('error_code');
		expect(await balanceOf('GBP')).toBe(before + 12_000);
		expect((await api().get(`/payin/${link.id}`)).data.status).toBe('paid');
		expect(kinds(await eventsOf(unmatched.id, 2))).toEqual(['payment.action_required', 'payment.success']);
		expect(kinds(await eventsOf(link.id, 1))).toEqual(['payment_link.paid']);
	});

	it('refuses what cannot be connected, and changes nothing', async () => {
		const unmatched = await mock({ amount: 4_400, currency: 'USD', payment_method: 'BankTransfer' });
		const cases: Array<[unknown, number, string]> = [
			[{}, 400, "Validation failed: Payin id can't be blank"],
			[{ payin_id: 'payin_unknown000001' }, 404, 'Payin not found'],
			[{ payin_id: payin('payment_link', 4_400, 'USD', { status: 'cancelled' }).id }, 400, 'Payin is not active'],
			[{ payin_id: payin('order', 4_401, 'USD').id }, 400, 'Payin amount and currency must match the payment'],
			[{ payin_id: payin('order', 4_400, 'EUR').id }, 400, 'Payin amount and currency must match the payment'],
		];
		for (const [body, status, message] of cases) {
			const response = await api().post(`/payment/${unmatched.id}/connect-payin`, body);
			expect([response.status, response.data.message]).toEqual([status, message]);
		}
		expect((await api().get(`/payment/${unmatched.id}`)).data).toMatchObject({ status: 'action_required', error_code: 'PAYIN_NOT_FOUND' });

		const link = payin('payment_link', 6623, 'USD');
		const sanctioned = await mock({ amount: 6623, currency: 'USD', payment_method: 'BankTransfer' });
		const held = await api().post(`/payment/${sanctioned.id}/connect-payin`, { payin_id: link.id });
		expect([held.status, held.data.message]).toEqual([400, 'Only an unmatched payment (PAYIN_NOT_FOUND or PAYIN_AMOUNT_MISMATCH) can be connected to a payin']);
		expect((await api().get(`/payin/${link.id}`)).data.status).toBe('active');
	});
});

describe('PATCH /payment/{id}/mock-funds-available', () => {
	it('makes a successful payment\'s funds available: 200 {data, message}, the balance credited, payment.funds_available', async () => {
		const held = seeded({ funds_available: false, payment_amount: 900, requested_amount: 900, converted_amount: 900, converted_currency: 'AED', requested_currency: 'AED', payment_currency: 'AED' });
		const before = await balanceOf('AED');
		const response = await api().patch(`/payment/${held.id}/mock-funds-available`);
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ data: expect.objectContaining({ id: held.id, funds_available: true, status: 'success' }), message: 'Payment funds available status updated successfully' });
		expect(await balanceOf('AED')).toBe(before + 900);
		expect(kinds(await eventsOf(held.id, 1))).toEqual(['payment.funds_available']);
	});

	it.each([
		['not successful', { status: 'action_required', funds_available: false }, 'Payment must be in success status'],
		['already available', { funds_available: true }, 'Transaction already has funds available'],
	])('refuses a payment %s with a 400 whose body has only error', async (_what, state, error) => {
		const row = seeded(state);
		const response = await api().patch(`/payment/${row.id}/mock-funds-available`);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error });
	});

	it('is a 404 with a production key', async () => {
		const row = seeded({ funds_available: false });
		expect((await api(sandbox.issueKey('production')).patch(`/payment/${row.id}/mock-funds-available`)).status).toBe(404);
		expect((await api().get(`/payment/${row.id}`)).data.funds_available).toBe(false);
	});
});

describe('PATCH /payment/{id}/update_rfi', () => {
	it('answers a compliance hold: compliance under review, the RFI under review, the documents attached', async () => {
		sandbox.setAccount({ postPaymentScreening: true });
		const held = await mock({ amount: 6623, currency: 'USD', payment_method: 'BankTransfer' });
		const rfiDocId = ((held.rfi as Row).documents_required as Row[])[0].rfi_doc_id as string;
		const wrong = await api().patch(`/payment/${held.id}/update_rfi`, { documents: [{ id: 'doc_proof0000001', rfi_doc_id: 'rfidoc_other000001' }] });
		expect([wrong.status, wrong.data.message]).toEqual([400, 'Invalid rfi_doc_id or payment not in action_required status']);

		const response = await api().patch(`/payment/${held.id}/update_rfi`, { documents: [{ id: 'doc_proof0000001', rfi_doc_id: rfiDocId }] });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			status: 'success',
			compliance_status: 'under_review',
			rfi: { status: 'under_review' },
			documents: [{ id: 'doc_proof0000001', type: 'rfi', status: 'uploaded', rfi_doc_id: rfiDocId }],
		});
		expect(kinds(await eventsOf(held.id, 3))).toContain('payment.compliance_under_review');
		const again = await api().patch(`/payment/${held.id}/update_rfi`, { documents: [{ id: 'doc_proof0000001', rfi_doc_id: rfiDocId }] });
		expect(again.status).toBe(400);
	});

	it('refuses a payment with no RFI, and a body with keys it does not know', async () => {
		const row = seeded();
		const none = await api().patch(`/payment/${row.id}/update_rfi`, { documents: [{ id: 'doc_proof0000001', rfi_doc_id: 'rfidoc_x00000001' }] });
		expect([none.status, none.data.message]).toEqual([400, 'Invalid rfi_doc_id or payment not in action_required status']);
		const extra = await api().patch(`/payment/${row.id}/update_rfi`, { documents: [], note: 1 });
		expect([extra.status, extra.data.message]).toEqual([400, 'Unpermitted parameter: note']);
	});
});

describe('POST /payment (S2S card payments)', () => {
	const VISA = '4242424242424242';
	const card = (overrides: Record<string, unknown> = {}) => ({ number: VISA, expiry_month: '08', expiry_year: '2099', cvv: '737', holder_name: 'Asha Rao', ...overrides });
	const body = (orderId: string, overrides: Record<string, unknown> = {}) => ({
		order_id: orderId,
		method: 'card',
		card: card(),
		callback_url: 'https://shop.example.com/return?cart=7',
		...overrides,
	});

	it('answers an accepted card with an in_progress payment and a 3DS URL; the card kept only as BIN and last 4 digits', async () => {
		const order = payin('order', 15_000, 'USD');
		const response = await api().post('/payment', body(order.id, { request_id: 'S2S-1' }));
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({
			status: 'in_progress',
			payin_id: order.id,
			payin_type: 'orders',
			customer_id: order.customer_id,
			payment_amount: 15_000,
			payment_currency: 'USD',
			funds_available: false,
			request_id: 'S2S-1',
			paid_at: null,
			sender_name: 'Asha Rao',
			payment_method: {
				type: 'card',
				details: { card_network: 'Visa', card_type: 'credit', end_digits: '4242', country_code: 'US', card_holder_name: 'Asha Rao', card_bin: '424242', issuer_name: expect.any(String) },
			},
			next_steps: { type: 'redirect', redirect_url: `${sandbox.url}/checkout/3ds/${String(response.data.id)}` },
		});
		// what the sandbox keeps and shows: never the number or the CVV
		const read = JSON.stringify((await api().get(`/payment/${String(response.data.id)}`)).data);
		for (const shown of [read, JSON.stringify(response.data)]) {
			expect(shown).not.toContain(VISA);
			expect(shown).not.toMatch(/"cvv"|"number"|"737"/);
		}

		const again = await api().post('/payment', body(order.id, { request_id: 'S2S-1' }));
		expect([again.status, again.data]).toEqual([400, { error: 'Bad Request', message: 'Payment already exists for this request_id' }]);
	});

	it('the 3DS page completes the payment (order paid, funds available) and sends the customer to the callback, signed', async () => {
		const order = payin('order', 8_000, 'USD');
		const created = await api().post('/payment', body(order.id));
		const before = await balanceOf('USD');
		const page = await axios.get(String(created.data.next_steps.redirect_url), { maxRedirects: 0, validateStatus: () => true });
		expect(page.status).toBe(302);
		const callback = new URL(String(page.headers.location));
		expect(`${callback.origin}${callback.pathname}`).toBe('https://shop.example.com/return');
		expect(Object.fromEntries(callback.searchParams)).toEqual({
			cart: '7',
			order_id: order.id,
			payment_id: created.data.id,
			status: 'success',
			signature: createHmac('sha256', sandbox.secretKey).update(`${order.id}|${String(created.data.id)}|success`).digest('hex'),
		});
		const paid = (await api().get(`/payment/${String(created.data.id)}`)).data;
		expect(paid).toMatchObject({ status: 'success', funds_available: true, paid_at: expect.any(String) });
		expect(paid).not.toHaveProperty('next_steps');
		expect((await api().get(`/orders/${order.id}`)).data.status).toBe('paid');
		expect(await balanceOf('USD')).toBe(before + 8_000);
		expect(kinds(await eventsOf(order.id, 1))).toEqual(['orders.paid']);
		const twice = await axios.get(String(created.data.next_steps.redirect_url), { maxRedirects: 0, validateStatus: () => true });
		expect([twice.status, twice.data.message]).toEqual([400, 'Payment is not awaiting authentication']);
	});

	it('a customer who fails 3DS: failed PAYMENT_DECLINED, the callback says failed, the order stays active', async () => {
		const order = payin('order', 8_100, 'USD');
		const created = await api().post('/payment', body(order.id));
		const page = await axios.get(`${String(created.data.next_steps.redirect_url)}?outcome=failed`, { maxRedirects: 0, validateStatus: () => true });
		expect(new URL(String(page.headers.location)).searchParams.get('status')).toBe('failed');
		expect((await api().get(`/payment/${String(created.data.id)}`)).data).toMatchObject({ status: 'failed', error_code: 'PAYMENT_DECLINED' });
		expect((await api().get(`/orders/${order.id}`)).data.status).toBe('active');
	});

	it.each([
		['a declined card', { number: '4000000000000002' }, 'PAYMENT_DECLINED'],
		['a card with no funds', { number: '4000000000009995' }, 'INSUFFICIENT_BALANCE'],
		['a card without 3DS', { number: '4000000000003063' }, 'CARD_NOT_SUPPORTED_ON_3DS'],
		['an expired card', { expiry_year: '2020' }, 'CARD_EXPIRED'],
		['an American Express card with a 3-digit code', { number: '378282246310005', cvv: '123' }, 'INVALID_CARD_CVV'],
	])('records %s as a failed payment with its error code, and payment.failed', async (_what, cardOverrides, code) => {
		const order = payin('order', 3_000, 'USD');
		const response = await api().post('/payment', body(order.id, { card: card(cardOverrides) }));
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({ status: 'failed', error_code: code, error_description: expect.any(String) });
		expect(response.data).not.toHaveProperty('next_steps');
		expect(kinds(await eventsOf(String(response.data.id), 1))).toEqual(['payment.failed']);
	});

	it('refuses bad requests without echoing the card', async () => {
		const order = payin('order', 3_000, 'USD');
		const cases: Array<[Record<string, unknown>, number, string]> = [
			[body(order.id, { subscription_id: 'sub_abcdef1234567' }), 400, 'You can only send order_id or subscription_id, not both.'],
			[{ method: 'card', card: card(), callback_url: 'https://a.example' }, 400, 'You must send either order_id or subscription_id.'],
			[body(order.id, { callback_url: 'http://shop.example.com/return' }), 400, 'Validation failed: Callback url must be an HTTPS URL'],
			[body(order.id, { card: undefined, callback_url: undefined }), 400, "Validation failed: Card can't be blank, Callback url can't be blank"],
			[body(order.id, { card: card({ number: '4111111111111111' }) }), 400, 'Card is not a valid test card'],
			[body(order.id, { card: card({ number: '4242-4242' }) }), 400, 'Validation failed: Card number is invalid'],
			[body(order.id, { amount: 100 }), 400, 'amount can only be specified for a subsequent charge'],
			[body('order_unknown000001'), 404, 'Order not found'],
			[body(payin('order', 3_000, 'USD', { status: 'paid' }).id), 400, 'Order cannot be paid in its current state: paid'],
			[body(order.id, { request_id: 'x'.repeat(65) }), 400, 'Validation failed: Request id is too long (maximum is 64 characters)'],
		];
		for (const [request, status, message] of cases) {
			const response = await api().post('/payment', request);
			expect([response.status, response.data.message]).toEqual([status, message]);
			expect(JSON.stringify(response.data)).not.toMatch(/4111111111111111|4242-4242/);
		}
		expect((await api().post('/payment', body(order.id))).status).toBe(201);
		const busy = await api().post('/payment', body(order.id));
		expect([busy.status, busy.data.message]).toEqual([400, 'The order has an existing in progress payment']);
	});

	describe('subscriptions', () => {
		let made = 0;
		function subscription(overrides: Record<string, unknown> = {}): Row {
			made++;
			return sandbox.insert('subscription', {
				id: `sub_sandboxtest${String(made).padStart(4, '0')}`,
				customer_id: customer(),
				status: 'created',
				amount: 2_500,
				currency: 'USD',
				interval_type: 'month',
				product_name: 'Monthly plan',
				product_description: 'Everything',
				...overrides,
			}) as Row;
		}

		it('a first payment goes through 3DS and makes the subscription active', async () => {
			const sub = subscription();
			const created = await api().post('/payment', { subscription_id: sub.id, method: 'card', card: card(), callback_url: 'https://shop.example.com/sub' });
			expect(created.data).toMatchObject({ status: 'in_progress', subscription_id: sub.id, payin_id: null, payment_amount: 2_500, auto_debit: false, product_name: 'Monthly plan' });
			const page = await axios.get(String(created.data.next_steps.redirect_url), { maxRedirects: 0, validateStatus: () => true });
			expect(new URL(String(page.headers.location)).searchParams.get('order_id')).toBe(sub.id);
			expect((await api().get(`/payment/${String(created.data.id)}`)).data.status).toBe('success');
			expect((await eventsOf(sub.id, 1)).map((e) => [e.entity_type, e.event_type])).toEqual([['subscription', 'active']]);
		});

		it('a later charge of an as_presented subscription succeeds at once, up to max_amount, in its currency', async () => {
			const sub = subscription({ status: 'active', interval_type: 'as_presented', amount: undefined, max_amount: 10_000 });
			const charge = (extra: Record<string, unknown>) => api().post('/payment', { subscription_id: sub.id, sequence: 'subsequent', amount: 9_000, currency: 'USD', ...extra });
			const done = await charge({ request_id: 'SUB-LATER-1' });
			expect(done.status).toBe(201);
			expect(done.data).toMatchObject({ status: 'success', funds_available: true, subscription_id: sub.id, requested_amount: 9_000, requested_currency: 'USD', auto_debit: true });
			expect(done.data).not.toHaveProperty('next_steps');
			const refusals: Array<[Record<string, unknown>, string]> = [
				[{ amount: 10_001 }, "Amount cannot exceed the subscription's max_amount of 10000"],
				[{ currency: 'EUR' }, 'Currency must match the subscription currency'],
				[{ card: card() }, 'card cannot be specified for a subsequent charge'],
				[{ request_id: 'SUB-LATER-1' }, 'Payment already exists for this request_id'],
			];
			for (const [extra, message] of refusals) expect((await charge(extra)).data.message).toBe(message);
			const monthly = subscription({ status: 'active' });
			const wrongKind = await api().post('/payment', { subscription_id: monthly.id, sequence: 'subsequent', amount: 100, currency: 'USD' });
			expect(wrongKind.data.message).toBe('Subsequent charges are only allowed for as_presented subscriptions');
			const cancelled = subscription({ status: 'cancelled' });
			const over = await api().post('/payment', { subscription_id: cancelled.id, method: 'card', card: card(), callback_url: 'https://a.example/x' });
			expect(over.data.message).toBe('Subscription cannot be charged from current state: cancelled');
		});
	});
});
