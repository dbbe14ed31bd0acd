import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { excerpt } from './errors';
import { isPlainObject, MAX_JSON_DEPTH, nestsDeeperThan } from './json';
import { invalid } from './params';

/**
 * A JSON parameter whose object is merged into a request body, for fields the form does not know
 * (an account's required `notes` keys, newer API fields). Read and merged before anything is sent;
 * every problem names the field.
 */

/** Keys that would reach an object's prototype if ever merged by assignment. */
const FORBIDDEN: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function refuseForbidden(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, path: string): void {
	if (Array.isArray(value)) {
		value.forEach((entry, index) => refuseForbidden(ctx, itemIndex, field, entry, `${path}[${index}]`));
		return;
	}
	if (!isPlainObject(value)) return;
	for (const [key, entry] of Object.entries(value)) {
		const at = path ? `${path}.${key}` : key;
		if (FORBIDDEN.has(key)) throw invalid(ctx, itemIndex, field, `may not contain the key "${at}"`);
		refuseForbidden(ctx, itemIndex, field, entry, at);
	}
}

/** The JSON object of parameter `name`, or undefined when it is empty (`{}`, blank). */
export function readJsonObject(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string): IDataObject | undefined {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (!text) return undefined;
		if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw invalid(ctx, itemIndex, field, `nests deeper than ${MAX_JSON_DEPTH} levels`);
		try {
			value = JSON.parse(text) as unknown;
		} catch (error) {
			throw invalid(
				ctx,
				itemIndex,
				field,
				`is not valid JSON (${excerpt((error as Error).message, 120)})`,
				'Write a JSON object, such as {"notes": {"tax_identification_number": "ABCDE1234F"}}. Nothing was sent to Glomo.',
			);
		}
	}
	if (value === undefined || value === null) return undefined;
	if (!isPlainObject(value)) {
		throw invalid(ctx, itemIndex, field, 'must be a JSON object', 'Write a JSON object, such as {"notes": {"key": "value"}}.');
	}
	refuseForbidden(ctx, itemIndex, field, value, '');
	return Object.keys(value).length ? (value as IDataObject) : undefined;
}

/**
 * Merges `extra` into `body` (in place): objects merge key by key at any depth; a key the form
 * already set is refused, so no value is replaced silently.
 */
export function mergeInto(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	body: IDataObject,
	extra: IDataObject,
	path = '',
): IDataObject {
	for (const [key, value] of Object.entries(extra)) {
		const at = path ? `${path}.${key}` : key;
		const has = Object.prototype.hasOwnProperty.call(body, key);
		if (!has) {
			body[key] = value as IDataObject;
			continue;
		}
		const current = body[key];
		if (isPlainObject(current) && isPlainObject(value)) {
			mergeInto(ctx, itemIndex, field, current as IDataObject, value as IDataObject, at);
			continue;
		}
		throw invalid(
			ctx,
			itemIndex,
			field,
			`"${at}" is already set by the form`,
			'Set each field in one place: leave it empty in the form, or take it out of the JSON. Nothing was sent to Glomo.',
		);
	}
	return body;
}
