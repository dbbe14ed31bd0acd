/**
 * The sandbox's payment links (`/payin`) over plain HTTP: creation and its refusals, request_id
 * ignored as Glomo does, the lifecycle (held for documents → under review → mock review → active,
 * cancel) with a webhook on every change, update of expiry and reminders, lists and lookups.
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord } from '../nodes/helpers';
import { addMonthsUtc, checkoutUrl } from './resources/paymentLinks';

const sandbox = useSandbox({ seed: 662 });
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function api(key = sandbox.secretKey): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true });
}

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

function linkBody(cust: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		customer_id: cust,
		amount: 5000,
		currency: 'USD',
		purpose_code: 'P0802',
		expires_at: inDays(30),
		payment_methods: ['card'],
		...overrides,
	};
}

/** The webhooks sent for one link so far, as [event_type, data.status]. */
function eventsOf(id: string): Array<[string, string]> {
	return sandbox.webhooks
		.map((w) => JSON.parse(w.body) as { entity_type: string; event_type: string; data: { id: string; status: string } })
		.filter((e) => e.data.id === id)
		.map((e) => {
			expect(e.entity_type).toBe('payment_link');
			return [e.event_type, e.data.status];
		});
}

async function waitForEvents(id: string, count: number): Promise<Array<[string, string]>> {
	for (let waited = 0; eventsOf(id).length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return eventsOf(id);
}

describe('POST /payin', () => {
	it('creates an active link with its hosted URL, in the spec\'s shape, unset optional fields left out', async () => {
		const cust = customer();
		const expiresAt = inDays(30);
		const response = await api().post('/payin', linkBody(cust, { expires_at: expiresAt, invoice_number: 'INV-1', reminder_frequency: 7, product: { name: 'Consulting' }, notes: { crm: 'A-1' } }));
		expect(response.status).toBe(201);
		const id = String(response.data.id);
		expect(id).toMatch(/^payin_[A-Za-z0-9]{13}$/);
		expect(response.data).toEqual({
			id,
			customer_id: cust,
			status: 'active',
			payment_methods: ['card'],
			currency: 'USD',
			amount: 5000,
			purpose_code: 'P0802',
			invoice_number: 'INV-1',
			expires_at: expiresAt,
			payment_link: checkoutUrl(id),
			reminder_frequency: 7,
			product: { name: 'Consulting' },
			notes: { crm: 'A-1' },
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect((await api().get(`/payin/${id}`)).data).toEqual(response.data);
	});

	it('accepts a request_id and ignores it, as Glomo does: the same body twice makes two links', async () => {
		const cust = customer();
		const first = await api().post('/payin', linkBody(cust, { request_id: 'same-1' }));
		const second = await api().post('/payin', linkBody(cust, { request_id: 'same-1' }));
		expect([first.status, second.status]).toEqual([201, 201]);
		expect(second.data.id).not.toBe(first.data.id);
		expect(first.data.request_id).toBeUndefined();
		expect((await api().get('/payin', { params: { customer_id: cust } })).data.page_meta.count).toBe(2);
	});

	it('keeps bank account details with the codes not given as null', async () => {
		const response = await api().post('/payin', linkBody(customer(), { bank_account_details: { account_number: '1234567890', bic_primary: 'HDFCINBBDEL' } }));
		expect(response.data.bank_account_details).toEqual({ account_number: '1234567890', bic_primary: 'HDFCINBBDEL', bic_secondary: null, bank_customer_id: null });
	});

	it('accepts an expiry just inside 6 months', async () => {
		const response = await api().post('/payin', linkBody(customer(), { expires_at: new Date(addMonthsUtc(Date.now(), 6) - 60_000).toISOString() }));
		expect(response.status).toBe(201);
	});

	it.each([
		['no body at all', {}, 400, "Validation failed: Customer id can't be blank, Amount can't be blank, Currency can't be blank, Purpose code can't be blank, Expires at can't be blank, Payment methods can't be blank"],
		['an amount of 0', { amount: 0 }, 400, 'Validation failed: Amount must be greater than or equal to 1'],
		['an amount as text', { amount: '5000' }, 400, 'Validation failed: Amount must be an integer'],
		['a currency links do not take', { currency: 'INR' }, 400, 'Currency not supported'],
		['an expiry in the past', { expires_at: '2020-01-01T00:00:00Z' }, 400, 'Validation failed: Expires at must be in the future'],
		['an expiry of now', { expires_at: 'NOW' }, 400, 'Validation failed: Expires at must be in the future'],
		['an expiry over 6 months ahead', { expires_at: 'FAR' }, 400, 'Validation failed: Expires at cannot be more than 6 months in the future'],
		['an expiry that is no timestamp', { expires_at: 'tomorrow' }, 400, 'Validation failed: Expires at is not a valid timestamp'],
		['no payment method', { payment_methods: [] }, 400, "Validation failed: Payment methods can't be blank"],
		['a payment method Glomo has not', { payment_methods: ['card', 'cash'] }, 400, 'Validation failed: Payment methods must be one of: bank_transfer, pay_via_bank, card'],
		['a reminder frequency Glomo has not', { reminder_frequency: 3 }, 400, 'Validation failed: Reminder frequency must be one of: 1, 2, 7, 14'],
		['a document id of another kind', { document_id: 'payt_abc' }, 400, "document_id must start with 'doc_'"],
		['bank details without a bank code', { bank_account_details: { account_number: '1' } }, 400, 'Validation failed: Bank account details must include bic_primary or bic_secondary'],
		['an unknown customer', { customer_id: 'cust_unknown000001' }, 404, 'Customer not found'],
		['a customer id of another kind', { customer_id: 'bene_abcdefgh' }, 404, 'Customer not found'],
	])('refuses %s', async (_what, overrides, status, message) => {
		const cust = customer();
		const fields = { ...overrides } as Record<string, unknown>;
		if (fields.expires_at === 'NOW') fields.expires_at = new Date(Date.now() - 1).toISOString();
		if (fields.expires_at === 'FAR') fields.expires_at = new Date(addMonthsUtc(Date.now(), 6) + 60_000).toISOString();
		const body = Object.keys(overrides).length ? linkBody(cust, fields) : {};
		const response = await api().post('/payin', body);
		expect(response.status).toBe(status);
		expect(response.data).toEqual({ error: status === 400 ? 'Bad Request' : 'Not Found', message });
		expect((await api().get('/payin', { params: { customer_id: cust } })).data.data).toEqual([]);
	});
});

describe('the payment link lifecycle, with a webhook on every change', () => {
	beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_test'));
	afterAll(() => sandbox.setWebhookTargets([], ''));

	it('6623: action_required with rfi_documents → update_rfi → under_review → mock_mark_reviewed → active with its URL → cancelled', async () => {
		const created = await api().post('/payin', linkBody(customer(), { amount: 6623 }));
		expect(created.status).toBe(201);
		const id = String(created.data.id);
		expect(created.data).toMatchObject({ status: 'action_required', rfi_documents: [{ rfi_doc_id: expect.stringMatching(/^rfidoc_/), name: 'Passport' }] });
		expect(created.data.payment_link).toBeUndefined();
		const rfiDocId = String(created.data.rfi_documents[0].rfi_doc_id);

		expect((await api().patch(`/payin/${id}/cancel`)).data).toEqual({ error: 'Bad Request', message: 'Payment link cannot be cancelled from current state: action_required' });
		const early = await api().patch(`/payin/${id}/mock_mark_reviewed`);
		expect(early.status).toBe(400);
		expect(early.data).toEqual({ message: 'Payment link is not under review.' });
		const wrongDoc = await api().patch(`/payin/${id}/update_rfi`, { documents: [{ id: 'doc_passport001', rfi_doc_id: 'rfidoc_other000001' }] });
		expect(wrongDoc.data).toEqual({ error: 'Bad Request', message: 'Invalid rfi_doc_id or payment link not in action_required status' });

		const answered = await api().patch(`/payin/${id}/update_rfi`, { documents: [{ id: 'doc_passport001', rfi_doc_id: rfiDocId }] });
		expect(answered.status).toBe(200);
		expect(answered.data.status).toBe('under_review');
		expect(answered.data.rfi_documents).toBeUndefined();
		expect(answered.data.rfi_responses).toBeUndefined();
		expect(answered.data.payment_link).toBeUndefined();
		const again = await api().patch(`/payin/${id}/update_rfi`, { documents: [{ id: 'doc_passport001', rfi_doc_id: rfiDocId }] });
		expect(again.status).toBe(400);

		const reviewed = await api().patch(`/payin/${id}/mock_mark_reviewed`);
		expect(reviewed.status).toBe(200);
		expect(reviewed.data).toMatchObject({ id, status: 'active', payment_link: checkoutUrl(id) });

		const cancelled = await api().patch(`/payin/${id}/cancel`);
		expect(cancelled.status).toBe(200);
		expect(cancelled.data.status).toBe('cancelled');
		expect((await api().patch(`/payin/${id}/cancel`)).data.message).toBe('Payment link cannot be cancelled from current state: cancelled');

		expect(await waitForEvents(id, 4)).toEqual([
			['action_required', 'action_required'],
			['under_review', 'under_review'],
			['active', 'active'],
			['cancelled', 'cancelled'],
		]);
	});

	it('answers the hyphenated update-rfi path the payins skill writes, too', async () => {
		const created = await api().post('/payin', linkBody(customer(), { amount: 6623 }));
		const rfiDocId = String(created.data.rfi_documents[0].rfi_doc_id);
		const answered = await api().patch(`/payin/${String(created.data.id)}/update-rfi`, { documents: [{ id: 'doc_passport002', rfi_doc_id: rfiDocId }] });
		expect(answered.data.status).toBe('under_review');
	});

	it('an update sends a webhook with the status the link is in', async () => {
		const created = await api().post('/payin', linkBody(customer()));
		const id = String(created.data.id);
		const updated = await api().patch(`/payin/${id}`, { reminder_frequency: 14 });
		expect(updated.data).toMatchObject({ id, status: 'active', reminder_frequency: 14 });
		expect(await waitForEvents(id, 2)).toEqual([
			['active', 'active'],
			['active', 'active'],
		]);
	});

	it('mock_mark_reviewed is not there for a production key', async () => {
		const created = await api().post('/payin', linkBody(customer(), { amount: 6623 }));
		const response = await api(sandbox.issueKey('production')).patch(`/payin/${String(created.data.id)}/mock_mark_reviewed`);
		expect(response.status).toBe(404);
	});
});

describe('PATCH /payin/{id}', () => {
	it('changes the expiry and the reminders, and nothing else', async () => {
		const created = await api().post('/payin', linkBody(customer()));
		const expiresAt = inDays(100);
		const response = await api().patch(`/payin/${String(created.data.id)}`, { expires_at: expiresAt, reminder_frequency: 1 });
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ ...created.data, expires_at: expiresAt, reminder_frequency: 1, updated_at: expect.any(String) });
	});

	it.each([
		['an empty body', {}, 'Validation failed: Expires at or reminder frequency must be present'],
		['a key that cannot change', { amount: 10 }, 'Unpermitted parameter: amount'],
		['an expiry in the past', { expires_at: '2021-06-01T12:00:00Z' }, 'Validation failed: Expires at must be in the future'],
		['a reminder frequency Glomo has not', { reminder_frequency: 5 }, 'Validation failed: Reminder frequency must be one of: 1, 2, 7, 14'],
		['a null reminder frequency', { reminder_frequency: null }, 'Validation failed: Reminder frequency must be a number'],
	])('refuses %s', async (_what, body, message) => {
		const created = await api().post('/payin', linkBody(customer()));
		const response = await api().patch(`/payin/${String(created.data.id)}`, body);
		expect(response.status).toBe(400);
		expect(response.data.message).toBe(message);
	});

	it.each(['paid', 'cancelled', 'expired'])('refuses to change a %s link', async (status) => {
		const link = sandbox.insert('payment_link', { customer_id: customer(), status, amount: 100, currency: 'USD', expires_at: inDays(5) });
		const response = await api().patch(`/payin/${String(link.id)}`, { reminder_frequency: 7 });
		expect(response.data).toEqual({ error: 'Bad Request', message: `Payment link cannot be updated from current state: ${status}` });
		expect((await api().patch(`/payin/${String(link.id)}/cancel`)).data.message).toBe(`Payment link cannot be cancelled from current state: ${status}`);
	});
});

describe('GET /payin(/{id})', () => {
	it('filters by customer_id and status, newest first', async () => {
		const cust = customer();
		const a = (await api().post('/payin', linkBody(cust, { reference_number: 'A' }))).data;
		const b = (await api().post('/payin', linkBody(cust, { reference_number: 'B' }))).data;
		const held = (await api().post('/payin', linkBody(cust, { amount: 6623 }))).data;
		await api().post('/payin', linkBody(customer()));
		const all = await api().get('/payin', { params: { customer_id: cust } });
		expect(all.data.data.map((l: { id: string }) => l.id)).toEqual([held.id, b.id, a.id]);
		expect(all.data.page_meta).toEqual({ current: 1, previous: null, next: null, per_page: 20, pages: 1, count: 3 });
		const active = await api().get('/payin', { params: { customer_id: cust, status: 'active' } });
		expect(active.data.data.map((l: { id: string }) => l.id)).toEqual([b.id, a.id]);
	});

	it.each([
		['a status Glomo has not', { status: 'open' }, 'status must be one of: active, paid, failed, action_required, cancelled, partially_paid, under_review, expired'],
		['a customer_id of another kind', { customer_id: 'order_abc' }, 'Invalid customer_id'],
	])('refuses %s', async (_what, params, message) => {
		const response = await api().get('/payin', { params });
		expect(response.status).toBe(400);
		expect(response.data.message).toBe(message);
	});

	it('answers 400 for an id of another kind and 404 for an unknown one', async () => {
		expect((await api().get('/payin/order_abcdef123')).data).toEqual({ error: 'Bad Request', message: "Id must start with 'payin_'" });
		const missing = await api().patch('/payin/payin_abcdef123/cancel');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ error: 'Not Found', message: 'Payment link not found' });
	});
});

describe('addMonthsUtc', () => {
	it.each([
		['2026-01-15T10:00:00.000Z', 6, '2026-07-15T10:00:00.000Z'],
		['2026-08-31T23:59:59.999Z', 6, '2027-02-28T23:59:59.999Z'],
		['2027-08-31T00:00:00.000Z', 6, '2028-02-29T00:00:00.000Z'],
		['2026-12-31T12:00:00.000Z', 6, '2027-06-30T12:00:00.000Z'],
	])('%s + %d months = %s', (from, months, to) => {
		expect(new Date(addMonthsUtc(Date.parse(from), months)).toISOString()).toBe(to);
	});
});
