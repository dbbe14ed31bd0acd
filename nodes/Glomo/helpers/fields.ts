import type { INodeProperties } from 'n8n-workflow';

import { countryOptions, currencyOptions, idPatternSource, idPrefixes, idShape, PURPOSE_CODES, type IdResource } from './constants';

/** Builders for the parameter shapes every resource repeats. */

export function currencyField(
	name: string,
	displayName: string,
	extra: Partial<INodeProperties> & { only?: readonly string[] } = {},
): INodeProperties {
	const { only, ...rest } = extra;
	const fallback = only?.[0] ?? 'USD';
	return {
		displayName,
		name,
		type: 'options',
		options: currencyOptions(only),
		default: fallback,
		description: 'ISO 4217 currency code',
		...rest,
	};
}

export function countryField(name: string, displayName: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		options: countryOptions(),
		default: '',
		description: 'ISO 3166-1 alpha-3 country code',
		...extra,
	};
}

export function amountField(name: string, displayName: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 3 },
		description:
			'Amount in the smallest unit of the currency, as a whole number: 10050 is 100.50 USD (turn on Amounts in Decimal Units to type 100.50)',
		...extra,
	};
}

export const decimalAmountsOption: INodeProperties = {
	displayName: 'Amounts in Decimal Units',
	name: 'decimalAmounts',
	type: 'boolean',
	default: false,
	description:
		'Whether amounts are typed in major units (100.50 USD) and converted to the minor units Glomo expects (10050)',
};

/**
 * An id input: "From List" searches the resource (when a list endpoint exists) and "By ID" checks
 * the prefix as the user types.
 */
export function idLocator(
	resource: IdResource | readonly IdResource[],
	displayName: string,
	searchListMethod?: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	const byId = {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: `${idPrefixes(resource)[0]}5JU9yv0lGSUP`,
		validation: [
			{
				type: 'regex' as const,
				properties: {
					regex: idPatternSource(resource),
					errorMessage: `Not a valid ID: ${idShape(resource)}`,
				},
			},
		],
	};
	const fromList = {
		displayName: 'From List',
		name: 'list',
		type: 'list' as const,
		typeOptions: { searchListMethod, searchable: true },
	};
	return {
		displayName,
		// a locator of several kinds is named by its caller
		name: `${typeof resource === 'string' ? resource : resource.join('Or')}Id`,
		type: 'resourceLocator',
		default: { mode: searchListMethod ? 'list' : 'id', value: '' },
		required: true,
		modes: searchListMethod ? [fromList, byId] : [byId],
		...extra,
	};
}

const listProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		// n8n's lint fixes the wording of a Limit's description: the example goes in the placeholder
		placeholder: '50',
		description: 'Max number of results to return',
	},
];

/** Created Before / Created After, in every list operation's Filters collection. */
const createdRangeFilters: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'after',
		type: 'dateTime',
		default: '',
		description:
			"Only records created after this moment, as an ISO 8601 date and time such as 2026-01-31T00:00:00Z; a value without an offset is read in the workflow's time zone",
	},
	{
		displayName: 'Created Before',
		name: 'before',
		type: 'dateTime',
		default: '',
		description:
			"Only records created before this moment, as an ISO 8601 date and time such as 2026-01-31T00:00:00Z; a value without an offset is read in the workflow's time zone",
	},
];

/** A list operation's fields: Return All, Limit and a Filters collection (created range + `filters`). */
export function listFields(filters: INodeProperties[]): INodeProperties[] {
	return [
		...listProperties,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Narrow the list to the records that match the filters added',
			options: [...createdRangeFilters, ...filters],
		},
	];
}

/**
 * The RBI purpose code of a payment, with each code's description: S codes for payouts, P codes
 * for payins. An expression may give any code of the same form (accounts can have their own).
 */
export function purposeCodeField(kind: 'payout' | 'payin', defaultCode: string, why: string): INodeProperties {
	return {
		displayName: 'Purpose Code',
		name: 'purposeCode',
		type: 'options',
		options: PURPOSE_CODES[kind].map((purpose) => ({
			name: `${purpose.code} - ${purpose.description}`,
			value: purpose.code,
			description: `${purpose.group}${purpose.documents ? `. Documents: ${purpose.documents}` : ''}`,
		})),
		default: defaultCode,
		required: true,
		description: `${why}, as the Reserve Bank of India codes it (${kind === 'payout' ? 'S' : 'P'} codes for ${kind}s). An expression may give any code your account has, for example from a spreadsheet column.`,
	};
}
