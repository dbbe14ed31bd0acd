import { CURRENCIES } from './constants';

/** Number of decimals in a currency's minor unit (ISO 4217; 2 when unknown). */
export function currencyExponent(currency: string): number {
	return CURRENCIES.find((c) => c.code === currency.toUpperCase())?.exponent ?? 2;
}

/** Minor units (what Glomo sends) to a decimal amount, e.g. 10050 USD -> 100.5. */
export function toMajorUnits(amount: number, currency: string): number {
	const exponent = currencyExponent(currency);
	return Number((amount / 10 ** exponent).toFixed(exponent));
}

/**
 * A decimal amount to minor units, e.g. 100.5 USD -> 10050. Returns undefined when the
 * amount has more decimals than the currency allows (so the caller can name the field).
 */
export function toMinorUnits(amount: number, currency: string): number | undefined {
	const exponent = currencyExponent(currency);
	const scaled = Math.round(amount * 10 ** exponent);
	// Stryker disable next-line EqualityOperator: no double differs from a multiple of the minor unit by exactly 1e-9 after the subtraction
	return Math.abs(scaled / 10 ** exponent - amount) < 1e-9 ? scaled : undefined;
}
