import type { IExecuteFunctions } from 'n8n-workflow';

import { ID_PREFIX } from '../../helpers/constants';
import { idLocator } from '../../helpers/fields';
import { idPattern, invalid } from '../../helpers/params';

/** Currencies Glomo settles (glomo-domain.md §9 and §10.1: USD, EUR, GBP, AED and SGD). */
export const SETTLEMENT_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD'];

export const settlementIdField = idLocator('settlement', 'Settlement', 'searchSettlements', {
	description: 'The settlement, picked from the list or given by ID (setl_…)',
});

/** Payment IDs at most in one request: a guard against a whole pasted column, far above a real batch. */
export const MAX_PAYMENT_IDS = 500;

/**
 * The Payment IDs of a settlement: text separated by commas, spaces or line breaks, or a list from
 * an expression. Each must be a payment ID (payt_…); an ID given twice is sent once.
 */
export function checkPaymentIds(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string[] {
	const given: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [value];
	const ids: string[] = [];
	for (const entry of given) {
		const id = typeof entry === 'string' ? entry.trim() : entry;
		if (id === undefined || id === null || id === '') continue;
		if (typeof id !== 'string' || !idPattern('payment').test(id)) {
			const shown = typeof id === 'string' ? id : JSON.stringify(id);
			throw invalid(
				ctx,
				itemIndex,
				field,
				`"${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}" is not a valid payment ID`,
				`Payment IDs are "${ID_PREFIX.payment}" followed by 6 to 64 letters or digits, separated by commas.`,
			);
		}
		if (!ids.includes(id)) ids.push(id);
	}
	if (!ids.length) throw invalid(ctx, itemIndex, field, 'is required: give at least one payment ID');
	if (ids.length > MAX_PAYMENT_IDS) {
		throw invalid(ctx, itemIndex, field, `holds ${ids.length} payment IDs; at most ${MAX_PAYMENT_IDS} go in one settlement`);
	}
	return ids;
}
