import { badRequest } from '../core/errors';
import { announce, ApiRequest, ApiResult, createHandler, getHandler, listHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { BodySchema, validateBody, validationError } from '../core/validate';
import { ORDER_CURRENCIES } from './orders';
import { renewalPayment } from './payments';
import {
	addDays,
	addMonths,
	Billing,
	billingOf,
	cyclesOf,
	dayMs,
	dueDate,
	endDate,
	intervalMonths,
	presentSubscription,
	SUBSCRIPTION_STATUSES,
	TERMINAL_SUBSCRIPTION_STATUSES,
	todayUtc,
} from './subscriptionBilling';

/**
 * Subscriptions (`/subscriptions`, ids `sub_…`): recurring card charges of a customer. Behaviour
 * (glomo-domain.md §8.6, §10.5, §11; published spec; supplement for next-payment-date):
 *
 * - `POST /subscriptions` → 201 `created`, with `subscription_link_url`
 *   (https://checkout.glomopay.com/subscription/<id>, where the customer pays the first charge), no
 *   webhook (§7.5 has no subscription creation event). Fixed frequency: interval_type month (count 1,
 *   3 or 6) or year (count 1); billing_cycles 2 … the 10-year lifetime (120 / 40 / 20 / 10);
 *   start_date today or later (UTC); next_payment_date = start_date, end_date = the last cycle's date.
 *   `as_presented`: no interval_count, billing_cycles or start_date (400 if sent), max_amount required
 *   and ≥ amount, starts_with_first_payment not false; start_date shows the day it was created,
 *   next_payment_date stays null and there is no end_date (our reading: the newer docs only add
 *   as_presented and max_amount). Both: expires_at (the checkout link's expiry) on or after the start
 *   date and at most 6 months after it; currency one of USD, EUR, GBP, AED, SGD; an unknown customer is
 *   400 `Customer not found` (the spec's own example for this call). Glomo does not de-duplicate
 *   subscriptions (glomo-domain.md §4 lists no request_id for them): none is accepted.
 * - The first successful payment (payments.ts, after 3-D Secure) makes it `active`
 *   (`subscription.active`), or `authorized` (`subscription.authorized`) when the schedule stays on a
 *   start date still ahead (starts_with_first_payment false): the first charge then runs on the start
 *   date. See subscriptionBilling.ts for the schedule each sets.
 * - `PATCH …/pause`: fixed frequency only, from `active` only → `paused`, next_payment_date null;
 *   webhook `subscription.paused`.
 * - `PATCH …/resume`: from `paused` only → `active` on the existing schedule: next_payment_date is the
 *   next scheduled date not in the past (the cycles that fell due while paused are skipped, not
 *   charged; the end date stays); webhook `subscription.active`. When no scheduled date is left the
 *   subscription is `completed` instead (`subscription.completed`).
 * - `PATCH …/cancel`: both types, from any status but completed / cancelled / expired / failed →
 *   `cancelled`, cancelled_at today (UTC), next_payment_date null; webhook `subscription.cancelled`.
 * - `PATCH …/next-payment-date {next_payment_date}` (supplement, inferred): fixed frequency, `active`
 *   only, the date at least 2 days after today (UTC); the later cycles move with it (end_date too);
 *   webhook `subscription.updated`.
 * - Refusals are 400 `{error: "Bad Request", message}`: `Subscription cannot be paused from current
 *   state: <status>` (and resumed / cancelled, as the published spec words them); the wording of the
 *   refusals Glomo's sources do not quote (an as_presented pause, the next-payment-date rules) is ours.
 *   An unknown id is 404 `Subscription not found`; a wrong prefix 400 `Id must start with 'sub_'`.
 * - `runRenewals(ctx, date)` (test-only, `sandbox.runSubscriptionRenewals(date)`, no HTTP route): the
 *   daily renewal run Glomo makes around 06:30 IST, for one date. Each active fixed-frequency
 *   subscription whose next_payment_date is on or before it is charged (a `success` card payment of
 *   its amount, `payment.success`; the cards that can activate a subscription never decline here),
 *   once per cycle due, its next_payment_date moved one interval on; after the last cycle it is
 *   `completed` (`subscription.completed`). A subscription still `created` after its link's expires_at
 *   is `expired` (`subscription.expired`). No `subscription.updated` for a renewal: §7.6 has Glomo
 *   send `payment.*` per charge.
 */

/** Longest life of a fixed-frequency subscription (glomo-domain.md §10.5), in months. */
const LIFETIME_MONTHS = 120;
/** How long after the start the checkout link may expire, in months. */
const MAX_EXPIRY_MONTHS = 6;
/** How many days ahead a new next payment date must be, at least. */
const MIN_DAYS_AHEAD = 2;
const INTERVAL_COUNTS: Record<string, readonly number[]> = { month: [1, 3, 6], year: [1] };
const FIXED_ONLY = ['interval_count', 'billing_cycles', 'start_date'];
const NOT_FOUND = 'Subscription not found';

export function subscriptionLinkUrl(id: string): string {
	return `https://checkout.glomopay.com/subscription/${id}`;
}

const dateRule = { type: 'string' as const, check: (value: unknown) => (dayMs(value) === undefined ? 'must be a date in YYYY-MM-DD format' : undefined) };

const CREATE_SCHEMA: BodySchema = {
	fields: {
		customer_id: { type: 'string', required: true },
		product_name: { type: 'string', required: true, maxLength: 128 },
		product_description: { type: 'string', required: true, maxLength: 512 },
		plan_name: { type: 'string', maxLength: 128 },
		plan_description: { type: 'string', maxLength: 512 },
		amount: { type: 'integer', required: true, min: 1 },
		currency: { type: 'string', required: true },
		interval_type: { type: 'string', required: true, enum: ['month', 'year', 'as_presented'] },
		interval_count: { type: 'integer' },
		billing_cycles: { type: 'integer' },
		start_date: dateRule,
		expires_at: { ...dateRule, required: true },
		notify_customer: { type: 'boolean', required: true },
		starts_with_first_payment: { type: 'boolean' },
		max_amount: { type: 'integer', min: 1 },
	},
};

/** The create's rules beyond the field types (an as_presented subscription starts today). */
function checkCreate(body: Record<string, unknown>, ctx: SandboxContext): void {
	if (!(ORDER_CURRENCIES as readonly string[]).includes(body.currency as string)) throw badRequest('Currency not supported');
	const today = todayUtc(ctx);
	const problems: string[] = [];
	let start = today;
	if (body.interval_type === 'as_presented') {
		const fixed = FIXED_ONLY.find((key) => body[key] !== undefined);
		if (fixed) throw badRequest(`${fixed} cannot be specified for as_presented subscriptions`);
		if (body.max_amount === undefined) problems.push("Max amount can't be blank");
		else if ((body.amount as number) > (body.max_amount as number)) problems.push('Amount must be less than or equal to max amount');
		if (body.starts_with_first_payment === false) problems.push('Starts with first payment must be true for as_presented subscriptions');
	} else {
		if (body.max_amount !== undefined) throw badRequest('max_amount can only be specified for as_presented subscriptions');
		const missing = ['interval_count', 'billing_cycles', 'start_date', 'starts_with_first_payment'].filter((key) => body[key] === undefined);
		if (missing.length) validationError(...missing.map((key) => `${key.charAt(0).toUpperCase()}${key.slice(1).replace(/_/g, ' ')} can't be blank`));
		const type = body.interval_type as string;
		const count = body.interval_count as number;
		if (!INTERVAL_COUNTS[type].includes(count)) {
			problems.push(`Interval count must be one of: ${INTERVAL_COUNTS[type].join(', ')} for interval type ${type}`);
		} else {
			const most = LIFETIME_MONTHS / (intervalMonths(body) as number);
			const cycles = body.billing_cycles as number;
			if (cycles < 2) problems.push('Billing cycles must be greater than or equal to 2');
			else if (cycles > most) problems.push(`Billing cycles must be less than or equal to ${most}`);
		}
		start = body.start_date as string;
		if (start < today) problems.push('Start date must be today or in the future');
	}
	const expires = body.expires_at as string;
	if (expires < start) problems.push('Expires at must be on or after the start date');
	else if (expires > addMonths(start, MAX_EXPIRY_MONTHS)) problems.push(`Expires at cannot be more than ${MAX_EXPIRY_MONTHS} months after the start date`);
	if (problems.length) validationError(...problems);
}

function buildSubscription(body: Record<string, unknown>, ctx: SandboxContext): Record<string, unknown> {
	const customerId = body.customer_id as string;
	if (!customerId.startsWith('cust_') || !ctx.store.collection('customer').get(customerId)) throw badRequest('Customer not found');
	const id = ctx.ids.make('sub_');
	const months = intervalMonths(body);
	const start = months === undefined ? todayUtc(ctx) : (body.start_date as string);
	const billing: Billing = {
		anchor: start,
		anchor_cycle: 0,
		cycle: 0,
		starts_with_first_payment: body.starts_with_first_payment !== false,
		notify_customer: body.notify_customer as boolean,
	};
	const fixed = months === undefined ? {} : { interval_count: body.interval_count, billing_cycles: body.billing_cycles };
	const plan = Object.fromEntries(['plan_name', 'plan_description'].filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
	return {
		id,
		customer_id: customerId,
		product_name: body.product_name,
		product_description: body.product_description,
		...plan,
		status: 'created',
		amount: body.amount,
		currency: body.currency,
		interval_type: body.interval_type,
		...fixed,
		...(months === undefined ? { max_amount: body.max_amount } : {}),
		start_date: start,
		...(months === undefined ? {} : { end_date: endDate(billing, months, body.billing_cycles as number) }),
		expires_at: body.expires_at,
		next_payment_date: months === undefined ? null : start,
		subscription_link_url: subscriptionLinkUrl(id),
		cancelled_at: null,
		notes: {},
		billing,
	};
}

// ---------------------------------------------------------------------------------------------
// pause, resume, cancel, next payment date
// ---------------------------------------------------------------------------------------------

const collection = (ctx: SandboxContext) => ctx.store.collection('subscription');

/** Stores the change, announces it, answers with the subscription. */
function changed(ctx: SandboxContext, id: string, patch: Record<string, unknown>, event: string): ApiResult {
	const updated = collection(ctx).update(id, patch);
	announce(ctx, 'subscription', event, updated, presentSubscription);
	return { status: 200, body: presentSubscription(updated) };
}

function pause(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const subscription = loadRecord(ctx, 'subscription', req.params.id, NOT_FOUND);
	if (intervalMonths(subscription) === undefined) throw badRequest('Subscription cannot be paused: only fixed frequency subscriptions can be paused');
	if (subscription.status !== 'active') throw badRequest(`Subscription cannot be paused from current state: ${String(subscription.status)}`);
	return changed(ctx, subscription.id, { status: 'paused', next_payment_date: null, billing: billingOf(ctx, subscription) }, 'paused');
}

function resume(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const subscription = loadRecord(ctx, 'subscription', req.params.id, NOT_FOUND);
	if (subscription.status !== 'paused') throw badRequest(`Subscription cannot be resumed from current state: ${String(subscription.status)}`);
	const months = intervalMonths(subscription);
	if (months === undefined) return changed(ctx, subscription.id, { status: 'active' }, 'active');
	const billing = billingOf(ctx, subscription);
	const today = todayUtc(ctx);
	const cycles = cyclesOf(subscription);
	// the cycles that fell due while paused are skipped
	while (billing.cycle < cycles && dueDate(billing, months, billing.cycle) < today) billing.cycle++;
	if (billing.cycle >= cycles) return changed(ctx, subscription.id, { status: 'completed', billing }, 'completed');
	return changed(ctx, subscription.id, { status: 'active', next_payment_date: dueDate(billing, months, billing.cycle), billing }, 'active');
}

function cancel(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const subscription = loadRecord(ctx, 'subscription', req.params.id, NOT_FOUND);
	const status = String(subscription.status);
	if (TERMINAL_SUBSCRIPTION_STATUSES.includes(status)) throw badRequest(`Subscription cannot be cancelled from current state: ${status}`);
	return changed(ctx, subscription.id, { status: 'cancelled', next_payment_date: null, cancelled_at: todayUtc(ctx) }, 'cancelled');
}

const NEXT_DATE_SCHEMA: BodySchema = { fields: { next_payment_date: { ...dateRule, required: true } } };

function updateNextPaymentDate(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const subscription = loadRecord(ctx, 'subscription', req.params.id, NOT_FOUND);
	const body = validateBody(req.body, NEXT_DATE_SCHEMA);
	const months = intervalMonths(subscription);
	if (months === undefined) throw badRequest('Next payment date can only be updated for fixed frequency subscriptions');
	if (subscription.status !== 'active') throw badRequest(`Next payment date cannot be updated from current state: ${String(subscription.status)}`);
	const date = body.next_payment_date as string;
	const earliest = addDays(todayUtc(ctx), MIN_DAYS_AHEAD);
	if (date < earliest) validationError(`Next payment date must be at least ${MIN_DAYS_AHEAD} days after today (${earliest} or later)`);
	// the next cycle falls on the new date, the later ones follow it
	const billing = { ...billingOf(ctx, subscription), anchor: date };
	billing.anchor_cycle = billing.cycle;
	const end = endDate(billing, months, cyclesOf(subscription));
	return changed(ctx, subscription.id, { next_payment_date: date, billing, ...(end === null ? {} : { end_date: end }) }, 'updated');
}

// ---------------------------------------------------------------------------------------------
// the daily renewal run (test-only)
// ---------------------------------------------------------------------------------------------

export interface RenewalRun {
	/** the payments made, in order */
	payments: string[];
	/** subscriptions that reached their last cycle */
	completed: string[];
	/** subscriptions whose checkout link expired unpaid */
	expired: string[];
}

/** Charges one due cycle of an active (or authorized: it becomes active) subscription; `completed` after its last. */
function renew(ctx: SandboxContext, subscription: StoredRecord, months: number, run: RenewalRun): StoredRecord {
	const payment = renewalPayment(ctx, subscription);
	run.payments.push(payment.id);
	const billing = billingOf(ctx, subscription);
	billing.cycle++;
	if (billing.cycle >= cyclesOf(subscription)) {
		run.completed.push(subscription.id);
		const done = collection(ctx).update(subscription.id, { status: 'completed', next_payment_date: null, billing });
		announce(ctx, 'subscription', 'completed', done, presentSubscription);
		return done;
	}
	const wasActive = subscription.status === 'active';
	const next = collection(ctx).update(subscription.id, { status: 'active', next_payment_date: dueDate(billing, months, billing.cycle), billing });
	// an authorized subscription becomes active with its first charge
	if (!wasActive) announce(ctx, 'subscription', 'active', next, presentSubscription);
	return next;
}

/** The renewal run for `date` (YYYY-MM-DD): see the module's header. */
export function runRenewals(ctx: SandboxContext, date: string): RenewalRun {
	if (dayMs(date) === undefined) throw new Error(`runSubscriptionRenewals: "${date}" is not a date (YYYY-MM-DD)`);
	const run: RenewalRun = { payments: [], completed: [], expired: [] };
	for (const { row } of [...collection(ctx).byCreation()]) {
		let subscription = row;
		if (subscription.status === 'created' && dayMs(subscription.expires_at) !== undefined && (subscription.expires_at as string) < date) {
			run.expired.push(subscription.id);
			const expired = collection(ctx).update(subscription.id, { status: 'expired', next_payment_date: null });
			announce(ctx, 'subscription', 'expired', expired, presentSubscription);
			continue;
		}
		const months = intervalMonths(subscription);
		if (months === undefined) continue;
		const chargeable = () => (subscription.status === 'active' || subscription.status === 'authorized') && dayMs(subscription.next_payment_date) !== undefined;
		while (chargeable() && (subscription.next_payment_date as string) <= date) subscription = renew(ctx, subscription, months, run);
	}
	return run;
}

// ---------------------------------------------------------------------------------------------
// the module
// ---------------------------------------------------------------------------------------------

const present = (record: StoredRecord) => presentSubscription(record);
const dateFilter = (param: string) => ({ param, validate: (value: string) => (dayMs(value) === undefined ? `${param} must be a date in YYYY-MM-DD format` : undefined) });

export const subscriptionsModule: ResourceModule = {
	name: 'subscriptions',
	kinds: [{ kind: 'subscription', prefix: 'sub_', aliases: ['subscriptions'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/subscriptions`,
			handler: createHandler({ kind: 'subscription', schema: CREATE_SCHEMA, check: checkCreate, build: buildSubscription, present }),
		},
		{
			method: 'GET',
			path: `${V1}/subscriptions`,
			handler: listHandler({
				kind: 'subscription',
				filters: [{ param: 'status', enum: SUBSCRIPTION_STATUSES }, { param: 'customer_id' }, dateFilter('start_date'), dateFilter('end_date')],
				present,
			}),
		},
		{ method: 'GET', path: `${V1}/subscriptions/:id`, handler: getHandler({ kind: 'subscription', notFound: NOT_FOUND, present }) },
		{ method: 'PATCH', path: `${V1}/subscriptions/:id/pause`, handler: pause },
		{ method: 'PATCH', path: `${V1}/subscriptions/:id/resume`, handler: resume },
		{ method: 'PATCH', path: `${V1}/subscriptions/:id/cancel`, handler: cancel },
		{ method: 'PATCH', path: `${V1}/subscriptions/:id/next-payment-date`, handler: updateNextPaymentDate },
	],
};

