/**
 * The sandbox's subscriptions over plain HTTP: create (fixed frequency and as presented) and its
 * rules, the list's filters, the lifecycle of glomo-domain.md §8.6 (first payment → active, pause,
 * resume, next payment date, cancel) with Glomo's refusals and the webhook of every change, and the
 * test-only daily renewal run (charges, completion, expired links).
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord } from '../nodes/helpers';

const sandbox = useSandbox({ seed: 8686 });

function api(): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${sandbox.secretKey}` }, validateStatus: () => true });
}

type Row = Record<string, unknown> & { id: string };
interface Event {
	entity_type: string;
	event_type: string;
	data: Row;
}

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

/** YYYY-MM-DD of a UTC day. */
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = () => day(Date.now());
const inDays = (days: number) => day(Date.now() + days * 86_400_000);
/** `from` plus whole months, in the last day of a shorter month (Jan 31 + 1 = Feb 28). */
function plusMonths(from: string, months: number): string {
	const [y, m, d] = from.split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
	return day(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		customer_id: customer(),
		product_name: 'Pro Hosting',
		product_description: 'Managed hosting for one site',
		plan_name: 'Starter',
		amount: 4_999,
		currency: 'USD',
		interval_type: 'month',
		interval_count: 1,
		billing_cycles: 12,
		start_date: today(),
		expires_at: inDays(7),
		notify_customer: true,
		starts_with_first_payment: true,
		...overrides,
	};
}

async function create(overrides: Record<string, unknown> = {}): Promise<Row> {
	const response = await api().post('/subscriptions', body(overrides));
	expect(response.status).toBe(201);
	return response.data as Row;
}

/** The first payment, by card with 3-D Secure completed: the subscription becomes active. */
async function payFirst(id: string): Promise<Row> {
	const card = { number: '4242424242424242', expiry_month: '08', expiry_year: '2099', cvv: '737', holder_name: 'Asha Rao' };
	const payment = await api().post('/payment', { subscription_id: id, method: 'card', card, callback_url: 'https://shop.example.com/sub' });
	expect(payment.status).toBe(201);
	await axios.get(String(payment.data.next_steps.redirect_url), { maxRedirects: 0, validateStatus: () => true });
	return (await api().get(`/subscriptions/${id}`)).data as Row;
}

/** The events sent about `id` (waiting up to 5 s for `count` of them), as entity.event. */
async function eventsOf(id: string, count: number): Promise<Event[]> {
	const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((event) => event.data.id === id || event.data.subscription_id === id);
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}
/** The subscription's payments, newest first. */
async function paymentsOf(id: string): Promise<Row[]> {
	return (await api().get('/payment', { params: { subscription_id: id, per_page: 100 } })).data.data as Row[];
}
const names = (events: Event[]) => events.map((e) => `${e.entity_type}.${e.event_type}`);

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_subscriptions'));
afterAll(() => sandbox.setWebhookTargets([], ''));

