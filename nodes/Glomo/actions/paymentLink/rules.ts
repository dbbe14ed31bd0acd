import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { checkTimestamp, invalid, optionalText } from '../../helpers/params';

/** The Reminder Frequency as the number Glomo wants (its dropdown values are checked already; an expression may give "7"). */
export function reminderDays(value: unknown): number | undefined {
	return value === undefined || value === null || value === '' ? undefined : Number(value);
}

/** How far ahead a link may expire (glomo-domain.md §8.2, §11). */
const MAX_MONTHS_AHEAD = 6;

/**
 * An Expires At value as Glomo's UTC timestamp: strictly after now and at most 6 months ahead,
 * the rule Glomo applies on create and on update. Refused by name before anything is sent.
 */
export function checkExpiry(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string, now: DateTime = DateTime.utc()): string {
	if (!(value instanceof Date) && !optionalText(value)) {
		throw invalid(ctx, itemIndex, field, 'is required', 'Give a date and time after now and at most 6 months ahead. Nothing was sent to Glomo.');
	}
	const iso = checkTimestamp(ctx, value, itemIndex, field);
	// Stryker disable next-line ObjectLiteral: checkTimestamp gives UTC with its Z, so the zone changes no comparison
	const at = DateTime.fromISO(iso, { zone: 'utc' });
	if (at <= now) {
		throw invalid(ctx, itemIndex, field, `${iso} is not in the future`, 'A payment link must expire after now. Nothing was sent to Glomo.');
	}
	const latest = now.plus({ months: MAX_MONTHS_AHEAD });
	if (at > latest) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`${iso} is more than ${MAX_MONTHS_AHEAD} months ahead`,
			`Glomo accepts an expiry up to ${latest.toISO() as string}. Nothing was sent to Glomo.`,
		);
	}
	return iso;
}

/** Statuses in which a link can still be paid, or will be once compliance is done. */
export const OPEN_STATUSES = ['active', 'under_review', 'action_required'];

/** What makes two payment links "the same thing" for Reuse Open Link. */
export interface LinkIdentity {
	customer_id: string;
	amount: number;
	currency: string;
	invoice_number?: string;
	reference_number?: string;
}

/** A text as compared: trimmed, and missing, null and empty all the same. */
function sameText(a: unknown, b: unknown): boolean {
	const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
	return text(a) === text(b);
}

/**
 * The open link among `links` (newest first, as Glomo lists them) that asks the same customer for
 * the same amount in the same currency under the same invoice and reference numbers, if any.
 * Open: active, under review or waiting for documents, and not past its expiry at `now`.
 */
export function findOpenLink(links: IDataObject[], wanted: LinkIdentity, now: number = Date.now()): IDataObject | undefined {
	return links.find((link) => {
		if (!OPEN_STATUSES.includes(String(link.status))) return false;
		// Stryker disable next-line ConditionalExpression: Date.parse of a non-string is NaN as well
		const expires = typeof link.expires_at === 'string' ? Date.parse(link.expires_at) : NaN;
		if (!Number.isNaN(expires) && expires <= now) return false;
		return (
			// the list is the customer's already: a record naming no customer is theirs, one naming another never
			(link.customer_id === undefined || link.customer_id === null || link.customer_id === wanted.customer_id) &&
			Number(link.amount) === wanted.amount &&
			// Stryker disable next-line StringLiteral: whatever stands for a missing currency matches no ISO code
			String(link.currency ?? '').toUpperCase() === wanted.currency &&
			sameText(link.invoice_number, wanted.invoice_number) &&
			sameText(link.reference_number, wanted.reference_number)
		);
	});
}
