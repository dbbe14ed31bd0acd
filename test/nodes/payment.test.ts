/**
 * Payment: Create (S2S card payments; request_id derived from the order or subscription, never the
 * card), Get, Get Many (filters, payin_id xor subscription_id), Update RFI, Connect to Payment Link,
 * Get Eligible Payment Links, Mock Payment and Mock Funds Available, through WorkflowExecute against
 * the sandbox: requests and outputs asserted; the card never appears in an output or an error.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { derivedRequestId } from '../../nodes/Glomo/helpers/requestId';
import { runListSearch, type RunResult } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectApiError, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 8080 });

const VISA = '4242424242424242';
const CVV = '737';
const AMEX = '378282246310005';
const LIVE = () => ({ credentials: { environment: 'live' as const, secretKey: sandbox.issueKey('production') } });

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

/** An active payment link or order of `amount` `currency`, seeded. */
function payin(kind: 'payment_link' | 'order', amount: number, currency = 'USD', overrides: IDataObject = {}): IDataObject {
	return sandbox.insert(kind, { customer_id: customer(), status: 'active', currency, amount, purpose_code: 'P0802', notes: {}, ...overrides }) as IDataObject;
}

let subscriptions = 0;
function subscription(overrides: IDataObject = {}): string {
	subscriptions++;
	const id = `sub_nodetest${String(subscriptions).padStart(5, '0')}`;
	sandbox.insert('subscription', { id, customer_id: customer(), status: 'created', amount: 2_500, currency: 'USD', interval_type: 'month', ...overrides });
	return id;
}

/** A call to the sandbox with a plain HTTP client (not the node), then forgotten. */
async function direct(method: 'get' | 'post' | 'patch', path: string, body?: unknown): Promise<IDataObject> {
	const response = await axios.request({
		method,
		url: `${sandbox.url}/api/v1${path}`,
		data: body,
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
		validateStatus: () => true,
	});
	sandbox.clearRequests();
	return response.data as IDataObject;
}

function createParams(orderId: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'payment',
		operation: 'create',
		charge: 'order',
		orderId: rl(orderId),
		cardNumber: '4242 4242 4242 4242',
		cardExpiry: '08/99',
		cardCvv: CVV,
		cardHolderName: 'Asha Rao',
		callbackUrl: 'https://shop.example.com/return',
		requestId: '',
		options: {},
		...overrides,
	};
}

/**
 * Neither the card number (in any spacing) nor the CVV in what the run gave: its items, and its
 * error (message, description, context, Glomo's answer). n8n attaches the node itself, with every
 * parameter as the workflow stores it, to any node error: that copy is not the node's to change.
 */
function expectNoCard(result: RunResult): void {
	const error = JSON.stringify(result.error ?? null, (key, value: unknown) => (key === 'node' ? undefined : value));
	const shown = JSON.stringify({ output: result.json('Glomo'), error, message: result.error?.message, description: result.error?.description });
	expect(shown).not.toContain(VISA);
	expect(shown).not.toContain('4242 4242 4242 4242');
	expect(shown).not.toContain('4111111111111111');
	expect(shown).not.toMatch(new RegExp(`\\b${CVV}\\b`));
	expect(shown).not.toMatch(/"cvv"|"number"/);
}

