/**
 * The sandbox's settlements and internal transfers, over plain HTTP: the refusals the node never
 * provokes (it checks first), the funds model, and mock endpoints with a production key.
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { BalanceBook } from './core/balances';
import { MonotonicClock } from './core/clock';
import { Prng } from './core/prng';
import type { SandboxContext } from './core/resource';
import { IdFactory, Store } from './core/store';
import { WebhookDispatcher } from './core/webhooks';
import { paymentsModule } from './resources/payments';
import { addSettleableFunds, settleablePaymentRecord, settlementsModule } from './resources/settlements';

const sandbox = useSandbox({ seed: 717 });

function api(key = sandbox.secretKey): AxiosInstance {
	return axios.create({
		baseURL: `${sandbox.url}/api/v1`,
		headers: { Authorization: `Bearer ${key}` },
		validateStatus: () => true,
	});
}

const payment = (currency: string, amount: number, overrides: Record<string, unknown> = {}) =>
	String(sandbox.insert('payment', settleablePaymentRecord(currency, amount, overrides)).id);

describe('POST /settlements', () => {
	it.each([
		['an unknown balance currency', { amount: 100, balance_currency: 'INR' }, 400, 'Validation failed: currency is not a valid currency'],
		['amount and payment_ids together', { amount: 100, balance_currency: 'USD', payment_ids: ['payt_x1234567'] }, 400, 'You can only send amount and balance_currency, or payment_ids, not both.'],
		['an empty body', {}, 400, 'You must send either amount and balance_currency, or payment_ids.'],
		['an amount without its currency', { amount: 100 }, 400, "Validation failed: Balance currency can't be blank"],
		['a fractional amount', { amount: 10.5, balance_currency: 'USD' }, 400, 'Validation failed: Amount must be an integer'],
		['an empty payment list', { payment_ids: [] }, 400, "Validation failed: Payment ids can't be blank"],
		['an unknown payment', { payment_ids: ['payt_unknown00001'] }, 404, 'Payment not found'],
		['a key it does not know', { amount: 100, balance_currency: 'USD', note: 'x' }, 400, 'Unpermitted parameter: note'],
	])('refuses %s', async (_what, body, status, message) => {
		const response = await api().post('/settlements', body);
		expect(response.status).toBe(status);
		expect(response.data.message).toBe(message);
	});

	it('accepts a lower-case balance currency and settles in its upper-case form', async () => {
		const response = await api().post('/settlements', { amount: 100, balance_currency: 'usd' });
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({ amount: 100, currency: 'USD', status: 'success' });
	});

	it('refuses payments whose funds are not available, or in two currencies, with a 422', async () => {
		const held = payment('USD', 500, { funds_available: false });
		const unavailable = await api().post('/settlements', { payment_ids: [held] });
		expect(unavailable.status).toBe(422);
		expect(unavailable.data).toEqual({
			error: 'Unprocessable Entity',
			message: 'Payments cannot be settled: some payments do not have funds available',
		});

		const mixed = await api().post('/settlements', { payment_ids: [payment('USD', 500), payment('EUR', 500)] });
		expect(mixed.status).toBe(422);
		expect(mixed.data.message).toBe('Payments cannot be settled: payments are in more than one currency');
	});

	it('names the already-settled payments case exactly as Glomo does, with nothing settled twice', async () => {
		const first = payment('GBP', 700);
		expect((await api().post('/settlements', { payment_ids: [first] })).status).toBe(201);
		const second = payment('GBP', 300);
		const again = await api().post('/settlements', { payment_ids: [second, first] });
		expect(again.status).toBe(422);
		expect(again.data).toEqual({ error: 'Unprocessable Entity', message: 'Payments cannot be settled: some payments are already settled' });
		// the refused request settled nothing: the other payment can still be settled
		expect((await api().post('/settlements', { payment_ids: [second] })).data).toMatchObject({ amount: 300, currency: 'GBP' });
	});
});

describe('GET /settlements/{id}(/transactions)', () => {
	it('answers 400 for an id of another kind and 404 for an unknown one', async () => {
		expect((await api().get('/settlements/payt_abcdef123')).data).toEqual({ error: 'Bad Request', message: "Id must start with 'setl_'" });
		const missing = await api().get('/settlements/setl_abcdef123/transactions');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ error: 'Not Found', message: 'Settlement not found' });
	});
});

describe('POST /settlements/mock-trigger', () => {
	it('does not exist for a production key (404, as in live) and settles nothing', async () => {
		const id = payment('SGD', 900);
		const response = await api(sandbox.issueKey('production')).post('/settlements/mock-trigger');
		expect(response.status).toBe(404);
		expect(response.data.error).toBe('Not Found');

		const triggered = await api().post('/settlements/mock-trigger');
		expect(triggered.status).toBe(200);
		const sgd = (triggered.data.data as Array<{ id: string; currency: string; amount: number }>).filter((s) => s.currency === 'SGD');
		expect(sgd).toEqual([expect.objectContaining({ currency: 'SGD', amount: 900, status: 'success' })]);
		const transactions = await api().get(`/settlements/${sgd[0].id}/transactions`);
		expect(transactions.data.data.map((t: { source_id: string }) => t.source_id)).toEqual([id]);
		expect(transactions.data.page_meta).toEqual({ current: 1, previous: null, next: null, per_page: 20, pages: 1, count: 1 });
	});
});

describe('addSettleableFunds', () => {
	function context(): SandboxContext {
		const prng = new Prng(1);
		const clock = new MonotonicClock();
		const ids = new IdFactory(prng);
		const store = new Store(ids, clock);
		// the payment collection is the payments module's
		for (const kind of [...(settlementsModule.kinds ?? []), ...(paymentsModule.kinds ?? [])]) store.define(kind);
		return {
			merchantId: 'merch_platform0001',
			clock,
			ids,
			store,
			balances: new BalanceBook({ USD: { available: 0, pending: 0 } }),
			webhooks: new WebhookDispatcher([]),
			prng,
		} as unknown as SandboxContext;
	}

	it('records a settleable payment and credits the balance; an existing payment is marked available', () => {
		const ctx = context();
		const created = addSettleableFunds(ctx, { currency: 'USD', amount: 1200 });
		expect(created).toMatchObject({ status: 'success', funds_available: true, settlement_id: null, converted_amount: 1200, converted_currency: 'USD' });
		expect(created.id).toMatch(/^payt_/);
		expect(ctx.balances.availableOf('USD')).toBe(1200);

		const held = ctx.store.collection('payment').insert(settleablePaymentRecord('AED', 50, { id: 'payt_held00000001', funds_available: false }));
		const marked = addSettleableFunds(ctx, { currency: 'AED', amount: 50, payment_id: held.id });
		expect(marked.id).toBe('payt_held00000001');
		expect(marked.funds_available).toBe(true);
		expect(ctx.store.collection('payment').size).toBe(2);
		expect(ctx.balances.availableOf('AED')).toBe(50);
	});
});

describe('POST /internal-transfer', () => {
	const platform = () => JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;
	const body = (overrides: Record<string, unknown> = {}) => ({
		amount: 100,
		currency: 'AED',
		reference: 'ref',
		from_merchant_id: platform(),
		to_merchant_id: String(sandbox.insert('merchant', { owner_merchant_id: platform() }).id),
		...overrides,
	});

	it.each([
		['a currency other than AED', { currency: 'USD' }, 'Validation failed: Currency must be one of: AED'],
		['the same merchant on both sides', { to_merchant_id: '__platform__' }, 'Validation failed: To merchant id must be different from from merchant id'],
		['an id that is not a merchant id', { to_merchant_id: 'cust_abcdef123' }, 'Invalid merchant ID format'],
		['a reference over 100 characters', { reference: 'x'.repeat(101) }, 'Validation failed: Reference is too long (maximum is 100 characters)'],
		['an amount below 1', { amount: 0 }, 'Validation failed: Amount must be greater than or equal to 1'],
		['a request_id (the spec has none)', { request_id: 'abc' }, 'Unpermitted parameter: request_id'],
	])('refuses %s with a 400', async (_what, overrides, message) => {
		const patch: Record<string, unknown> = { ...overrides };
		if (patch.to_merchant_id === '__platform__') patch.to_merchant_id = platform();
		const response = await api().post('/internal-transfer', body(patch));
		expect(response.status).toBe(400);
		expect(response.data.message).toBe(message);
	});

	it("answers 404 for a merchant of another platform", async () => {
		const foreign = String(sandbox.insert('merchant', { owner_merchant_id: 'merch_otherPlatform1' }).id);
		const response = await api().post('/internal-transfer', body({ to_merchant_id: foreign }));
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ error: 'Not Found', message: 'Merchant with the specified ID was not found' });
	});
});