describe('POST /subscriptions', () => {
	it('creates a monthly subscription `created`, with its link, next payment date (the start) and end date (the last cycle); no webhook', async () => {
		const sent = body({ start_date: inDays(3) });
		const response = await api().post('/subscriptions', sent);
		expect(response.status).toBe(201);
		const id = String(response.data.id);
		expect(id).toMatch(/^sub_[A-Za-z0-9]{13}$/);
		expect(response.data).toEqual({
			id,
			customer_id: sent.customer_id,
			product_name: 'Pro Hosting',
			product_description: 'Managed hosting for one site',
			plan_name: 'Starter',
			status: 'created',
			amount: 4_999,
			currency: 'USD',
			interval_type: 'month',
			interval_count: 1,
			billing_cycles: 12,
			start_date: inDays(3),
			end_date: plusMonths(inDays(3), 11),
			expires_at: inDays(7),
			next_payment_date: inDays(3),
			subscription_link_url: `https://checkout.glomopay.com/subscription/${id}`,
			cancelled_at: null,
			notes: {},
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect((await api().get(`/subscriptions/${id}`)).data).toEqual(response.data);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await eventsOf(id, 0)).toEqual([]);
	});

	it('takes quarterly, half-yearly and yearly schedules up to their 10-year lifetime', async () => {
		const quarterly = await create({ interval_count: 3, billing_cycles: 40 });
		expect(quarterly.end_date).toBe(plusMonths(today(), 3 * 39));
		const halfYearly = await create({ interval_count: 6, billing_cycles: 20 });
		expect(halfYearly.end_date).toBe(plusMonths(today(), 6 * 19));
		const yearly = await create({ interval_type: 'year', interval_count: 1, billing_cycles: 10, plan_name: undefined });
		expect(yearly).toMatchObject({ interval_type: 'year', interval_count: 1, billing_cycles: 10, end_date: plusMonths(today(), 12 * 9) });
		expect(yearly).not.toHaveProperty('plan_name');
	});

	it('creates an as_presented subscription: max_amount, no schedule (start today, no next payment date or end)', async () => {
		const sent = body({ interval_type: 'as_presented', max_amount: 20_000 });
		for (const key of ['interval_count', 'billing_cycles', 'start_date']) delete sent[key];
		const response = await api().post('/subscriptions', sent);
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({ status: 'created', interval_type: 'as_presented', amount: 4_999, max_amount: 20_000, start_date: today(), next_payment_date: null });
		for (const key of ['interval_count', 'billing_cycles', 'end_date', 'billing']) expect(response.data).not.toHaveProperty(key);
	});

	it.each([
		['no product name', { product_name: undefined }, "Validation failed: Product name can't be blank"],
		['a product name over 128 characters', { product_name: 'x'.repeat(129) }, 'Validation failed: Product name is too long (maximum is 128 characters)'],
		['a description over 512 characters', { product_description: 'x'.repeat(513) }, 'Validation failed: Product description is too long (maximum is 512 characters)'],
		['an amount in text', { amount: '4999' }, 'Validation failed: Amount must be an integer'],
		['a currency it does not take', { currency: 'INR' }, 'Currency not supported'],
		['an interval it does not know', { interval_type: 'week' }, 'Validation failed: Interval type must be one of: month, year, as_presented'],
		['a month count of 2', { interval_count: 2 }, 'Validation failed: Interval count must be one of: 1, 3, 6 for interval type month'],
		['a year count of 3', { interval_type: 'year', interval_count: 3 }, 'Validation failed: Interval count must be one of: 1 for interval type year'],
		['one billing cycle', { billing_cycles: 1 }, 'Validation failed: Billing cycles must be greater than or equal to 2'],
		['more than 10 years of monthly cycles', { billing_cycles: 121 }, 'Validation failed: Billing cycles must be less than or equal to 120'],
		['more than 10 years of quarterly cycles', { interval_count: 3, billing_cycles: 41 }, 'Validation failed: Billing cycles must be less than or equal to 40'],
		['more than 10 years of yearly cycles', { interval_type: 'year', billing_cycles: 11 }, 'Validation failed: Billing cycles must be less than or equal to 10'],
		['no billing cycles', { billing_cycles: undefined }, "Validation failed: Billing cycles can't be blank"],
		['a start yesterday', { start_date: inDays(-1), expires_at: inDays(1) }, 'Validation failed: Start date must be today or in the future'],
		['a start that is no date', { start_date: '2026-02-30' }, 'Validation failed: Start date must be a date in YYYY-MM-DD format'],
		['a link expiring before the start', { start_date: inDays(10), expires_at: inDays(9) }, 'Validation failed: Expires at must be on or after the start date'],
		['max_amount on a monthly subscription', { max_amount: 10_000 }, 'max_amount can only be specified for as_presented subscriptions'],
		['interval_count on an as_presented subscription', { interval_type: 'as_presented', max_amount: 10_000 }, 'interval_count cannot be specified for as_presented subscriptions'],
		['an as_presented subscription without max_amount', { interval_type: 'as_presented', interval_count: undefined, billing_cycles: undefined, start_date: undefined }, "Validation failed: Max amount can't be blank"],
		[
			'an as_presented amount over max_amount',
			{ interval_type: 'as_presented', interval_count: undefined, billing_cycles: undefined, start_date: undefined, max_amount: 4_000 },
			'Validation failed: Amount must be less than or equal to max amount',
		],
		[
			'an as_presented subscription not starting with its first payment',
			{ interval_type: 'as_presented', interval_count: undefined, billing_cycles: undefined, start_date: undefined, max_amount: 9_000, starts_with_first_payment: false },
			'Validation failed: Starts with first payment must be true for as_presented subscriptions',
		],
		['a customer it does not have', { customer_id: 'cust_nobody000001' }, 'Customer not found'],
	])('refuses %s with 400', async (_what, overrides, message) => {
		const before = (await api().get('/subscriptions', { params: { per_page: 1 } })).data.page_meta.count;
		const response = await api().post('/subscriptions', body(overrides));
		expect([response.status, response.data]).toEqual([400, { error: 'Bad Request', message }]);
		expect((await api().get('/subscriptions', { params: { per_page: 1 } })).data.page_meta.count).toBe(before);
	});

	it('takes a link expiring exactly 6 months after the start, and refuses one a day later', async () => {
		const start = inDays(1);
		expect((await api().post('/subscriptions', body({ start_date: start, expires_at: plusMonths(start, 6) }))).status).toBe(201);
		const response = await api().post('/subscriptions', body({ start_date: start, expires_at: day(Date.parse(plusMonths(start, 6)) + 86_400_000) }));
		expect([response.status, response.data.message]).toEqual([400, 'Validation failed: Expires at cannot be more than 6 months after the start date']);
	});
});

describe('GET /subscriptions', () => {
	it('filters by status, customer, start date and end date, newest first; refuses a status or date it does not know', async () => {
		const cust = customer();
		const early = await create({ customer_id: cust, start_date: inDays(20), expires_at: inDays(25), billing_cycles: 3 });
		const later = await create({ customer_id: cust, start_date: inDays(21), expires_at: inDays(25) });
		const ids = async (params: Record<string, string>) => ((await api().get('/subscriptions', { params })).data.data as Row[]).map((s) => s.id);
		expect(await ids({ customer_id: cust })).toEqual([later.id, early.id]);
		expect(await ids({ customer_id: cust, start_date: inDays(20) })).toEqual([early.id]);
		expect(await ids({ customer_id: cust, end_date: plusMonths(inDays(20), 2) })).toEqual([early.id]);
		expect(await ids({ customer_id: cust, status: 'created' })).toEqual([later.id, early.id]);
		expect(await ids({ customer_id: cust, status: 'authorized' })).toEqual([]);
		const wrongStatus = await api().get('/subscriptions', { params: { status: 'live' } });
		expect([wrongStatus.status, wrongStatus.data.message]).toEqual([400, 'status must be one of: created, authorized, active, paused, halted, completed, cancelled, expired, failed']);
		const wrongDate = await api().get('/subscriptions', { params: { start_date: '01-12-2026' } });
		expect([wrongDate.status, wrongDate.data.message]).toEqual([400, 'start_date must be a date in YYYY-MM-DD format']);
	});

	it('answers 404 for an id it does not have and 400 for an id of another kind', async () => {
		const missing = await api().get('/subscriptions/sub_nothing0000001');
		expect([missing.status, missing.data]).toEqual([404, { error: 'Not Found', message: 'Subscription not found' }]);
		const wrong = await api().patch('/subscriptions/cust_abcdefghijkl/pause');
		expect([wrong.status, wrong.data.message]).toEqual([400, "Id must start with 'sub_'"]);
	});
});

describe('the lifecycle (glomo-domain.md §8.6)', () => {
	it('first payment → active → pause → resume → next payment date → cancel, each with its webhook; Glomo\'s refusals on the way', async () => {
		const sub = await create();
		const patch = (action: string, data?: unknown) => api().patch(`/subscriptions/${sub.id}/${action}`, data);

		// nothing to pause, resume or move before the first payment
		expect((await patch('pause')).data.message).toBe('Subscription cannot be paused from current state: created');
		expect((await patch('next-payment-date', { next_payment_date: inDays(5) })).data.message).toBe('Next payment date cannot be updated from current state: created');

		const active = await payFirst(sub.id);
		// the schedule starts with the first payment: the next charge is a month after it
		expect(active).toMatchObject({ status: 'active', next_payment_date: plusMonths(today(), 1), end_date: plusMonths(today(), 11) });
		expect(active).not.toHaveProperty('card_details');
		expect(active).not.toHaveProperty('billing');

		const paused = await patch('pause');
		expect(paused.status).toBe(200);
		expect(paused.data).toMatchObject({ id: sub.id, status: 'paused', next_payment_date: null });
		const again = await patch('pause');
		expect([again.status, again.data]).toEqual([400, { error: 'Bad Request', message: 'Subscription cannot be paused from current state: paused' }]);
		expect((await patch('next-payment-date', { next_payment_date: inDays(5) })).data.message).toBe('Next payment date cannot be updated from current state: paused');

		const resumed = await patch('resume');
		expect(resumed.data).toMatchObject({ status: 'active', next_payment_date: plusMonths(today(), 1) });
		expect((await patch('resume')).data.message).toBe('Subscription cannot be resumed from current state: active');

		const tooSoon = await patch('next-payment-date', { next_payment_date: inDays(1) });
		expect([tooSoon.status, tooSoon.data.message]).toEqual([400, `Validation failed: Next payment date must be at least 2 days after today (${inDays(2)} or later)`]);
		expect((await patch('next-payment-date', {})).data.message).toBe("Validation failed: Next payment date can't be blank");
		expect((await patch('next-payment-date', { next_payment_date: '2026-13-01' })).data.message).toBe('Validation failed: Next payment date must be a date in YYYY-MM-DD format');
		const moved = await patch('next-payment-date', { next_payment_date: inDays(2) });
		expect(moved.status).toBe(200);
		// the later charges follow the new date: cycle 1 on it, the last (11) ten months later
		expect(moved.data).toMatchObject({ status: 'active', next_payment_date: inDays(2), end_date: plusMonths(inDays(2), 10) });

		const cancelled = await patch('cancel');
		expect(cancelled.data).toMatchObject({ status: 'cancelled', next_payment_date: null, cancelled_at: today() });
		expect((await patch('cancel')).data.message).toBe('Subscription cannot be cancelled from current state: cancelled');
		expect((await patch('pause')).data.message).toBe('Subscription cannot be paused from current state: cancelled');
		expect((await patch('resume')).data.message).toBe('Subscription cannot be resumed from current state: cancelled');

		const events = (await eventsOf(sub.id, 6)).filter((e) => e.entity_type === 'subscription');
		expect(names(events)).toEqual(['subscription.active', 'subscription.paused', 'subscription.active', 'subscription.updated', 'subscription.cancelled']);
		expect(events.map((e) => [e.data.status, e.data.next_payment_date])).toEqual([
			['active', plusMonths(today(), 1)],
			['paused', null],
			['active', plusMonths(today(), 1)],
			['active', inDays(2)],
			['cancelled', null],
		]);
		for (const event of events) expect(Object.keys(event.data)).not.toEqual(expect.arrayContaining(['billing']));
	});

	it('a schedule kept on a start date ahead (starts_with_first_payment false): the payment authorizes it, the first charge runs on the start date', async () => {
		const start = inDays(3);
		const sub = await create({ start_date: start, starts_with_first_payment: false });
		// set up, not yet charged on its schedule: cycle 0 is due on the start date (§8.6)
		expect(await payFirst(sub.id)).toMatchObject({ status: 'authorized', next_payment_date: start, end_date: plusMonths(start, 11) });
		const authorized = (await eventsOf(sub.id, 2)).filter((e) => e.entity_type === 'subscription');
		expect(names(authorized)).toEqual(['subscription.authorized']);
		expect(authorized[0].data).toMatchObject({ status: 'authorized', next_payment_date: start });

		// a run before the start date charges nothing; the run of the start date charges cycle 0 and makes it active
		expect(sandbox.runSubscriptionRenewals(inDays(2)).payments).toEqual([]);
		const run = sandbox.runSubscriptionRenewals(start);
		expect(run.payments).toHaveLength(1);
		expect((await api().get(`/subscriptions/${sub.id}`)).data).toMatchObject({ status: 'active', next_payment_date: plusMonths(start, 1), end_date: plusMonths(start, 11) });
		const events = (await eventsOf(sub.id, 4)).filter((e) => e.entity_type === 'subscription');
		expect(names(events)).toEqual(['subscription.authorized', 'subscription.active']);
	});

	it('a schedule kept on a start date of today (starts_with_first_payment false): the payment is the first charge, the next one interval after the start', async () => {
		const sub = await create({ start_date: today(), starts_with_first_payment: false });
		expect(await payFirst(sub.id)).toMatchObject({ status: 'active', next_payment_date: plusMonths(today(), 1), end_date: plusMonths(today(), 11) });
		expect(names((await eventsOf(sub.id, 2)).filter((e) => e.entity_type === 'subscription'))).toEqual(['subscription.active']);
	});

	it('a schedule synchronised with the first payment (the default) is active at once, even with a start date ahead', async () => {
		const sub = await create({ start_date: inDays(3), starts_with_first_payment: true });
		expect(await payFirst(sub.id)).toMatchObject({ status: 'active', next_payment_date: plusMonths(today(), 1) });
	});

	it('an as_presented subscription cannot be paused nor given a next payment date, but can be cancelled', async () => {
		const sent = body({ interval_type: 'as_presented', max_amount: 20_000 });
		for (const key of ['interval_count', 'billing_cycles', 'start_date']) delete sent[key];
		const sub = (await api().post('/subscriptions', sent)).data as Row;
		expect(await payFirst(sub.id)).toMatchObject({ status: 'active', next_payment_date: null });
		const pause = await api().patch(`/subscriptions/${sub.id}/pause`);
		expect([pause.status, pause.data.message]).toEqual([400, 'Subscription cannot be paused: only fixed frequency subscriptions can be paused']);
		const move = await api().patch(`/subscriptions/${sub.id}/next-payment-date`, { next_payment_date: inDays(5) });
		expect([move.status, move.data.message]).toEqual([400, 'Next payment date can only be updated for fixed frequency subscriptions']);
		expect((await api().patch(`/subscriptions/${sub.id}/cancel`)).data).toMatchObject({ status: 'cancelled', cancelled_at: today() });
	});

	it.each(['completed', 'expired', 'failed'])('refuses to cancel a %s subscription', async (status) => {
		const row = sandbox.insert('subscription', { customer_id: customer(), status, amount: 100, currency: 'USD', interval_type: 'month', interval_count: 1 });
		const response = await api().patch(`/subscriptions/${String(row.id)}/cancel`);
		expect([response.status, response.data.message]).toEqual([400, `Subscription cannot be cancelled from current state: ${status}`]);
	});

	it('resume skips the charges that fell due while paused (the schedule stays), and completes a schedule that ran out', async () => {
		const anchor = plusMonths(today(), -3);
		const billing = { anchor, anchor_cycle: 0, cycle: 1, starts_with_first_payment: true, notify_customer: true };
		const seeded = (cycles: number) =>
			sandbox.insert('subscription', { customer_id: customer(), status: 'paused', amount: 100, currency: 'USD', interval_type: 'month', interval_count: 1, billing_cycles: cycles, start_date: anchor, next_payment_date: null, billing });
		const long = seeded(12);
		const resumed = await api().patch(`/subscriptions/${String(long.id)}/resume`);
		// cycles 1 and 2 fell due while paused; cycle 3 falls today
		expect(resumed.data).toMatchObject({ status: 'active', next_payment_date: plusMonths(anchor, 3) });
		// a due date of today is not past: the run of the day charges it
		const short = seeded(4);
		const lastCycle = await api().patch(`/subscriptions/${String(short.id)}/resume`);
		expect(lastCycle.data).toMatchObject({ status: 'active', next_payment_date: today() });
		const over = seeded(3);
		expect((await api().patch(`/subscriptions/${String(over.id)}/resume`)).data).toMatchObject({ status: 'completed' });
		expect(names(await eventsOf(String(over.id), 1))).toEqual(['subscription.completed']);
	});
});

describe('the daily renewal run (sandbox.runSubscriptionRenewals)', () => {
	it('charges each due cycle (payment.success), moves the next payment date on, and completes the subscription after its last cycle', async () => {
		const sub = await create({ billing_cycles: 3, amount: 2_500 });
		await payFirst(sub.id);
		const second = plusMonths(today(), 1);
		sandbox.runSubscriptionRenewals(inDays(1));
		expect(await paymentsOf(sub.id)).toHaveLength(1);

		const run = sandbox.runSubscriptionRenewals(second);
		const [renewal, first] = await paymentsOf(sub.id);
		expect(first.id).not.toBe(renewal.id);
		expect(run.payments).toContain(renewal.id);
		const payment = (await api().get(`/payment/${String(renewal.id)}`)).data;
		expect(payment).toMatchObject({ status: 'success', subscription_id: sub.id, payment_amount: 2_500, payment_currency: 'USD', auto_debit: true, funds_available: true });
		expect(payment.payment_method.details).toMatchObject({ end_digits: '4242' });
		expect((await api().get(`/subscriptions/${sub.id}`)).data).toMatchObject({ status: 'active', next_payment_date: plusMonths(today(), 2) });

		// a run for a later day charges the last cycle and completes the subscription
		const last = sandbox.runSubscriptionRenewals(plusMonths(today(), 2));
		expect(last.completed).toContain(sub.id);
		expect((await api().get(`/subscriptions/${sub.id}`)).data).toMatchObject({ status: 'completed', next_payment_date: null });
		expect(await paymentsOf(sub.id)).toHaveLength(3);
		sandbox.runSubscriptionRenewals(plusMonths(today(), 5));
		expect(await paymentsOf(sub.id)).toHaveLength(3);

		const events = names(await eventsOf(sub.id, 5));
		expect(events.filter((e) => e === 'payment.success')).toHaveLength(3);
		expect(events.filter((e) => e.startsWith('subscription.'))).toEqual(['subscription.active', 'subscription.completed']);
		expect((await api().patch(`/subscriptions/${sub.id}/cancel`)).data.message).toBe('Subscription cannot be cancelled from current state: completed');
	});

	it('a paused subscription is not charged; an unpaid link past its expiry expires (subscription.expired)', async () => {
		const paused = await create();
		await payFirst(paused.id);
		await api().patch(`/subscriptions/${paused.id}/pause`);
		const unpaid = await create({ expires_at: inDays(3) });
		const run = sandbox.runSubscriptionRenewals(inDays(40));
		expect(await paymentsOf(paused.id)).toHaveLength(1);
		expect(run.expired).toContain(unpaid.id);
		expect((await api().get(`/subscriptions/${unpaid.id}`)).data).toMatchObject({ status: 'expired', next_payment_date: null });
		expect(names(await eventsOf(unpaid.id, 1))).toEqual(['subscription.expired']);
		expect((await api().get(`/subscriptions/${paused.id}`)).data.status).toBe('paused');
		expect(() => sandbox.runSubscriptionRenewals('tomorrow')).toThrow('"tomorrow" is not a date');
	});
});