describe('Payment › Create', () => {
	it('POSTs a card payment for an order with a request_id derived from the order only, and outputs it with its 3DS next_steps', async () => {
		const order = payin('order', 15_000);
		const result = await runGlomo(sandbox, createParams(String(order.id)));
		expect(result.error).toBeUndefined();
		const requestId = derivedRequestId('payment', { order_id: order.id });
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/payment',
				query: {},
				body: {
					order_id: order.id,
					method: 'card',
					card: { number: VISA, expiry_month: '08', expiry_year: '2099', cvv: CVV, holder_name: 'Asha Rao' },
					callback_url: 'https://shop.example.com/return',
					request_id: requestId,
				},
			},
		]);
		const [payment] = result.json('Glomo');
		expect(payment).toMatchObject({
			id: expect.stringMatching(/^payt_/),
			status: 'in_progress',
			payin_id: order.id,
			request_id: requestId,
			payment_method: { type: 'card', details: expect.objectContaining({ end_digits: '4242', card_bin: '424242' }) },
			next_steps: { type: 'redirect', redirect_url: `${sandbox.url}/checkout/3ds/${String(payment.id)}` },
			duplicate: false,
		});
		expect(result.json('Glomo')).toHaveLength(1);
		expectNoCard(result);
	});

	it('the same order again outputs the existing payment (duplicate = true): Glomo answers 400, one payment only', async () => {
		const order = payin('order', 15_100);
		const first = (await runGlomo(sandbox, createParams(String(order.id)))).json('Glomo')[0];
		sandbox.clearRequests();
		const second = await runGlomo(sandbox, createParams(String(order.id), { cardNumber: '5555555555554444' }));
		expect(second.error).toBeUndefined();
		expect(second.json('Glomo')).toEqual([{ ...first, duplicate: true }]);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status, r.query.request_id])).toEqual([
			['POST', '/api/v1/payment', 400, undefined],
			['GET', '/api/v1/payment', 200, first.request_id],
		]);
		expect(((await direct('get', `/payment?payin_id=${String(order.id)}`)).data as IDataObject[]).map((p) => p.id)).toEqual([first.id]);
	});

	it('On Duplicate = Fail stops with an error naming the existing payment; nothing is charged', async () => {
		const order = payin('order', 15_200);
		const first = (await runGlomo(sandbox, createParams(String(order.id)))).json('Glomo')[0];
		const again = await runGlomo(sandbox, createParams(String(order.id), { options: { onDuplicate: 'error' } }));
		expect(again.error?.message).toBe(`A payment with the request_id "${String(first.request_id)}" already exists (${String(first.id)}, status in_progress)`);
		expect(String(again.error?.httpCode)).toBe('409');
	});

	it('a Request ID reused for another order is refused, naming the difference (order_id against payin_id)', async () => {
		const order = payin('order', 15_300);
		const other = payin('order', 15_300);
		await runGlomo(sandbox, createParams(String(order.id), { requestId: 'PAY-SAME-1' }));
		const result = await runGlomo(sandbox, createParams(String(other.id), { requestId: 'PAY-SAME-1' }));
		expect(result.error?.message).toMatch(/^The request_id "PAY-SAME-1" already belongs to another payment \(payt_/);
		expect(result.error?.description).toContain(`order_id "${String(other.id)}" was sent, the existing one has payin_id "${String(order.id)}"`);
		expect(((await direct('get', `/payment?payin_id=${String(other.id)}`)).data as IDataObject[])).toEqual([]);
	});

	it('a subscription\'s first payment sends subscription_id and the card; the request_id comes from the subscription', async () => {
		const sub = subscription();
		const result = await runGlomo(sandbox, createParams('', { charge: 'subscription', orderId: undefined, subscriptionId: rl(sub), cardNumber: AMEX, cardCvv: '1234', cardExpiry: '12/2030' }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/payment',
				query: {},
				body: {
					subscription_id: sub,
					method: 'card',
					card: { number: AMEX, expiry_month: '12', expiry_year: '2030', cvv: '1234', holder_name: 'Asha Rao' },
					callback_url: 'https://shop.example.com/return',
					request_id: derivedRequestId('payment', { subscription_id: sub }),
				},
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'in_progress', subscription_id: sub, duplicate: false });
	});

	it('a later charge of an as-presented subscription sends sequence, amount and currency, no card, and succeeds', async () => {
		const sub = subscription({ status: 'active', interval_type: 'as_presented', max_amount: 50_000 });
		const result = await runGlomo(sandbox, {
			resource: 'payment',
			operation: 'create',
			charge: 'subsequent',
			subscriptionId: rl(sub),
			currency: 'USD',
			amount: '120.50',
			requestId: 'USAGE-2026-11',
			options: { decimalAmounts: true },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/payment', query: {}, body: { subscription_id: sub, sequence: 'subsequent', amount: 12_050, currency: 'USD', request_id: 'USAGE-2026-11' } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'success', funds_available: true, requested_amount: 12_050, auto_debit: true, duplicate: false });

		// none derived: next month's charge of the same amount would get the same key and never be made
		sandbox.clearRequests();
		const unkeyed = await runGlomo(sandbox, { resource: 'payment', operation: 'create', charge: 'subsequent', subscriptionId: rl(sub), currency: 'USD', amount: 900, requestId: '', options: {} });
		expectOperationError(unkeyed, 'Request ID: is required for a later charge of a subscription');
		expect(unkeyed.error?.description).toContain('billing period');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('two later charges of the same amount in two months, each with its own Request ID: two payments', async () => {
		const sub = subscription({ status: 'active', interval_type: 'as_presented', max_amount: 50_000 });
		const charge = (period: string) => ({ resource: 'payment', operation: 'create', charge: 'subsequent', subscriptionId: rl(sub), currency: 'USD', amount: 900, requestId: `${sub}-${period}`, options: {} });
		const november = (await runGlomo(sandbox, charge('2026-11'))).json('Glomo')[0];
		const december = (await runGlomo(sandbox, charge('2026-12'))).json('Glomo')[0];
		expect(november.id).not.toBe(december.id);
		expect([november.duplicate, december.duplicate]).toEqual([false, false]);
	});

	it('a card Glomo refuses gives its error, and neither the error nor anything else shows the card', async () => {
		const order = payin('order', 15_400);
		const result = await runGlomo(sandbox, createParams(String(order.id), { cardNumber: '4111111111111111' }));
		expectApiError(result, 'Card is not a valid test card', '400');
		expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([['POST', 400]]);
		expectNoCard(result);
	});

	it('what passes the card checks goes to Glomo: spaces around the expiry\'s slash, this month, a name of 128, 3 digits for a Visa with 37 inside', async () => {
		const now = new Date();
		const thisMonth = `${String(now.getUTCMonth() + 1).padStart(2, '0')}/${now.getUTCFullYear()}`;
		for (const overrides of [{ cardExpiry: '08 / 39' }, { cardExpiry: thisMonth }, { cardHolderName: 'A'.repeat(128) }, { cardNumber: '4000003700000009', cardCvv: '123' }]) {
			sandbox.clearRequests();
			const result = await runGlomo(sandbox, createParams(String(payin('order', 15_600).id), overrides));
			// sent: the sandbox answers (a success, or its refusal of a card it does not know)
			expect(sandbox.requests.map((r) => r.method)).toEqual(['POST']);
			expect(result.error?.name ?? 'none').not.toBe('NodeOperationError');
		}
	});

	it('last month of this year has expired (the month counts to its end, no further)', async () => {
		const now = new Date();
		const month = now.getUTCMonth(); // last month, 1-based
		if (month === 0) return; // in January, last month is last year: the year check, tested above
		const result = await runGlomo(sandbox, createParams(String(payin('order', 15_700).id), { cardExpiry: `${String(month).padStart(2, '0')}/${now.getUTCFullYear()}` }));
		expectOperationError(result, `Expiry Date: the card expired at the end of ${String(month).padStart(2, '0')}/${now.getUTCFullYear()}`);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('a declined card is a payment of its own: output with status failed and its error code, no card in it', async () => {
		const order = payin('order', 15_500);
		const result = await runGlomo(sandbox, createParams(String(order.id), { cardNumber: '4000000000000002' }));
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'failed', error_code: 'PAYMENT_DECLINED' });
		expect(JSON.stringify(result.json('Glomo'))).not.toContain('4000000000000002');
	});

	test.each([
		['a card number with letters', { cardNumber: '4242 4242 abcd 4242' }, 'Card Number: must be 12 to 19 digits (spaces or dashes may separate them)'],
		['a card number with a wrong check digit', { cardNumber: '4242424242424241' }, 'Card Number: is not a card number: its check digit does not match (a typing error?)'],
		['no card number', { cardNumber: ' ' }, 'Card Number: is required'],
		['an expiry that is no date', { cardExpiry: '13/29' }, 'Expiry Date: is not a month and year'],
		['an expiry of month 00', { cardExpiry: '00/29' }, 'Expiry Date: is not a month and year'],
		['an expiry with something before it', { cardExpiry: 'x08/29' }, 'Expiry Date: is not a month and year'],
		['an expiry with something after it', { cardExpiry: '08/29x' }, 'Expiry Date: is not a month and year'],
		['no expiry', { cardExpiry: ' ' }, 'Expiry Date: is required'],
		['a card number of 20 digits (its check digit right)', { cardNumber: '41111111111111111115' }, 'Card Number: must be 12 to 19 digits (spaces or dashes may separate them)'],
		['a card number with a letter before it', { cardNumber: 'x4242424242424242' }, 'Card Number: must be 12 to 19 digits (spaces or dashes may separate them)'],
		['no CVV', { cardCvv: ' ' }, 'CVV: is required'],
		['a 4-digit CVV on a Visa card', { cardCvv: '1234' }, 'CVV: must be 3 digits'],
		['a CVV with a letter before it', { cardCvv: 'a123' }, 'CVV: must be 3 digits'],
		['a 5-digit CVV on an American Express card', { cardNumber: AMEX, cardCvv: '12345' }, 'CVV: must be 4 digits for an American Express card'],
		['an American Express CVV with a letter before it', { cardNumber: AMEX, cardCvv: 'a1234' }, 'CVV: must be 4 digits for an American Express card'],
		['a cardholder name of 129 characters', { cardHolderName: 'A'.repeat(129) }, 'Cardholder Name: is 129 characters long; at most 128 are accepted'],
		['an expired card', { cardExpiry: '01/2020' }, 'Expiry Date: the card expired at the end of 01/2020'],
		['a CVV of letters', { cardCvv: 'abc' }, 'CVV: must be 3 digits'],
		['a 3-digit CVV on an American Express card', { cardNumber: AMEX, cardCvv: '123' }, 'CVV: must be 4 digits for an American Express card'],
		['no cardholder name', { cardHolderName: ' ' }, 'Cardholder Name: is required'],
		['an http:// callback', { callbackUrl: 'http://shop.example.com/return' }, 'Callback URL: must begin with https:// (Glomo refuses http:// addresses)'],
		['a callback that is no address', { callbackUrl: 'shop.example.com/return' }, 'Callback URL: is not a web address'],
		['an order id of another kind', { orderId: rl('={{ "payin_abcdefgh1" }}') }, 'Order: "payin_abcdefgh1" is not a valid ID'],
		['a Request ID over 64 characters', { requestId: 'r'.repeat(65) }, 'Request ID: is 65 characters long; Glomo accepts at most 64'],
		// a dropdown given by expression shows every field that depends on it: all are filled
		['a charge that is not offered', { charge: '={{ "refund" }}', subscriptionId: rl('sub_abcdefgh1'), amount: 100 }, 'Charge: "refund" is not one of the choices'],
	])('refuses %s by name, quoting no card, and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, createParams(String(payin('order', 1_000).id), overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
		expectNoCard(result);
		expect(result.error?.message).not.toContain('4242');
	});

	test.each([
		['an expiry that is no date', { cardExpiry: '13/29' }, 'Write it as on the card: MM/YY, such as 08/29. Nothing was sent to Glomo.'],
		['no expiry', { cardExpiry: ' ' }, 'Write it as on the card: MM/YY, such as 08/29. Nothing was sent to Glomo.'],
		['an expired card', { cardExpiry: '01/2020' }, 'Nothing was sent to Glomo.'],
		['a card number with a wrong check digit', { cardNumber: '4242424242424241' }, 'Nothing was sent to Glomo.'],
		['no CVV', { cardCvv: ' ' }, 'Nothing was sent to Glomo.'],
		['a cardholder name of 129 characters', { cardHolderName: 'A'.repeat(129) }, 'Nothing was sent to Glomo.'],
	])('the refusal of %s: its description says that nothing was sent (and how to write an expiry)', async (_what, overrides, description) => {
		const result = await runGlomo(sandbox, createParams(String(payin('order', 1_000).id), overrides as IDataObject));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.description).toBe(description);
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each([
		['a subscription id of another kind', { subscriptionId: rl('={{ "cust_abcdefgh1" }}') }, 'Subscription: "cust_abcdefgh1" is not a valid ID'],
		['a currency subscriptions are not charged in', { currency: '={{ "INR" }}' }, 'Currency: "INR" is not a supported currency'],
		['an amount of 0', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
	])('a later charge: refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const params = { resource: 'payment', operation: 'create', charge: 'subsequent', subscriptionId: rl(subscription()), currency: 'USD', amount: 100, requestId: 'CHARGE-1', options: {} };
		const result = await runGlomo(sandbox, { ...params, ...(overrides as IDataObject) });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment › Get, Get Many', () => {
	it('GETs /payment/{id}', async () => {
		const payment = await direct('post', '/payment/mock', { amount: 1_000, currency: 'USD', payment_method: 'BankTransfer' });
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'get', paymentId: rl(String(payment.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/payment/${String(payment.id)}`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([payment]);
	});

	it('maps every filter of Get Many to Glomo\'s query names', async () => {
		const cust = customer();
		const link = payin('payment_link', 2_000, 'USD', { customer_id: cust });
		const paid = await direct('post', '/payment/mock', { amount: 2_000, currency: 'USD', payin_id: link.id });
		const result = await runGlomo(sandbox, {
			resource: 'payment',
			operation: 'getAll',
			returnAll: true,
			filters: {
				customerId: cust,
				status: 'success',
				complianceStatus: 'approved',
				payinId: String(link.id),
				paymentType: 'payment_link',
				currency: 'usd',
				requestId: 'PAY-REQ-1',
				after: '2020-01-01T00:00:00Z',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.query)).toEqual([
			{
				customer_id: cust,
				status: 'success',
				compliance_status: 'approved',
				payin_id: String(link.id),
				payment_type: 'payment_link',
				currency: 'USD',
				request_id: 'PAY-REQ-1',
				after: '2020-01-01T00:00:00.000Z',
				per_page: '100',
				page: '1',
			},
		]);
		expect(result.json('Glomo')).toEqual([]);

		sandbox.clearRequests();
		const found = await runGlomo(sandbox, { resource: 'payment', operation: 'getAll', returnAll: false, limit: 5, filters: { payinId: String(link.id), status: 'success' } });
		expect(found.json('Glomo')).toEqual([paid]);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/payment']);
	});

	it('takes a subscription filter, and an order as the payin filter', async () => {
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'getAll', returnAll: true, filters: { subscriptionId: 'sub_nothing000001' } });
		expect(sandbox.requests[0].query).toMatchObject({ subscription_id: 'sub_nothing000001' });
		expect(result.json('Glomo')).toEqual([]);
		sandbox.clearRequests();
		await runGlomo(sandbox, { resource: 'payment', operation: 'getAll', returnAll: true, filters: { payinId: 'order_nothing00001' } });
		expect(sandbox.requests[0].query).toMatchObject({ payin_id: 'order_nothing00001' });
	});

	test.each([
		[
			'a payment link and a subscription together',
			{ payinId: 'payin_abcdefgh1', subscriptionId: 'sub_abcdefgh1' },
			'Filters > Payment Link or Order ID: cannot be combined with Filters > Subscription ID',
		],
		['a payin filter of another kind', { payinId: 'payt_abcdefgh1' }, 'Filters > Payment Link or Order ID: "payt_abcdefgh1" is not a valid ID'],
		['a status the filter does not take', { status: 'under_review' }, 'Filters > Status: "under_review" is not one of the choices'],
		['a subscription id of another kind', { subscriptionId: 'cust_abcdefgh1' }, 'Filters > Subscription ID: "cust_abcdefgh1" is not a valid ID'],
		['a customer id of another kind', { customerId: 'sub_abcdefgh1' }, 'Filters > Customer ID: "sub_abcdefgh1" is not a valid ID'],
		['a payment type not offered', { paymentType: 'card' }, 'Filters > Payment Type: "card" is not one of the choices'],
	])('refuses %s by name and sends nothing', async (_what, filters, message) => {
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'getAll', returnAll: true, filters });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment › the payment ID of every operation that takes one', () => {
	test.each([
		['get', {}],
		['getEligiblePayins', {}],
		['mockFundsAvailable', {}],
		['connectPayin', { payinId: rl('payin_abcdefgh1') }],
		['updateRfi', { documents: { document: [{ rfiDocId: 'rfidoc_abcdefgh1', docId: 'doc_abcdefgh1' }] } }],
	])('%s refuses a payment ID of another kind by name and sends nothing', async (operation, extra) => {
		const result = await runGlomo(sandbox, { resource: 'payment', operation, paymentId: rl('={{ "refund_abcdefgh1" }}'), ...extra });
		expectOperationError(result, 'Payment: "refund_abcdefgh1" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment › unmatched transfers: Get Eligible Payment Links, Connect to Payment Link', () => {
	it('outputs one item per eligible payment link or order, and connects the payment to one', async () => {
		const link = payin('payment_link', 43_210, 'EUR');
		const order = payin('order', 43_210, 'EUR');
		const unmatched = await direct('post', '/payment/mock', { amount: 43_210, currency: 'EUR', payment_method: 'BankTransfer' });

		const eligible = await runGlomo(sandbox, { resource: 'payment', operation: 'getEligiblePayins', paymentId: rl(String(unmatched.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/payment/${String(unmatched.id)}/eligible-payins`, query: {}, body: undefined }]);
		expect(eligible.json('Glomo').map((p) => p.id)).toEqual([order.id, link.id]);
		for (const item of eligible.items('Glomo')) expect(item.pairedItem).toEqual({ item: 0 });

		sandbox.clearRequests();
		const connected = await runGlomo(sandbox, { resource: 'payment', operation: 'connectPayin', paymentId: rl(String(unmatched.id)), payinId: rl(String(link.id), 'list') });
		expect(connected.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: `/api/v1/payment/${String(unmatched.id)}/connect-payin`, query: {}, body: { payin_id: link.id } },
		]);
		expect(connected.json('Glomo')).toEqual([expect.objectContaining({ id: unmatched.id, status: 'success', payin_id: link.id, payin_type: 'payment_link', funds_available: true })]);

		// matched now: nothing is eligible, so no item
		sandbox.clearRequests();
		const none = await runGlomo(sandbox, { resource: 'payment', operation: 'getEligiblePayins', paymentId: rl(String(unmatched.id)) });
		expect(none.error).toBeUndefined();
		expect(none.json('Glomo')).toEqual([]);
	});

	it('connects to an order by ID too; a refusal is Glomo\'s error', async () => {
		const order = payin('order', 5_050, 'USD');
		const unmatched = await direct('post', '/payment/mock', { amount: 5_000, currency: 'USD', payin_id: order.id });
		expect(unmatched.error_code).toBe('PAYIN_AMOUNT_MISMATCH');
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'connectPayin', paymentId: rl(String(unmatched.id)), payinId: rl(String(order.id)) });
		expectApiError(result, 'Payin amount and currency must match the payment', '400');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', `/api/v1/payment/${String(unmatched.id)}/connect-payin`, { payin_id: order.id }]]);
	});

	test.each([
		['a payin id of another kind', { payinId: rl('={{ "cust_abcdefgh1" }}') }, 'Payment Link or Order: "cust_abcdefgh1" is not a valid ID'],
		['no payin', { payinId: rl('={{ "" }}') }, 'Payment Link or Order: is required'],
		['a payment id of another kind', { paymentId: rl('={{ "payin_abcdefgh1" }}') }, 'Payment: "payin_abcdefgh1" is not a valid ID'],
	])('Connect refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'connectPayin', paymentId: rl('payt_abcdefgh1'), payinId: rl('payin_abcdefgh1'), ...overrides });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment › Update RFI', () => {
	afterEach(() => sandbox.setAccount({ postPaymentScreening: false }));

	it('PATCHes /payment/{id}/update_rfi with the documents; the compliance hold goes under review', async () => {
		sandbox.setAccount({ postPaymentScreening: true });
		const held = await direct('post', '/payment/mock', { amount: 6623, currency: 'USD', payment_method: 'BankTransfer' });
		const rfiDocId = ((held.rfi as IDataObject).documents_required as IDataObject[])[0].rfi_doc_id as string;
		const result = await runGlomo(sandbox, {
			resource: 'payment',
			operation: 'updateRfi',
			paymentId: rl(String(held.id)),
			documents: { document: [{ rfiDocId, docId: 'doc_funds00000001' }] },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/payment/${String(held.id)}/update_rfi`, query: {}, body: { documents: [{ id: 'doc_funds00000001', rfi_doc_id: rfiDocId }] } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: held.id, status: 'success', compliance_status: 'under_review' });
	});

	it('refuses no documents by name and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'updateRfi', paymentId: rl('payt_abcdefgh1'), documents: {} });
		expectOperationError(result, /^Documents: add one pair/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment › Mock Payment, Mock Funds Available (sandbox)', () => {
	it('Mock Payment into a payment link POSTs amount, currency and payin_id, and outputs the paid payment', async () => {
		const link = payin('payment_link', 25_000, 'USD');
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'mockPayment', into: 'payin', payinId: rl(String(link.id)), currency: 'USD', amount: 25_000, options: {} });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/payment/mock', query: {}, body: { amount: 25_000, currency: 'USD', payin_id: link.id } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'success', payin_id: link.id, funds_available: true });
		expect((await direct('get', `/payin/${String(link.id)}`)).status).toBe('paid');
	});

	it('Mock Payment as an unmatched transfer sends payment_method BankTransfer, with the remitter and decimal amounts', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'payment',
			operation: 'mockPayment',
			into: 'unmatched',
			currency: 'AED',
			amount: '100.00',
			options: { decimalAmounts: true, remitterName: 'Sanctioned_Entity' },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/payment/mock', query: {}, body: { amount: 10_000, currency: 'AED', payment_method: 'BankTransfer', remitter_name: 'Sanctioned_Entity' } },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'action_required', error_code: 'SANCTION_HIT' });
	});

	it('Mock Funds Available PATCHes the payment (no body) and outputs Glomo\'s answer', async () => {
		const held = sandbox.insert('payment', {
			status: 'success',
			payment_amount: 700,
			payment_currency: 'USD',
			requested_amount: 700,
			requested_currency: 'USD',
			funds_available: false,
			settlement_id: null,
		});
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'mockFundsAvailable', paymentId: rl(String(held.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'PATCH', path: `/api/v1/payment/${String(held.id)}/mock-funds-available`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([
			{ data: expect.objectContaining({ id: held.id, funds_available: true }), message: 'Payment funds available status updated successfully' },
		]);
		const again = await runGlomo(sandbox, { resource: 'payment', operation: 'mockFundsAvailable', paymentId: rl(String(held.id)) });
		expectApiError(again, 'Transaction already has funds available', '400');
	});

	test.each([
		['Mock Payment', { operation: 'mockPayment', into: 'unmatched', currency: 'USD', amount: 1_000, options: {} }],
		['Mock Funds Available', { operation: 'mockFundsAvailable', paymentId: rl('payt_abcdefgh1') }],
	])('%s is refused with a Live credential, and nothing is sent', async (_what, parameters) => {
		const result = await runGlomo(sandbox, { resource: 'payment', ...parameters }, LIVE());
		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(sandbox.requests).toEqual([]);
	});

	test.each([
		['an amount under 100 minor units', { amount: 99 }, 'Amount: must be at least 100 minor units for a mock payment, got 99'],
		['a payin id of another kind', { into: 'payin', payinId: rl('={{ "payt_abcdefgh1" }}') }, 'Payment Link or Order: "payt_abcdefgh1" is not a valid ID'],
		['a target not offered', { into: '={{ "card" }}', payinId: rl('payin_abcdefgh1') }, 'Into: "card" is not one of the choices'],
		['a remitter not offered', { options: { remitterName: 'Someone' } }, 'Options > Remitter: "Someone" is not one of the choices'],
		['a currency payment links do not take', { currency: '={{ "INR" }}' }, 'Currency: "INR" is not a supported currency'],
	])('Mock Payment refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, { resource: 'payment', operation: 'mockPayment', into: 'unmatched', currency: 'USD', amount: 1_000, options: {}, ...overrides });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Payment picker', () => {
	it('lists recent payments by id, amount, sender and status, and finds one by its request_id', async () => {
		const order = payin('order', 4_321);
		const made = (await runGlomo(sandbox, createParams(String(order.id), { requestId: 'PICK-PAY-9' }))).json('Glomo')[0];
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const found = await runListSearch('searchPayments', credentials, { filter: 'pick-pay-9' });
		expect(found.results).toEqual([{ name: `${String(made.id)} · 43.21 USD · Asha Rao · in_progress`, value: made.id }]);
		expect(found.paginationToken).toBeUndefined();
	});
});
