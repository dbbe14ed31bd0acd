/**
 * The subscription lifecycle as a user's workflow steps would run it, every step the real Glomo node
 * against the sandbox: Customer › Create → Subscription › Create → the first charge with Payment ›
 * Create (a sandbox test card; the customer completes 3-D Secure) → Pause → Resume → Update Next
 * Payment Date → (the sandbox's daily renewal run charges on that date) → Cancel. Every webhook the
 * sandbox signed on the way is handed, in order, to the real Glomo Trigger, which must start a
 * workflow with it (a tampered copy must not).
 */
import { createHmac } from 'node:crypto';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { useWebhookReceiver } from '../harness/webhook-receiver';
import { createCustomerParams, rl, runGlomo } from './helpers';

const SECRET = 'whsec_subscriptions_1234567890';
const sandbox = useSandbox({ seed: 4242, webhookSecret: SECRET });
const { delivered, throughTrigger, listenHere } = useWebhookReceiver(sandbox, SECRET);

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const inDays = (days: number) => day(Date.now() + days * DAY);
function plusMonths(from: string, months: number): string {
	const [y, m, d] = from.split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
	return day(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

async function step(parameters: IDataObject): Promise<IDataObject> {
	const result = await runGlomo(sandbox, parameters);
	expect(result.error).toBeUndefined();
	return result.json('Glomo')[0];
}

/** Waits until the sandbox has delivered `count` events in all, so the next step's cannot overtake them. */
async function deliveredCount(count: number): Promise<void> {
	for (let waited = 0; sandbox.webhooks.length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	expect(sandbox.webhooks).toHaveLength(count);
}

test('subscription lifecycle: customer → subscription → first charge by card → pause → resume → next payment date → renewal → cancel, every webhook through the Glomo Trigger', async () => {
	listenHere();
	const subscriptionStep = (operation: string, extra: IDataObject = {}) => step({ resource: 'subscription', operation, subscriptionId: rl(id), ...extra });

	const customer = await step(createCustomerParams());
	expect(customer.id).toMatch(/^cust_/);

	const created = await step({
		resource: 'subscription',
		operation: 'create',
		customerId: rl(String(customer.id), 'list'),
		productName: 'Pro Hosting',
		productDescription: 'Managed hosting for one site',
		currency: 'USD',
		// minor units, as every amount of the node: 29.99 USD
		amount: 2_999,
		interval: 'monthly',
		billingCycles: 12,
		startDate: inDays(0),
		expiresAt: inDays(7),
		notifyCustomer: true,
		startsWithFirstPayment: true,
		options: { planName: 'Starter' },
	});
	const id = String(created.id);
	expect(created).toMatchObject({ status: 'created', amount: 2_999, subscription_link_url: `https://checkout.glomopay.com/subscription/${id}`, next_payment_date: inDays(0) });

	// the first charge, server to server with a sandbox test card; the customer then confirms it (3-D Secure)
	const first = await step({
		resource: 'payment',
		operation: 'create',
		charge: 'subscription',
		subscriptionId: rl(id),
		cardNumber: '4242 4242 4242 4242',
		cardExpiry: '08/99',
		cardCvv: '737',
		cardHolderName: 'Asha Rao',
		callbackUrl: 'https://shop.example.com/subscribed',
		requestId: '',
		options: {},
	});
	expect(first).toMatchObject({ status: 'in_progress', subscription_id: id, payment_amount: 2_999, duplicate: false });
	const page = await axios.get(String((first.next_steps as IDataObject).redirect_url), { maxRedirects: 0, validateStatus: () => true });
	expect(page.status).toBe(302);
	const back = new URL(String(page.headers.location));
	expect(Object.fromEntries(back.searchParams)).toEqual({
		order_id: id,
		payment_id: first.id,
		status: 'success',
		signature: createHmac('sha256', sandbox.secretKey).update(`${id}|${String(first.id)}|success`).digest('hex'),
	});
	await deliveredCount(2);

	const active = await subscriptionStep('get');
	// the schedule starts with the first payment: the next charge a month after it
	expect(active).toMatchObject({ status: 'active', next_payment_date: plusMonths(inDays(0), 1) });

	expect(await subscriptionStep('pause')).toMatchObject({ status: 'paused', next_payment_date: null });
	await deliveredCount(3);
	expect(await subscriptionStep('resume')).toMatchObject({ status: 'active', next_payment_date: plusMonths(inDays(0), 1) });
	await deliveredCount(4);
	expect(await subscriptionStep('updateNextPaymentDate', { nextPaymentDate: inDays(3) })).toMatchObject({ status: 'active', next_payment_date: inDays(3) });
	await deliveredCount(5);

	// Glomo's daily renewal run on the new date charges the card on file; the next charge a month on
	const run = sandbox.runSubscriptionRenewals(inDays(3));
	expect(run.payments).toHaveLength(1);
	await deliveredCount(6);
	expect(await subscriptionStep('get')).toMatchObject({ status: 'active', next_payment_date: plusMonths(inDays(3), 1) });
	const payments = await runGlomo(sandbox, { resource: 'payment', operation: 'getAll', returnAll: true, filters: { subscriptionId: id } });
	expect(payments.json('Glomo').map((p) => [p.id, p.status, p.auto_debit])).toEqual([
		[run.payments[0], 'success', true],
		[first.id, 'success', false],
	]);

	const cancelled = await subscriptionStep('cancel');
	expect(cancelled).toMatchObject({ status: 'cancelled', next_payment_date: null, cancelled_at: inDays(0) });
	await deliveredCount(7);

	const events = await delivered();
	expect(events.map((e) => e.event)).toEqual([
		'payment.success',
		'subscription.active',
		'subscription.paused',
		'subscription.active',
		'subscription.updated',
		'payment.success',
		'subscription.cancelled',
	]);
	const started = await throughTrigger(events);
	expect(started.map((event) => [(event.data as IDataObject).id, (event.data as IDataObject).status, (event.data as IDataObject).next_payment_date])).toEqual([
		[first.id, 'success', undefined],
		[id, 'active', plusMonths(inDays(0), 1)],
		[id, 'paused', null],
		[id, 'active', plusMonths(inDays(0), 1)],
		[id, 'active', inDays(3)],
		[run.payments[0], 'success', undefined],
		[id, 'cancelled', null],
	]);
	// what the trigger hands on is the subscription as Glomo shows it, nothing the sandbox keeps for itself
	for (const event of started.filter((e) => e.entity_type === 'subscription')) {
		expect(event.data).toMatchObject({ id, customer_id: customer.id, subscription_link_url: created.subscription_link_url });
		expect(event.data).not.toHaveProperty('billing');
		expect(event.data).not.toHaveProperty('card_details');
	}
});
