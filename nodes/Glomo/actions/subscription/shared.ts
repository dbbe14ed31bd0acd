import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { idLocator } from '../../helpers/fields';
import { checkDate, invalid, optionalText } from '../../helpers/params';

export const subscriptionIdField = idLocator('subscription', 'Subscription', 'searchSubscriptions', {
	description: 'The subscription, picked from the list (product, plan, amount, status) or given by ID, e.g. sub_5JU9yv0lGSUP',
});

/** A subscription's statuses (glomo-domain.md §10.6), for the list's filter. */
export const SUBSCRIPTION_STATUS_OPTIONS = [
	{ name: 'Active', value: 'active', description: 'Charged on its schedule (or, as presented, whenever you charge it)' },
	{ name: 'Authorized', value: 'authorized', description: 'The card is set up; the first charge runs on the start date' },
	{ name: 'Cancelled', value: 'cancelled', description: 'Cancelled for good' },
	{ name: 'Completed', value: 'completed', description: 'Every billing cycle was charged' },
	{ name: 'Created', value: 'created', description: 'Waiting for the customer to pay the first charge on the subscription link' },
	{ name: 'Expired', value: 'expired', description: 'The subscription link expired before the first payment' },
	{ name: 'Failed', value: 'failed', description: 'The subscription failed' },
	{ name: 'Halted', value: 'halted', description: 'Charges stopped after failed renewals' },
	{ name: 'Paused', value: 'paused', description: 'No charges until it is resumed' },
];

export interface Interval {
	/** interval_type */
	type: 'month' | 'year' | 'as_presented';
	/** interval_count (fixed frequency only) */
	count?: number;
	/** billing cycles in the 10-year lifetime Glomo allows (fixed frequency only) */
	maxCycles?: number;
}

/** The Interval dropdown's values, as Glomo's interval_type and interval_count (glomo-domain.md §10.5). */
export const INTERVALS: Record<string, Interval> = {
	monthly: { type: 'month', count: 1, maxCycles: 120 },
	quarterly: { type: 'month', count: 3, maxCycles: 40 },
	halfYearly: { type: 'month', count: 6, maxCycles: 20 },
	yearly: { type: 'year', count: 1, maxCycles: 10 },
	asPresented: { type: 'as_presented' },
};

/** Today in UTC, the calendar Glomo's subscription dates are written in. */
export function todayUtc(now: DateTime = DateTime.utc()): string {
	return now.toUTC().toISODate() as string;
}

/** `day` (YYYY-MM-DD) plus some days or months, kept in the last day of a shorter month (Aug 31 + 6 months = Feb 28). */
export function plus(day: string, duration: { days?: number; months?: number }): string {
	return DateTime.fromISO(day, { zone: 'utc' }).plus(duration).toISODate() as string;
}

/** A date parameter as Glomo's YYYY-MM-DD: the calendar date given (in the workflow's time zone when it has a time). */
export function getDay(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string, hint: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (!(value instanceof Date) && !optionalText(value)) throw invalid(ctx, itemIndex, field, 'is required', `${hint} Nothing was sent to Glomo.`);
	return checkDate(ctx, value, itemIndex, field);
}
