import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { COUNTRIES, CURRENCIES, ID_PREFIX, type IdResource } from './constants';
import { toMinorUnits } from './amounts';

/**
 * Readers for node parameters that validate before anything is sent. Every failure is a
 * NodeOperationError that names the field as the user sees it and carries the item index.
 */
function invalid(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string, description?: string) {
	return new NodeOperationError(ctx.getNode(), `${field}: ${problem}`, { itemIndex, description });
}

export function getString(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string): string {
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
	const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
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
	return checkCurrency(ctx, ctx.getNodeParameter(name, itemIndex, ''), itemIndex, field, allowed);
}

export function checkCountry(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (!COUNTRIES.some((c) => c.code === code)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`"${String(value ?? '')}" is not an ISO 3166-1 alpha-3 country code`,
			'Use a three-letter code such as IND, USA or ARE.',
		);
	}
	return code;
}

/**
 * An amount in the currency's smallest unit: a positive whole number. With `decimal` the user
 * typed major units (100.50) and it is converted for the currency (10050 for USD).
 */
export function checkAmount(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
	currency: string,
	decimal = false,
): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
		throw invalid(ctx, itemIndex, field, `must be a positive number, got "${String(value)}"`);
	}
	const minor = decimal ? toMinorUnits(amount, currency) : amount;
	if (minor === undefined || !Number.isInteger(minor)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			decimal
				? `${amount} has more decimals than ${currency} allows`
				: `must be a whole number of the smallest currency unit, got ${amount}`,
			decimal ? undefined : 'Glomo amounts are integers in minor units: 100.50 USD is 10050.',
		);
	}
	return minor;
}

/** An id from a resource locator (list, or typed by hand / expression), checked against its prefix. */
export function getId(ctx: IExecuteFunctions, name: string, itemIndex: number, resource: IdResource, field: string): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) throw invalid(ctx, itemIndex, field, 'is required');
	const prefix = ID_PREFIX[resource];
	if (!id.startsWith(prefix) || !/^[A-Za-z0-9_]+$/.test(id)) {
		throw invalid(ctx, itemIndex, field, `"${id}" is not a valid ID`, `IDs of this kind start with "${prefix}".`);
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

function parseDateTime(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): DateTime {
	const text = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	// a value without an offset is a wall time in the workflow's time zone, as n8n shows it
	const parsed = DateTime.fromISO(text, { zone: ctx.getTimezone() });
	if (!text || !parsed.isValid) throw invalid(ctx, itemIndex, field, `"${text}" is not a date`);
	return parsed;
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
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Drops empty values so optional fields the user left blank are not sent. */
export function compact(values: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined || value === null || value === '') continue;
		out[key] = value;
	}
	return out;
}

export interface FilterSpec {
	/** the API's query parameter */
	param: string;
	/** the field name the user sees */
	field: string;
	kind?: 'text' | 'currency' | 'country' | 'timestamp';
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
		if (!filter) continue;
		if (filter.kind === 'timestamp') qs[filter.param] = checkTimestamp(ctx, value, itemIndex, filter.field);
		else if (filter.kind === 'currency') qs[filter.param] = checkCurrency(ctx, value, itemIndex, filter.field);
		else if (filter.kind === 'country') qs[filter.param] = checkCountry(ctx, value, itemIndex, filter.field);
		else qs[filter.param] = typeof value === 'string' ? value.trim() : value;
	}
	return qs;
}
