/**
 * Amounts between minor units (what Glomo sends) and decimal units (what people type), for every
 * kind of currency exponent ISO 4217 has: 0 (JPY), 2 (USD) and 3 (KWD, BHD). The node's own
 * conversions are tested through real runs (operations.test.ts, validation.test.ts); these pin the
 * arithmetic for the currencies no operation converts yet (payouts will).
 */
import { currencyExponent, toMajorUnits, toMinorUnits } from '../../nodes/Glomo/helpers/amounts';

test.each([
	['JPY', 0],
	['jpy', 0],
	['KWD', 3],
	['BHD', 3],
	['USD', 2],
	['AED', 2],
	['XTS', 2],
])('%s has %i decimals', (currency, exponent) => {
	expect(currencyExponent(currency)).toBe(exponent);
});

test.each([
	['JPY', 1500, 1500],
	['KWD', 1.234, 1234],
	['BHD', 0.005, 5],
	['USD', 100.5, 10050],
	['USD', 0.29, 29],
	['KWD', 1234.567, 1234567],
])('%s %d is %i in minor units', (currency, decimal, minor) => {
	expect(toMinorUnits(decimal, currency)).toBe(minor);
	expect(toMajorUnits(minor, currency)).toBe(decimal);
});

test.each([
	['JPY', 1.5],
	['JPY', 0.1],
	['USD', 1.005],
	['KWD', 1.2345],
	['BHD', 0.0001],
])('%s %d has more decimals than the currency allows: refused (undefined)', (currency, decimal) => {
	expect(toMinorUnits(decimal, currency)).toBeUndefined();
});
