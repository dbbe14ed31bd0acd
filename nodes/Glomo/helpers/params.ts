import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { COUNTRIES, CURRENCIES, idPatternSource, idShape, type IdResource } from './constants';
import { currencyExponent, toMinorUnits } from './amounts';
import { printable } from './errors';

/**
 * Readers for node parameters that validate before anything is sent. Every failure is a
 * NodeOperationError that names the field as the user sees it and carries the item index.
 */
export function invalid(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string, description?: string) {
	// the problem quotes what the user gave: a line break in it must not forge a log line
	return new NodeOperationError(ctx.getNode(), `${field}: ${printable(problem)}`, { itemIndex, description });
}

export function getString(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string): string {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	const text = optionalText(ctx.getNodeParameter(name, itemIndex, ''));
	if (!text) throw invalid(ctx, itemIndex, field, 'is required');
	return text;
}

export function checkCurrency(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
	allowed?: readonly string[],
): string {
	const code = optionalText(value)?.toUpperCase();
	if (!code) throw invalid(ctx, itemIndex, field, 'is required');
	const known = allowed ? allowed.includes(code) : CURRENCIES.some((c) => c.code === code);
	if (!known) {
		const hint = allowed ? `Use one of ${allowed.join(', ')}.` : 'Use an ISO 4217 code such as USD.';
		throw invalid(ctx, itemIndex, field, `"${String(value)}" is not a supported currency`, hint);
	}
	return code;
}

export function getCurrency(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	field: string,
	allowed?: readonly string[],
): string {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	return checkCurrency(ctx, ctx.getNodeParameter(name, itemIndex, ''), itemIndex, field, allowed);
}

export function checkCountry(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	const given = optionalText(value) ?? '';
	const code = given.toUpperCase();
	if (!COUNTRIES.some((c) => c.code === code)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`"${given}" is not an ISO 3166-1 alpha-3 country code`,
			'Use a three-letter code such as IND, USA or ARE.',
		);
	}
	return code;
}

/**
 * A purpose code (RBI): a listed one, or any code of the same form, since an account may have codes
 * of its own. Upper-cased, as Glomo lists them.
 */
export function checkPurposeCode(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	const code = optionalText(value)?.toUpperCase();
	if (!code) throw invalid(ctx, itemIndex, field, 'is required', 'Pick the purpose of the payment, such as S1006 (business and management consultancy).');
	if (!/^[A-Z]{1,4}\d{3,6}$/.test(code)) {
		throw invalid(ctx, itemIndex, field, `"${String(value)}" is not a purpose code`, 'Purpose codes are a letter and four digits, such as S1006 for payouts or P0802 for payins.');
	}
	return code;
}

/** A number as a person writes it in a sheet or a form: digits, an optional decimal part. */
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * An amount in the currency's smallest unit: a positive whole number that JavaScript holds exactly.
 * With `decimal` the user typed major units (100.50) and it is converted for the currency (10050
 * for USD). Text must be a plain decimal: hex, binary, octal and exponent forms are refused, as is
 * any amount that would not be sent exactly as typed.
 */
export function checkAmount(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
	currency: string,
	decimal: boolean,
): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (text !== undefined && !PLAIN_DECIMAL.test(text)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`must be a positive number, got "${String(value)}"`,
			'Write it with digits only, such as 10050 or 100.50: no signs, separators, hex or exponents.',
		);
	}
	const amount = text !== undefined ? Number(text) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
		throw invalid(ctx, itemIndex, field, `must be a positive number, got "${String(value)}"`);
	}
	const typedDecimals = text?.includes('.') ? text.split('.')[1].replace(/0+$/, '').length : 0;
	// NaN when the amount is no whole number of minor units: refused just below
	const minor = (decimal ? toMinorUnits(amount, currency) : amount) ?? NaN;
	const tooPrecise = decimal && typedDecimals > currencyExponent(currency);
	if (tooPrecise || !Number.isInteger(minor)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			decimal
				? `${text ?? amount} has more decimals than ${currency} allows`
				: `must be a whole number of the smallest currency unit, got ${text ?? amount}`,
			decimal ? undefined : 'Glomo amounts are integers in minor units: 100.50 USD is 10050.',
		);
	}
	if (!Number.isSafeInteger(minor)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`${text ?? amount} is too large to be sent exactly`,
			`Amounts up to ${Number.MAX_SAFE_INTEGER} minor units can be sent.`,
		);
	}
	return minor;
}

/** Ids typed as one text, separated by commas (documents on a payout or a beneficiary); undefined when none. */
export function checkIdList(ctx: IExecuteFunctions, value: unknown, itemIndex: number, resource: IdResource, field: string): string[] | undefined {
	// checkId trims each one
	const ids = (optionalText(value) ?? '').split(',').filter((id) => id.trim());
	return ids.length ? ids.map((id) => checkId(ctx, id, itemIndex, resource, field)) : undefined;
}

