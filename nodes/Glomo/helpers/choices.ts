import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { excerpt } from './errors';
import { invalid } from './params';

/**
 * The editor offers only the listed values of a dropdown or a switch, but an expression can give
 * anything. Every operation's dropdowns (options, multiOptions), switches (boolean) and the ones
 * inside its collections are checked here once, before the operation reads them, so a third value
 * for a two-value option, or the text "false" for a switch, is refused by name and nothing is sent.
 */

/**
 * Code lists (currencies, countries, purpose codes) are left to their readers (checkCurrency,
 * checkCountry, checkPurposeCode), which accept any case and name the list in their message.
 */
const CODE = /^(?:[A-Z]{3}|[A-Z]\d{4})$/;

function optionValues(property: INodeProperties): string[] {
	return (property.options ?? [])
		.filter((option): option is INodePropertyOptions => 'value' in option)
		.map((option) => String(option.value));
}

function isCodeList(property: INodeProperties): boolean {
	const values = optionValues(property);
	return values.length > 0 && values.every((value) => CODE.test(value));
}

function isAllowed(property: INodeProperties, value: unknown): boolean {
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
	return optionValues(property).includes(String(value));
}

function shown(value: unknown): string {
	return excerpt(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), 60);
}

function checkValue(ctx: IExecuteFunctions, itemIndex: number, property: INodeProperties, value: unknown, field: string): void {
	if (value === undefined || value === null || value === '') return;
	const refuse = (problem: string) => invalid(ctx, itemIndex, field, problem, 'Nothing was sent to Glomo.');
	if (property.type === 'boolean' && typeof value !== 'boolean') {
		throw refuse(`must be true or false, got "${shown(value)}"`);
	}
	// a listed value passes at once; only a value that is not listed asks whether the list is checked here
	const checkedHere = () => !property.typeOptions?.loadOptionsMethod && !isCodeList(property);
	if (property.type === 'options' && !isAllowed(property, value) && checkedHere()) {
		throw refuse(`"${shown(value)}" is not one of the choices`);
	}
	if (property.type === 'multiOptions') {
		const list = Array.isArray(value) ? value : [value];
		const wrong = list.find((entry) => !isAllowed(property, entry));
		if (wrong !== undefined && checkedHere()) throw refuse(`"${shown(wrong)}" is not one of the choices`);
	}
	if (property.type === 'collection' && typeof value === 'object') {
		const inner = (property.options ?? []) as INodeProperties[];
		for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
			const sub = inner.find((candidate) => candidate.name === name);
			if (sub) checkValue(ctx, itemIndex, sub, entry, `${field} > ${sub.displayName}`);
		}
	}
}

/** Checks the dropdowns and switches among an operation's fields for one item. */
export function checkChoices(ctx: IExecuteFunctions, itemIndex: number, properties: INodeProperties[]): void {
	for (const property of properties) {
		if (!['options', 'multiOptions', 'boolean', 'collection'].includes(property.type)) continue;
		// a field hidden by its displayOptions has no value at all: null, which is not checked
		checkValue(ctx, itemIndex, property, ctx.getNodeParameter(property.name, itemIndex, null), property.displayName);
	}
}
