import type { IExecuteFunctions } from 'n8n-workflow';

import { invalid } from './params';

/**
 * Formats of bank identifiers, checked before anything is sent (glomo-domain.md §8.7, §11): each
 * returns the value as it is sent, or a problem worded for the user (with an example).
 */

export type Checked = { ok: true; value: string } | { ok: false; problem: string; hint: string };

const ok = (value: string): Checked => ({ ok: true, value });

/** The checked value, as it is sent; a problem stops the item with a refusal that names the field. */
export function accepted(ctx: IExecuteFunctions, itemIndex: number, field: string, checked: Checked): string {
	if (!checked.ok) throw invalid(ctx, itemIndex, field, checked.problem, checked.hint);
	return checked.value;
}
const bad = (problem: string, hint: string): Checked => ({ ok: false, problem, hint });

/** SWIFT/BIC: 8 to 11 characters, the first 6 letters (bank and country), then letters or digits; LRS wants exactly 8. */
export function checkSwift(given: string, { exactlyEight = false } = {}): Checked {
	const code = given.replace(/\s+/g, '').toUpperCase();
	const hint = exactlyEight
		? 'LRS beneficiaries take the 8-character form, such as CHASUS33.'
		: 'A SWIFT/BIC code is 8 or 11 characters: 6 letters (bank and country), then letters or digits, such as DEUTDEFF or DEUTDEFF500.';
	if (exactlyEight && code.length !== 8) return bad(`"${given}" must be exactly 8 characters for LRS`, hint);
	if (code.length < 8 || code.length > 11) return bad(`"${given}" must be 8 to 11 characters long`, hint);
	if (!/^[A-Z]{6}[A-Z0-9]+$/.test(code)) return bad(`"${given}" is not a SWIFT/BIC code`, hint);
	return ok(code);
}

/** IFSC: 4 letters (the bank), a zero, then 6 letters or digits (the branch). */
export function checkIfsc(given: string): Checked {
	const code = given.trim().toUpperCase();
	if (/^[A-Z]{4}0[A-Z0-9]{6}$/.test(code)) return ok(code);
	return bad(`"${given}" is not an IFSC`, 'An IFSC is 11 characters: 4 letters, a zero, then 6 letters or digits, such as HDFC0001234.');
}

/** UK sort code: 6 digits, written with or without dashes (sent without). */
export function checkSortCode(given: string): Checked {
	const code = given.replace(/[\s-]/g, '');
	if (/^\d{6}$/.test(code)) return ok(code);
	return bad(`"${given}" is not a sort code`, 'A UK sort code is 6 digits, such as 12-34-56 or 123456.');
}

/** US ABA routing number: 9 digits whose weighted sum 3-7-1 is a multiple of 10. */
export function checkAba(given: string): Checked {
	const code = given.replace(/[\s-]/g, '');
	const hint = 'An ABA routing number is 9 digits with a check digit, such as 021000021.';
	if (!/^\d{9}$/.test(code)) return bad(`"${given}" is not an ABA routing number`, hint);
	const d = code.split('').map(Number);
	const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
	if (sum % 10 !== 0) return bad(`"${given}" fails the ABA check digit`, hint);
	return ok(code);
}

/** Australian BSB: 6 digits, written with or without a dash (sent without). */
export function checkBsb(given: string): Checked {
	const code = given.replace(/[\s-]/g, '');
	if (/^\d{6}$/.test(code)) return ok(code);
	return bad(`"${given}" is not a BSB`, 'A BSB is 6 digits, such as 062-000 or 062000.');
}

/** Any other domestic clearing code: 3 to 35 letters or digits. */
export function checkLocalCode(given: string): Checked {
	const code = given.replace(/[\s-]/g, '').toUpperCase();
	if (/^[A-Z0-9]{3,35}$/.test(code)) return ok(code);
	return bad(`"${given}" is not a routing code`, 'A local routing code is 3 to 35 letters or digits, such as a bank or branch code.');
}

/** IBAN (ISO 13616): country letters, two check digits, up to 30 letters or digits; mod 97 = 1. */
export function checkIban(given: string, prefix?: string): Checked {
	const iban = given.replace(/\s+/g, '').toUpperCase();
	const hint = 'An IBAN is 2 letters, 2 check digits, then up to 30 letters or digits, such as DE89370400440532013000.';
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return bad(`"${given}" is not an IBAN`, hint);
	const moved = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (const char of moved) {
		const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
		for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	if (remainder !== 1) return bad(`"${given}" fails the IBAN check digits`, hint);
	if (prefix && !iban.startsWith(prefix)) {
		return bad(`"${given}" does not start with ${prefix}`, `AED accounts are UAE IBANs, which start with ${prefix}.`);
	}
	return ok(iban);
}

/** An account number: letters or digits (spaces dropped), of a length the account type allows. */
export function checkAccountNumber(given: string, rule: { digitsOnly: boolean; min: number; max: number; example: string }): Checked {
	const number = given.replace(/\s+/g, '').toUpperCase();
	const kind = rule.digitsOnly ? 'digits' : 'letters or digits';
	const length = rule.min === rule.max ? `${rule.min}` : `${rule.min} to ${rule.max}`;
	const pattern = rule.digitsOnly ? /^\d+$/ : /^[A-Z0-9]+$/;
	if (pattern.test(number) && number.length >= rule.min && number.length <= rule.max) return ok(number);
	return bad(`"${given}" must be ${length} ${kind}`, `For example ${rule.example}.`);
}

/** A UPI ID (VPA): a handle, "@", then the payment app or bank, such as name@okhdfcbank. */
export function checkUpiId(given: string): Checked {
	const id = given.trim();
	if (/^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9]{1,63}$/.test(id)) return ok(id);
	return bad(`"${given}" is not a UPI ID`, 'A UPI ID (VPA) is a handle, "@", then the app or bank, such as asha.rao@okhdfcbank.');
}