/** Glomo ids are a prefix and a dozen or so letters and digits; a bare prefix or a huge value cannot be real. */
export function idPattern(resource: IdResource | readonly IdResource[]): RegExp {
	return new RegExp(idPatternSource(resource));
}
const ID_HINT = (resource: IdResource | readonly IdResource[]) =>
	`IDs of this kind are ${idShape(resource)}. Nothing was sent to Glomo.`;

/** An id from a resource locator (list, or typed by hand / expression), checked against its prefix. */
export function getId(ctx: IExecuteFunctions, name: string, itemIndex: number, resource: IdResource | readonly IdResource[], field: string): string {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	return checkId(ctx, ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }), itemIndex, resource, field);
}

/** An id given as a value (a filter, an expression), checked against its resource's prefix (or any of several resources'). */
export function checkId(ctx: IExecuteFunctions, value: unknown, itemIndex: number, resource: IdResource | readonly IdResource[], field: string): string {
	const id = optionalText(value);
	if (!id) throw invalid(ctx, itemIndex, field, 'is required', ID_HINT(resource));
	if (!idPattern(resource).test(id)) {
		const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
		throw invalid(ctx, itemIndex, field, `"${shown}" is not a valid ID`, ID_HINT(resource));
	}
	return id;
}

export function getListOptions(ctx: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit: number } {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw invalid(ctx, itemIndex, 'Limit', 'must be a whole number of at least 1');
	}
	return { returnAll, limit };
}

/** Real UTC offsets run from -12:00 to +14:00. */
const OFFSET_MINUTES = { min: -12 * 60, max: 14 * 60 };
const YEARS = { min: 1900, max: 2999 };

function parseDateTime(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): DateTime {
	const text = value instanceof Date ? value.toISOString() : (optionalText(value) ?? '');
	// a value without an offset is a wall time in the workflow's time zone, as n8n shows it;
	// setZone keeps an offset the text gives, so it can be checked
	const parsed = DateTime.fromISO(text, { zone: ctx.getTimezone(), setZone: true });
	if (!text || !parsed.isValid) throw invalid(ctx, itemIndex, field, `"${text}" is not a date`);
	if (parsed.offset < OFFSET_MINUTES.min || parsed.offset > OFFSET_MINUTES.max) {
		throw invalid(ctx, itemIndex, field, `"${text}" has a UTC offset beyond -12:00 to +14:00`);
	}
	if (parsed.year < YEARS.min || parsed.year > YEARS.max) {
		throw invalid(ctx, itemIndex, field, `"${text}" is outside the years ${YEARS.min} to ${YEARS.max}`);
	}
	return parsed.setZone(ctx.getTimezone());
}

/** A date-time parameter as Glomo's ISO-8601 UTC timestamp. */
export function checkTimestamp(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	return parseDateTime(ctx, value, itemIndex, field).toUTC().toISO() as string;
}

/** A calendar date (YYYY-MM-DD), as the date the user sees in the workflow's time zone. */
export function checkDate(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	return parseDateTime(ctx, value, itemIndex, field).toISODate() as string;
}

/** A text parameter that may arrive as a number from an expression (postal codes, phones). */
export function optionalText(value: unknown): string | undefined {
	// Number.isFinite converts nothing: it is false for anything but a finite number
	if (Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Drops empty values so optional fields the user left blank are not sent. */
export function compact(values: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if ((value ?? '') === '') continue;
		out[key] = value;
	}
	return out;
}

export interface FilterSpec {
	/** the API's query parameter */
	param: string;
	/** the field name the user sees */
	field: string;
	kind?: 'text' | 'currency' | 'country' | 'timestamp' | 'id';
	/** for kind 'id': whose prefix the value must carry */
	prefix?: IdResource;
}

/**
 * Reads a list operation's Filters collection into query parameters, validating each value.
 * Created Before / Created After are always understood.
 */
export function listQuery(ctx: IExecuteFunctions, itemIndex: number, spec: Record<string, FilterSpec>): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const all: Record<string, FilterSpec> = {
		after: { param: 'after', field: 'Created After', kind: 'timestamp' },
		before: { param: 'before', field: 'Created Before', kind: 'timestamp' },
		...spec,
	};
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(compact(filters))) {
		const filter = all[key];
		// Stryker disable next-line ConditionalExpression: n8n drops the values of a collection its description does not declare, so every key has a spec
		if (!filter) continue;
		if (filter.kind === 'timestamp') qs[filter.param] = checkTimestamp(ctx, value, itemIndex, filter.field);
		else if (filter.kind === 'currency') qs[filter.param] = checkCurrency(ctx, value, itemIndex, filter.field);
		else if (filter.kind === 'country') qs[filter.param] = checkCountry(ctx, value, itemIndex, filter.field);
		else if (filter.kind === 'id') qs[filter.param] = checkId(ctx, value, itemIndex, filter.prefix as IdResource, filter.field);
		// a text filter of spaces is left out like an empty one (axios leaves out undefined values)
		else qs[filter.param] = optionalText(value);
	}
	return qs;
}
