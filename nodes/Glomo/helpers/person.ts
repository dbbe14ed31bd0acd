import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { checkDate, invalid, optionalText } from './params';

/**
 * Checks of a person's details that several resources take (a beneficiary, a customer of a KYC link
 * or a payment session, a platform's merchant): an email, a phone number, a date of birth. Each
 * refuses by the field's name, before anything is sent.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/** An optional email: blank gives undefined, anything else must look like an address. */
export function checkEmail(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string | undefined {
	const email = optionalText(value);
	if (email === undefined) return undefined;
	if (!EMAIL.test(email)) throw invalid(ctx, itemIndex, field, `"${email}" is not an email address`);
	return email;
}

/** An optional phone number with its country code (Glomo checks it with libphonenumber's rules). */
export function checkPhone(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string | undefined {
	const phone = optionalText(value);
	if (phone === undefined) return undefined;
	const digits = phone.replace(/\D/g, '').length;
	if (!/^\+[0-9][0-9 ()-]*$/.test(phone) || digits < 8 || digits > 15) {
		throw invalid(ctx, itemIndex, field, `"${phone}" is not a phone number with its country code`, 'Write it as + and the country code, then the number, such as +91-9023456789.');
	}
	return phone;
}

/** Whether a date field was given at all (a Date from the picker, or text). */
export function hasDate(value: unknown): boolean {
	return value instanceof Date || optionalText(value) !== undefined;
}

/** A date of birth that was given: a calendar date (YYYY-MM-DD) before today in the workflow's time zone. */
export function checkBirthDate(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	const date = checkDate(ctx, value, itemIndex, field);
	const today = DateTime.now().setZone(ctx.getTimezone()).toISODate() as string;
	if (date >= today) throw invalid(ctx, itemIndex, field, `${date} is not in the past`, 'Nothing was sent to Glomo.');
	return date;
}
