import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getString, invalid, optionalText } from '../../helpers/params';

/**
 * The card of a server-to-server payment. The number and the CVV are secrets (PCI data): their
 * fields are password fields, and no message here ever quotes them, whatever is wrong with them.
 */

const NOTHING_SENT = 'Nothing was sent to Glomo.';
const HOLDER_MAX = 128;

/** Luhn's check digit, which every card number carries. */
function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let at = 0; at < digits.length; at++) {
		let digit = Number(digits[digits.length - 1 - at]);
		if (at % 2 === 1) {
			digit *= 2;
			// Stryker disable next-line EqualityOperator: a doubled digit is even, never 9
			if (digit > 9) digit -= 9;
		}
		// Stryker disable next-line AssignmentOperator: -sum is a multiple of 10 exactly when sum is
		sum += digit;
	}
	return sum % 10 === 0;
}

function cardNumber(ctx: IExecuteFunctions, itemIndex: number): string {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	const digits = (optionalText(ctx.getNodeParameter('cardNumber', itemIndex, '')) ?? '').replace(/[\s-]/g, '');
	if (!digits) throw invalid(ctx, itemIndex, 'Card Number', 'is required', NOTHING_SENT);
	if (!/^\d{12,19}$/.test(digits)) {
		throw invalid(ctx, itemIndex, 'Card Number', 'must be 12 to 19 digits (spaces or dashes may separate them)', NOTHING_SENT);
	}
	if (!luhnValid(digits)) throw invalid(ctx, itemIndex, 'Card Number', 'is not a card number: its check digit does not match (a typing error?)', NOTHING_SENT);
	return digits;
}

/** MM/YY or MM/YYYY, not past: the card is valid to the end of its month (UTC). */
function cardExpiry(ctx: IExecuteFunctions, itemIndex: number, now: Date): { month: string; year: string } {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	const text = optionalText(ctx.getNodeParameter('cardExpiry', itemIndex, '')) ?? '';
	const parts = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(text);
	const month = parts ? Number(parts[1]) : 0;
	if (!parts || month < 1 || month > 12) {
		// what was typed is not quoted: a card number put in this field by mistake must not reach the error
		throw invalid(ctx, itemIndex, 'Expiry Date', text ? 'is not a month and year' : 'is required', `Write it as on the card: MM/YY, such as 08/29. ${NOTHING_SENT}`);
	}
	const year = parts[2].length === 2 ? 2000 + Number(parts[2]) : Number(parts[2]);
	const mm = String(month).padStart(2, '0');
	if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
		throw invalid(ctx, itemIndex, 'Expiry Date', `the card expired at the end of ${mm}/${year}`, NOTHING_SENT);
	}
	return { month: mm, year: String(year) };
}

/** The `card` object of POST /payment, every field checked. */
export function getCard(ctx: IExecuteFunctions, itemIndex: number, now = new Date()): IDataObject {
	const number = cardNumber(ctx, itemIndex);
	const { month, year } = cardExpiry(ctx, itemIndex, now);
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	const cvv = optionalText(ctx.getNodeParameter('cardCvv', itemIndex, '')) ?? '';
	if (!cvv) throw invalid(ctx, itemIndex, 'CVV', 'is required', NOTHING_SENT);
	// American Express numbers begin 34 or 37 and have a 4-digit code; other cards 3 digits
	const amex = /^3[47]/.test(number);
	if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvv)) {
		throw invalid(ctx, itemIndex, 'CVV', amex ? 'must be 4 digits for an American Express card' : 'must be 3 digits', NOTHING_SENT);
	}
	const holder = getString(ctx, 'cardHolderName', itemIndex, 'Cardholder Name');
	if (holder.length > HOLDER_MAX) {
		throw invalid(ctx, itemIndex, 'Cardholder Name', `is ${holder.length} characters long; at most ${HOLDER_MAX} are accepted`, NOTHING_SENT);
	}
	return { number, expiry_month: month, expiry_year: year, cvv, holder_name: holder };
}
