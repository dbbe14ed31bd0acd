/**
 * Subscription: Create (fixed frequency and as presented; amounts in minor units, or typed in decimals
 * with Amounts in Decimal Units, as every amount of the node; no request_id, as
 * Glomo does not de-duplicate subscriptions), Get, Get Many, Pause, Resume, Cancel and Update Next
 * Payment Date, through WorkflowExecute against the sandbox: the exact requests, the outputs, every
 * refusal made before anything is sent (naming its field), Glomo's own refusals shown as they come,
 * and the subscription picker.
 */
import axios from 'axios';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 1212 });

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A UTC day `days` from today, YYYY-MM-DD. */
const inDays = (days: number) => day(Date.now() + days * DAY);
const today = () => inDays(0);
/** `from` plus whole months, in the last day of a shorter month. */
function plusMonths(from: string, months: number): string {
	const [y, m, d] = from.split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
	return day(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

/** A field of Subscription › Get Many's Filters, as the editor shows it. */
function subscriptionGetAllFilter(name: string): INodeProperties | undefined {
	const filters = new Glomo().description.properties.find(
		(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.includes('subscription') && p.displayOptions?.show?.operation?.includes('getAll'),
	);
	return (filters?.options as INodeProperties[] | undefined)?.find((option) => option.name === name);
}

function createParams(cust: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'subscription',
		operation: 'create',
		customerId: rl(cust),
		productName: 'Pro Hosting',
		productDescription: 'Managed hosting for one site',
		currency: 'USD',
		amount: 4_999,
		interval: 'monthly',
		billingCycles: 12,
		startDate: inDays(1),
		expiresAt: inDays(8),
		notifyCustomer: true,
		startsWithFirstPayment: true,
		options: {},
		...overrides,
	};
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

/** A subscription made over plain HTTP, `created`; `paid` gives it its first payment (3-D Secure done): `active`. */
async function subscription(kind: 'month' | 'as_presented', paid: boolean, overrides: IDataObject = {}): Promise<IDataObject> {
	const schedule = kind === 'month' ? { interval_type: 'month', interval_count: 1, billing_cycles: 12, start_date: today(), starts_with_first_payment: true } : { interval_type: 'as_presented', max_amount: 20_000 };
	const made = await direct('post', '/subscriptions', {
		customer_id: customer(),
		product_name: 'Usage plan',
		product_description: 'Billed as used',
		amount: 2_500,
		currency: 'USD',
		...schedule,
		expires_at: inDays(7),
		notify_customer: false,
		...overrides,
	});
	expect(made.id).toMatch(/^sub_/);
	if (!paid) return made;
	const card = { number: '4242424242424242', expiry_month: '08', expiry_year: '2099', cvv: '737', holder_name: 'Asha Rao' };
	const payment = await direct('post', '/payment', { subscription_id: made.id, method: 'card', card, callback_url: 'https://shop.example.com/sub' });
	await axios.get(String((payment.next_steps as IDataObject).redirect_url), { maxRedirects: 0, validateStatus: () => true });
	sandbox.clearRequests();
	return await direct('get', `/subscriptions/${String(made.id)}`);
}

describe('Subscription › Create', () => {
	it('POSTs /subscriptions with the documented body (amount in minor units as given, no request_id) and outputs the link first', async () => {
		const cust = customer();
		const result = await runGlomo(sandbox, createParams(cust, { options: { planName: 'Starter', planDescription: 'One site, 10 GB' } }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/subscriptions',
				query: {},
				body: {
					customer_id: cust,
					product_name: 'Pro Hosting',
					product_description: 'Managed hosting for one site',
					plan_name: 'Starter',
					plan_description: 'One site, 10 GB',
					amount: 4_999,
					currency: 'USD',
					interval_type: 'month',
					interval_count: 1,
					billing_cycles: 12,
					start_date: inDays(1),
					expires_at: inDays(8),
					notify_customer: true,
					starts_with_first_payment: true,
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const [output] = result.json('Glomo');
		const answered = sandbox.requests[0].responseBody as IDataObject;
		expect(output).toEqual(answered);
		expect(Object.keys(output).slice(0, 3)).toEqual(['id', 'status', 'subscription_link_url']);
		expect(output).toMatchObject({ status: 'created', subscription_link_url: `https://checkout.glomopay.com/subscription/${String(output.id)}`, next_payment_date: inDays(1) });
		expect(result.json('Glomo')).toHaveLength(1);
	});

	it.each([
		['quarterly', 'month', 3, 40],
		['halfYearly', 'month', 6, 20],
		['yearly', 'year', 1, 10],
	])('sends %s as interval_type %s with interval_count %d, up to %d billing cycles', async (interval, type, count, most) => {
		const result = await runGlomo(sandbox, createParams(customer(), { interval, billingCycles: most, startsWithFirstPayment: false, notifyCustomer: false }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ interval_type: type, interval_count: count, billing_cycles: most, notify_customer: false, starts_with_first_payment: false });
		expect(result.json('Glomo')[0]).toMatchObject({ interval_type: type, interval_count: count, billing_cycles: most, status: 'created' });
	});

	it('As Presented sends max_amount and no interval_count, billing_cycles or start_date; the link expiry counts from today', async () => {
		const cust = customer();
		const result = await runGlomo(sandbox, createParams(cust, { interval: 'asPresented', amount: 1_250, maxAmount: 20_000, expiresAt: inDays(30), currency: 'EUR' }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/subscriptions',
				query: {},
				body: {
					customer_id: cust,
					product_name: 'Pro Hosting',
					product_description: 'Managed hosting for one site',
					amount: 1_250,
					currency: 'EUR',
					interval_type: 'as_presented',
					max_amount: 20_000,
					expires_at: inDays(30),
					notify_customer: true,
					starts_with_first_payment: true,
				},
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'created', interval_type: 'as_presented', max_amount: 20_000, next_payment_date: null });
	});

	it('sends an amount mapped from another Glomo record (minor units) as it is, never 100 times over', async () => {
		// e.g. {{ $json.amount }} of an order or a payment: 4999 is 49.99 USD
		const result = await runGlomo(sandbox, createParams(customer(), { amount: '={{ 4999 }}', interval: 'asPresented', maxAmount: '={{ 20000 }}' }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ amount: 4_999, max_amount: 20_000 });
		expect(result.json('Glomo')[0]).toMatchObject({ amount: 4_999, max_amount: 20_000 });
	});

	it('with Amounts in Decimal Units, takes Amount and Max Amount in major units and sends minor units', async () => {
		const fixed = await runGlomo(sandbox, createParams(customer(), { amount: '1250.5', options: { decimalAmounts: true } }));
		expect(fixed.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ amount: 125_050 });
		sandbox.clearRequests();
		const usage = await runGlomo(sandbox, createParams(customer(), { interval: 'asPresented', amount: 12.5, maxAmount: 200, currency: 'GBP', options: { decimalAmounts: true } }));
		expect(usage.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ amount: 1_250, max_amount: 20_000, currency: 'GBP' });
	});

	it('refuses a three-decimal currency (KWD: subscriptions are charged in USD, EUR, GBP, AED or SGD only) by name, sending nothing', async () => {
		// its minor unit is a thousandth: 1.234 KWD would be 1234, were it a subscription currency
		const refused = await runGlomo(sandbox, createParams(customer(), { currency: '={{ "KWD" }}', amount: 1.234, options: { decimalAmounts: true } }));
		expectOperationError(refused, 'Currency: "KWD" is not a supported currency');
		expect(refused.error?.description).toBe('Use one of USD, EUR, GBP, AED, SGD.');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('a date-only start and expiry are sent as written, whatever the workflow\'s time zone', async () => {
		const result = await runGlomo(sandbox, createParams(customer(), { startDate: inDays(2), expiresAt: inDays(3) }), { timezone: 'Pacific/Kiritimati' });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ start_date: inDays(2), expires_at: inDays(3) });
	});

	it('takes a link expiry of exactly 6 months after the start', async () => {
		const result = await runGlomo(sandbox, createParams(customer(), { expiresAt: plusMonths(inDays(1), 6) }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ expires_at: plusMonths(inDays(1), 6) });
	});

	const asPresented = { interval: 'asPresented', maxAmount: 10_000 };
	const decimal = { options: { decimalAmounts: true } };
	test.each([
		['a customer id of another kind', { customerId: rl('={{ "order_abcdefgh1" }}') }, 'Customer: "order_abcdefgh1" is not a valid ID'],
		['no product name', { productName: ' ' }, 'Product Name: is required'],
		['a product name over 128 characters', { productName: 'n'.repeat(129) }, 'Product Name: is 129 characters long; Glomo takes at most 128'],
		['no product description', { productDescription: '={{ "" }}' }, 'Product Description: is required'],
		['a product description over 512 characters', { productDescription: 'd'.repeat(513) }, 'Product Description: is 513 characters long; Glomo takes at most 512'],
		['a plan name over 128 characters', { options: { planName: 'p'.repeat(129) } }, 'Options > Plan Name: is 129 characters long; Glomo takes at most 128'],
		['a plan description over 512 characters', { options: { planDescription: 'p'.repeat(513) } }, 'Options > Plan Description: is 513 characters long; Glomo takes at most 512'],
		['a currency subscriptions are not charged in', { currency: '={{ "INR" }}' }, 'Currency: "INR" is not a supported currency'],
		['an amount of zero', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
		['an amount that is no whole number of cents', { amount: 49.99 }, 'Amount: must be a whole number of the smallest currency unit, got 49.99'],
		['a decimal amount with more decimals than USD has', { amount: 49.999, ...decimal }, 'Amount: 49.999 has more decimals than USD allows'],
		['an amount written as an exponent', { amount: '5e3' }, 'Amount: must be a positive number, got "5e3"'],
		['an interval that is not offered', { interval: '={{ "weekly" }}' }, 'Interval: "weekly" is not one of the choices'],
		['one billing cycle', { billingCycles: 1 }, 'Billing Cycles: must be a whole number from 2 to 120 for a monthly subscription, got "1"'],
		['121 monthly cycles (over 10 years)', { billingCycles: 121 }, 'Billing Cycles: must be a whole number from 2 to 120 for a monthly subscription, got "121"'],
		['41 quarterly cycles', { interval: 'quarterly', billingCycles: 41 }, 'Billing Cycles: must be a whole number from 2 to 40 for a quarterly subscription, got "41"'],
		['21 half-yearly cycles', { interval: 'halfYearly', billingCycles: 21 }, 'Billing Cycles: must be a whole number from 2 to 20 for a half-yearly subscription, got "21"'],
		['11 yearly cycles', { interval: 'yearly', billingCycles: 11 }, 'Billing Cycles: must be a whole number from 2 to 10 for a yearly subscription, got "11"'],
		['a fraction of a cycle', { billingCycles: 2.5 }, 'Billing Cycles: must be a whole number from 2 to 120 for a monthly subscription, got "2.5"'],
		['no start date', { startDate: '={{ "" }}' }, 'Start Date: is required'],
		['a start date that is no date', { startDate: 'next week' }, 'Start Date: "next week" is not a date'],
		['a start yesterday (UTC)', { startDate: inDays(-1) }, `Start Date: ${inDays(-1)} is in the past`],
		['no link expiry', { expiresAt: '={{ "" }}' }, 'Link Expires At: is required'],
		['a link expiring before the start', { startDate: inDays(5), expiresAt: inDays(4) }, `Link Expires At: ${inDays(4)} is before the Start Date (${inDays(5)})`],
		[
			'a link expiring more than 6 months after the start',
			{ expiresAt: day(Date.parse(plusMonths(inDays(1), 6)) + DAY) },
			`Link Expires At: ${day(Date.parse(plusMonths(inDays(1), 6)) + DAY)} is more than 6 months after the Start Date (${inDays(1)})`,
		],
		['an as-presented cap below the amount', { ...asPresented, maxAmount: 4_998 }, 'Max Amount: 49.98 USD is less than the Amount (49.99 USD)'],
		['an as-presented cap below the amount, in decimals', { ...asPresented, ...decimal, amount: 49.99, maxAmount: 49.98 }, 'Max Amount: 49.98 USD is less than the Amount (49.99 USD)'],
		['an as-presented cap that is no whole number of cents', { ...asPresented, maxAmount: 100.5 }, 'Max Amount: must be a whole number of the smallest currency unit, got 100.5'],
		['an as-presented cap of zero', { ...asPresented, maxAmount: 0 }, 'Max Amount: must be a positive number, got "0"'],
		['an as-presented link expiring yesterday', { ...asPresented, expiresAt: inDays(-1) }, `Link Expires At: ${inDays(-1)} is before today (UTC) (${today()})`],
		[
			'an as-presented link expiring over 6 months from today',
			{ ...asPresented, expiresAt: day(Date.parse(plusMonths(today(), 6)) + DAY) },
			`Link Expires At: ${day(Date.parse(plusMonths(today(), 6)) + DAY)} is more than 6 months after today (UTC) (${today()})`,
		],
		['a notify switch that is no switch', { notifyCustomer: '={{ "yes" }}' }, 'Notify Customer: must be true or false, got "yes"'],
	])('refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, createParams(customer(), overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('shows Glomo\'s refusal of a customer it does not have, after one request (nothing resent)', async () => {
		const result = await runGlomo(sandbox, createParams('cust_unknown000001'));
		expectApiError(result, 'Customer not found', '400');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/subscriptions', 400]]);
	});

	it('a create whose answer is lost is not sent again (no request_id to make a resend safe): the error says to check first', async () => {
		sandbox.setFaults({ dropAfterCommit: 1 });
		const cust = customer();
		const result = await runGlomo(sandbox, createParams(cust));
		sandbox.resetFaults();
		expect(result.error).toBeDefined();
		expect(result.error?.description ?? '').toMatch(/running it again could do it twice/);
		expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		const made = await direct('get', `/subscriptions?customer_id=${cust}`);
		expect(made.data).toHaveLength(1);
	});
});

describe('Subscription › Get, Get Many', () => {
	it('GETs /subscriptions/{id} and outputs it', async () => {
		const sub = await subscription('month', true);
		const result = await runGlomo(sandbox, { resource: 'subscription', operation: 'get', subscriptionId: rl(String(sub.id)) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/subscriptions/${String(sub.id)}`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([sub]);
	});

	it('maps the filters to status, customer_id, start_date and end_date, newest first', async () => {
		const cust = customer();
		const older = await subscription('month', false, { customer_id: cust, start_date: inDays(10), expires_at: inDays(12), billing_cycles: 3 });
		const newer = await subscription('month', false, { customer_id: cust, start_date: inDays(10), expires_at: inDays(12), billing_cycles: 3 });
		const filters = { customerId: rl(cust, 'list'), status: 'created', startDate: inDays(10), endDate: plusMonths(inDays(10), 2) };
		const result = await runGlomo(sandbox, { resource: 'subscription', operation: 'getAll', returnAll: true, filters });
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/subscriptions',
				query: { customer_id: cust, status: 'created', start_date: inDays(10), end_date: plusMonths(inDays(10), 2), per_page: '100', page: '1' },
				body: undefined,
			},
		]);
		expect(result.json('Glomo')).toEqual([newer, older]);
	});

	it('pages through every subscription with Return All, and asks for Limit only otherwise', async () => {
		const cust = customer();
		for (let n = 0; n < 3; n++) await subscription('month', false, { customer_id: cust });
		const limited = await runGlomo(sandbox, { resource: 'subscription', operation: 'getAll', limit: 2, filters: { customerId: rl(cust) } });
		expect(sandbox.requests[0].query).toEqual({ customer_id: cust, per_page: '2', page: '1' });
		expect(limited.json('Glomo')).toHaveLength(2);
	});

	it('takes the Customer filter from a picker (searchCustomers) or by ID; left empty, it filters nothing', async () => {
		const filter = subscriptionGetAllFilter('customerId');
		expect(filter).toMatchObject({ type: 'resourceLocator', displayName: 'Customer', required: false });
		expect(filter?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchCustomers'],
			['id', undefined],
		]);
		const result = await runGlomo(sandbox, { resource: 'subscription', operation: 'getAll', limit: 1, filters: { customerId: rl('', 'list'), status: 'active' } });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].query).toEqual({ status: 'active', per_page: '1', page: '1' });
	});

	test.each([
		['a customer filter of another kind', { customerId: rl('={{ "payt_abcdefgh1" }}') }, 'Filters > Customer: "payt_abcdefgh1" is not a valid ID'],
		['a status Glomo does not have', { status: '={{ "live" }}' }, 'Filters > Status: "live" is not one of the choices'],
		['a start date that is no date', { startDate: 'soon' }, 'Filters > Start Date: "soon" is not a date'],
		['an end date that is no date', { endDate: '2026-02-30' }, 'Filters > End Date: "2026-02-30" is not a date'],
	])('refuses %s by name and sends nothing', async (_what, filters, message) => {
		const result = await runGlomo(sandbox, { resource: 'subscription', operation: 'getAll', returnAll: true, filters });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a subscription id of another kind by name and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'subscription', operation: 'get', subscriptionId: rl('={{ "cust_abcdefgh1" }}') });
		expectOperationError(result, 'Subscription: "cust_abcdefgh1" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('shows Glomo\'s 404 for a subscription it does not have', async () => {
		const result = await runGlomo(sandbox, { resource: 'subscription', operation: 'get', subscriptionId: rl('sub_nothing0000001') });
		expectApiError(result, 'Subscription not found', '404');
	});
});

describe('Subscription › Pause, Resume, Cancel', () => {
	const run = (operation: string, id: unknown) => runGlomo(sandbox, { resource: 'subscription', operation, subscriptionId: rl(String(id)) });

	it('PATCHes …/pause, …/resume and …/cancel with no body and outputs the subscription each time', async () => {
		const sub = await subscription('month', true);
		const id = String(sub.id);
		const next = sub.next_payment_date;

		const paused = await run('pause', id);
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'PATCH', path: `/api/v1/subscriptions/${id}/pause`, query: {}, body: undefined }]);
		expect(paused.json('Glomo')).toEqual([sandbox.requests[0].responseBody]);
		expect(paused.json('Glomo')[0]).toMatchObject({ id, status: 'paused', next_payment_date: null });

		sandbox.clearRequests();
		const resumed = await run('resume', id);
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'PATCH', path: `/api/v1/subscriptions/${id}/resume`, query: {}, body: undefined }]);
		expect(resumed.json('Glomo')[0]).toMatchObject({ id, status: 'active', next_payment_date: next });

		sandbox.clearRequests();
		const cancelled = await run('cancel', id);
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'PATCH', path: `/api/v1/subscriptions/${id}/cancel`, query: {}, body: undefined }]);
		expect(cancelled.json('Glomo')[0]).toMatchObject({ id, status: 'cancelled', next_payment_date: null, cancelled_at: today() });
	});

	it('shows Glomo\'s refusals: pause of a paused or an as-presented subscription, resume of an active one, cancel of a cancelled one', async () => {
		const paused = await subscription('month', true);
		await direct('patch', `/subscriptions/${String(paused.id)}/pause`);
		expectApiError(await run('pause', paused.id), 'Subscription cannot be paused from current state: paused', '400');

		const usage = await subscription('as_presented', true);
		expectApiError(await run('pause', usage.id), 'Subscription cannot be paused: only fixed frequency subscriptions can be paused', '400');

		const active = await subscription('month', true);
		expectApiError(await run('resume', active.id), 'Subscription cannot be resumed from current state: active', '400');

		const cancelled = await subscription('month', false);
		await direct('patch', `/subscriptions/${String(cancelled.id)}/cancel`);
		sandbox.clearRequests();
		expectApiError(await run('cancel', cancelled.id), 'Subscription cannot be cancelled from current state: cancelled', '400');
		// one request each: a refusal is never sent again
		expect(sandbox.requests).toHaveLength(1);
	});

	it.each(['pause', 'resume', 'cancel'])('%s refuses a subscription id of another kind by name and sends nothing', async (operation) => {
		const result = await run(operation, '={{ "order_abcdefgh1" }}');
		expectOperationError(result, 'Subscription: "order_abcdefgh1" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Subscription › Update Next Payment Date', () => {
	const move = (id: unknown, nextPaymentDate: string) =>
		runGlomo(sandbox, { resource: 'subscription', operation: 'updateNextPaymentDate', subscriptionId: rl(String(id)), nextPaymentDate });

	it('PATCHes …/next-payment-date with next_payment_date and outputs the subscription', async () => {
		const sub = await subscription('month', true);
		const result = await move(sub.id, inDays(2));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/subscriptions/${String(sub.id)}/next-payment-date`, query: {}, body: { next_payment_date: inDays(2) } },
		]);
		expect(result.json('Glomo')).toEqual([sandbox.requests[0].responseBody]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: sub.id, status: 'active', next_payment_date: inDays(2) });
	});

	test.each([
		['no date', '={{ "" }}', 'Next Payment Date: is required'],
		['a date that is no date', 'whenever', 'Next Payment Date: "whenever" is not a date'],
		['today', inDays(0), `Next Payment Date: ${inDays(0)} is less than 2 days ahead`],
		['tomorrow', inDays(1), `Next Payment Date: ${inDays(1)} is less than 2 days ahead`],
		['a past date', inDays(-3), `Next Payment Date: ${inDays(-3)} is less than 2 days ahead`],
	])('refuses %s by name and sends nothing', async (_what, date, message) => {
		const result = await move('sub_abcdefgh12345', date);
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('says which day is the earliest Glomo takes, counted in UTC', async () => {
		const result = await move('sub_abcdefgh12345', inDays(1));
		expect(result.error?.description).toBe(`Glomo counts days in UTC: the earliest next payment date now is ${inDays(2)}. Nothing was sent to Glomo.`);
	});

	it('shows Glomo\'s refusal of a paused subscription and of an as-presented one', async () => {
		const paused = await subscription('month', true);
		await direct('patch', `/subscriptions/${String(paused.id)}/pause`);
		expectApiError(await move(paused.id, inDays(5)), 'Next payment date cannot be updated from current state: paused', '400');
		const usage = await subscription('as_presented', true);
		expectApiError(await move(usage.id, inDays(5)), 'Next payment date can only be updated for fixed frequency subscriptions', '400');
	});
});

describe('Subscription picker', () => {
	it('labels subscriptions by product (plan), amount in major units and status, and finds one by product, plan or ID', async () => {
		const made = await subscription('month', false, { product_name: 'Picker Product', plan_name: 'Gold Tier', amount: 4_321 });
		const usage = await subscription('as_presented', false, { product_name: 'Picker Usage', amount: 100, max_amount: 9_900 });
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const expected = [{ name: `${String(made.id)} · Picker Product (Gold Tier) · 43.21 USD · created`, value: made.id }];
		expect((await runListSearch('searchSubscriptions', credentials, { filter: 'picker product' })).results).toEqual(expected);
		expect((await runListSearch('searchSubscriptions', credentials, { filter: 'GOLD TIER' })).results).toEqual(expected);
		expect((await runListSearch('searchSubscriptions', credentials, { filter: String(made.id) })).results).toEqual(expected);
		expect((await runListSearch('searchSubscriptions', credentials, { filter: 'picker usage' })).results).toEqual([
			{ name: `${String(usage.id)} · Picker Usage · 1 USD · created`, value: usage.id },
		]);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.query.per_page}`)).toEqual(Array(4).fill('GET /api/v1/subscriptions 100'));
	});
});
