import type { IDataObject } from 'n8n-workflow';

import { toMajorUnits } from '../../helpers/amounts';
import { isPlainObject } from '../../helpers/json';

/** What the node knows of a payment from the item it runs on, without asking Glomo. */
export interface PaymentFacts {
	/** payment_amount, in minor units */
	amount: number;
	currency: string;
}

/**
 * The payment `paymentId` when the input item is that payment: a Payment › Get output (its own
 * `id`) or a Glomo Trigger event about it (the envelope's `data.id`), carrying payment_amount and
 * payment_currency. Undefined for any other item: nothing is then known, and Glomo decides.
 */
export function paymentOfItem(json: IDataObject, paymentId: string): PaymentFacts | undefined {
	for (const candidate of [json, json.data]) {
		if (!isPlainObject(candidate) || candidate.id !== paymentId) continue;
		const { payment_amount: amount, payment_currency: currency } = candidate;
		// Number.isFinite converts nothing: it is false for anything but a finite number
		if (Number.isFinite(amount) && typeof currency === 'string' && currency.trim()) {
			return { amount: amount as number, currency: currency.trim().toUpperCase() };
		}
	}
	return undefined;
}

/**
 * Why a partial refund cannot be made of this payment, as the field to name and the problem; undefined
 * when nothing is wrong. A refund is paid in the payment's currency and cannot be more than the
 * payment (glomo-domain.md §8.5): `currency`, when the user gave one, must be the payment's, and
 * `amount` (minor units) at most its payment_amount. Refunds made before are not known here: Glomo
 * refuses the rest.
 */
export function refundProblem(
	payment: PaymentFacts,
	amount: number,
	currency?: string,
): { field: 'Amount' | 'Currency'; problem: string } | undefined {
	const paid = `${toMajorUnits(payment.amount, payment.currency)} ${payment.currency} (${payment.amount} in minor units)`;
	if (currency !== undefined && currency !== payment.currency) {
		return {
			field: 'Currency',
			problem: `is ${currency}, but the payment was ${paid}: a refund is always paid in the payment's currency`,
		};
	}
	if (amount > payment.amount) {
		return { field: 'Amount', problem: `${amount} is more than the payment, which was ${paid}` };
	}
	return undefined;
}
