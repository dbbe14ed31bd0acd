import { announce, SandboxContext } from '../core/resource';
import { StoredRecord } from '../core/store';
import { addMonthsUtc } from './paymentLinks';

/**
 * The billing schedule of a subscription, shared by the subscriptions module (create, pause, resume,
 * next payment date, the renewal run) and the payments module (a first payment makes a subscription
 * `active`). Kept apart from both so neither imports the other's module.
 *
 * A fixed-frequency subscription (interval_type `month` or `year`) is charged once per cycle, cycles
 * 0 … billing_cycles − 1. The dates follow from an anchor: cycle k falls `k − anchor_cycle` intervals
 * after `anchor` (months added to the anchor each time, so Jan 31 gives Feb 28 then Mar 31, never a
 * drifting Mar 28). `cycle` is the next cycle due. The record keeps this under `billing`, never shown.
 * An `as_presented` subscription has no schedule: the merchant charges it (POST /payment, sequence
 * subsequent), so its next_payment_date stays null.
 */

export const SUBSCRIPTION_STATUSES = ['created', 'authorized', 'active', 'paused', 'halted', 'completed', 'cancelled', 'expired', 'failed'] as const;
/** Statuses a subscription never leaves (glomo-domain.md §8.6). */
export const TERMINAL_SUBSCRIPTION_STATUSES = ['completed', 'cancelled', 'expired', 'failed'];
/** Statuses waiting for the first payment. */
export const AWAITING_FIRST_PAYMENT = ['created', 'authorized'];

export interface Billing {
	/** the date of cycle `anchor_cycle` (YYYY-MM-DD) */
	anchor: string;
	anchor_cycle: number;
	/** the next cycle due (0 = the first payment) */
	cycle: number;
	starts_with_first_payment: boolean;
	notify_customer: boolean;
}

/** Kept on the record for the sandbox's own use, never shown (card_details: the card on file, written by payments.ts). */
const INTERNAL = ['billing', 'card_details'];

/** A subscription as Glomo shows it (GET, lists, webhooks). */
export function presentSubscription(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !INTERNAL.includes(key)));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a real calendar date written YYYY-MM-DD (midnight UTC), else undefined. */
export function dayMs(text: unknown): number | undefined {
	const match = typeof text === 'string' ? DAY.exec(text) : null;
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const ms = Date.UTC(year, month - 1, day);
	const date = new Date(ms);
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : undefined;
}

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Today's date in UTC, the calendar Glomo's date rules use. */
export const todayUtc = (ctx: SandboxContext): string => ctx.clock.nowIso().slice(0, 10);

export function addDays(day: string, days: number): string {
	return isoDay((dayMs(day) as number) + days * 86_400_000);
}

export function addMonths(day: string, months: number): string {
	return isoDay(addMonthsUtc(dayMs(day) as number, months));
}

/** Months between two charges, or undefined for an as_presented subscription (no schedule). */
export function intervalMonths(subscription: Record<string, unknown>): number | undefined {
	const count = typeof subscription.interval_count === 'number' ? subscription.interval_count : 1;
	if (subscription.interval_type === 'month') return count;
	if (subscription.interval_type === 'year') return 12 * count;
	return undefined;
}

/** How many cycles a subscription has (a record seeded without billing_cycles runs on). */
export function cyclesOf(subscription: Record<string, unknown>): number {
	return typeof subscription.billing_cycles === 'number' ? subscription.billing_cycles : Infinity;
}

/** The record's schedule, or one made up for a record seeded without it (anchored at its start date). */
export function billingOf(ctx: SandboxContext, subscription: Record<string, unknown>): Billing {
	const kept = subscription.billing as Billing | undefined;
	if (kept) return { ...kept };
	const start = dayMs(subscription.start_date) === undefined ? todayUtc(ctx) : (subscription.start_date as string);
	const waiting = AWAITING_FIRST_PAYMENT.includes(String(subscription.status));
	return { anchor: start, anchor_cycle: 0, cycle: waiting ? 0 : 1, starts_with_first_payment: true, notify_customer: true };
}

/** The date cycle `k` falls on. */
export function dueDate(billing: Billing, months: number, k: number): string {
	return addMonths(billing.anchor, (k - billing.anchor_cycle) * months);
}

/** The date of the last cycle, or null when the subscription runs on without end. */
export function endDate(billing: Billing, months: number, cycles: number): string | null {
	return Number.isFinite(cycles) ? dueDate(billing, months, cycles - 1) : null;
}

/**
 * A payment of the subscription succeeded (payments.ts, after 3-D Secure), for a subscription waiting
 * for its first payment (any other is left as it is). Glomo's two outcomes (glomo-domain.md §8.6):
 *
 * - `authorized` (webhook `subscription.authorized`): a fixed-frequency schedule kept on its start
 *   date (starts_with_first_payment false) whose start date is still ahead. The card is set up; the
 *   first charge (cycle 0) runs on the start date (the renewal run then makes it `active`), so
 *   next_payment_date is the start date.
 * - `active` (webhook `subscription.active`) otherwise: that payment is cycle 0, and the next charge
 *   one interval later, counted from the payment's day when the schedule is synchronised with the
 *   first payment (starts_with_first_payment, the default), else from the start date. An
 *   as_presented subscription has no schedule.
 */
export function firstPaymentSucceeded(ctx: SandboxContext, subscription: StoredRecord): void {
	if (!AWAITING_FIRST_PAYMENT.includes(String(subscription.status))) return;
	const patch: Record<string, unknown> = { status: 'active' };
	const months = intervalMonths(subscription);
	if (months !== undefined) {
		const billing = billingOf(ctx, subscription);
		const cycles = cyclesOf(subscription);
		const today = todayUtc(ctx);
		if (!billing.starts_with_first_payment && dueDate(billing, months, 0) > today) {
			// set up, not charged: cycle 0 stays due on the start date
			Object.assign(patch, { status: 'authorized', billing, next_payment_date: dueDate(billing, months, 0) });
		} else {
			if (billing.starts_with_first_payment) Object.assign(billing, { anchor: today, anchor_cycle: 0 });
			billing.cycle = 1;
			Object.assign(patch, {
				billing,
				end_date: endDate(billing, months, cycles) ?? subscription.end_date ?? null,
				next_payment_date: billing.cycle < cycles ? dueDate(billing, months, billing.cycle) : null,
			});
			if (billing.cycle >= cycles) patch.status = 'completed';
		}
	}
	const updated = ctx.store.collection('subscription').update(subscription.id, patch);
	announce(ctx, 'subscription', String(updated.status), updated, presentSubscription);
}
