import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addressField } from '../../helpers/address';
import { idLocator } from '../../helpers/fields';
import { isPlainObject } from '../../helpers/json';
import { categoryOf, MERCHANT_CATEGORIES } from '../../helpers/merchantCategories';
import { invalid, optionalText } from '../../helpers/params';
import { MASK } from '../../helpers/redact';


/** Glomo has no endpoint that lists a platform's merchants: the merchant is given by ID. */
export const merchantIdField = idLocator('merchant', 'Merchant', undefined, {
	description: 'The child merchant, by the ID Onboard gave it (merch_…), e.g. merch_68c777fcOOMpl',
});

/** Whether the output shows the child's secret key (jwt_token), which Glomo returns with the merchant. Off by default. */
export const secretKeyOption: INodeProperties = {
	displayName: 'Include Child Secret Key',
	name: 'includeSecretKey',
	type: 'boolean',
	default: false,
	description:
		'Whether the output shows the child merchant\'s secret API key (jwt_token) as Glomo returns it. It is the key that works the child\'s account: anyone who sees the execution data can use it. Off, the output shows "[redacted]" instead.',
};

/** The Options collection of Get, Update and the mock: the secret key switch alone. */
export const secretKeyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [secretKeyOption],
};

/** Whether the user asked to see the child's secret key (off unless turned on). */
export function includeSecretKey(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const { includeSecretKey: include = false } = ctx.getNodeParameter('options', itemIndex, {}) as { includeSecretKey?: boolean };
	return include;
}

/** Onboard's: the same switch, off too, saying how to get the new merchant's key into a credential. */
export const onboardSecretKeyOption: INodeProperties = {
	...secretKeyOption,
	description:
		'Whether the output shows the new merchant\'s secret API key (jwt_token). Turn it on for one run to copy the key into a new Glomo credential for the merchant, then off again: anyone who sees the execution data (or an AI agent using this node as a tool) can use it. Off, the output shows "[redacted]"; Get can show the key later.',
};

const MERCHANT = "The merchant's";

/** The merchant's name, as Onboard requires it and Update changes it. */
export const merchantNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'Acme Exports LLP',
	description: 'Registered name of the business, or the full name of an individual, e.g. Acme Exports LLP',
};

export const registrationNumberField: INodeProperties = {
	displayName: 'Registration Number',
	name: 'registrationNumber',
	type: 'string',
	default: '',
	placeholder: 'U72900MH2020PTC123456',
	description: 'The business\'s registration number, or an individual\'s ID number, e.g. U72900MH2020PTC123456',
};

/** The merchant's address, in the shared address fields; Glomo calls the postal code `pincode`. */
export const merchantAddressFields = {
	line1: addressField('line1', MERCHANT),
	line2: addressField('line2', MERCHANT),
	city: addressField('city', MERCHANT),
	state: addressField('state', MERCHANT),
	pincode: addressField('postalCode', MERCHANT, { name: 'pincode' }),
};

/** The text fields a merchant is described by, each with the body key Glomo takes it under. */
export const MERCHANT_TEXT_FIELDS: Array<{ field: INodeProperties; key: string }> = [
	{ field: merchantNameField, key: 'name' },
	{ field: merchantAddressFields.line1, key: 'address_line1' },
	{ field: merchantAddressFields.line2, key: 'address_line2' },
	{ field: merchantAddressFields.city, key: 'city' },
	{ field: merchantAddressFields.state, key: 'state' },
	{ field: merchantAddressFields.pincode, key: 'pincode' },
	{ field: registrationNumberField, key: 'registration_number' },
];

/** Glomo's answer as the merchant record: the answer itself, or its `data` when it is wrapped ({message, data}). */
export function merchantOf(answer: IDataObject): IDataObject {
	return isPlainObject(answer.data) && answer.merchant_id === undefined ? (answer.data as IDataObject) : answer;
}

/** The merchant for the output: its secret key masked unless the user asked to see it. */
export function merchantOutput(answer: IDataObject, include: boolean): IDataObject {
	const merchant = merchantOf(answer);
	if (include || merchant.jwt_token === undefined || merchant.jwt_token === null) return merchant;
	return { ...merchant, jwt_token: MASK };
}

export const categoryField: INodeProperties = {
	displayName: 'Category',
	// not `category`: Beneficiary › Create has a field of that name, and fields shown by it
	name: 'merchantCategory',
	type: 'options',
	options: MERCHANT_CATEGORIES.map(({ category }) => ({ name: category, value: category })).sort((a, b) =>
		a.name.localeCompare(b.name),
	),
	default: 'Business Services',
	required: true,
	description: 'The merchant\'s line of business, as Glomo groups it, e.g. Business Services; the Sub-Category must belong to it',
};

export const subCategoryField: INodeProperties = {
	displayName: 'Sub-Category',
	name: 'subCategory',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'What the merchant does, as one of Glomo\'s sub-categories of the chosen Category (card-scheme merchant categories), e.g. Consulting Management and Public Relations Services',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchMerchantSubCategories', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'Computer Programming Data Processing and Integrated Systems Design Services',
		},
	],
};

/**
 * The Sub-Category, exactly as Glomo spells it. A name of another category than the chosen one is
 * left to Glomo: the pairing behind the list is inferred from the code ranges, not published.
 */
export function getSubCategory(ctx: IExecuteFunctions, itemIndex: number): string {
	const given = ctx.getNodeParameter('subCategory', itemIndex, '', { extractValue: true });
	const name = optionalText(given);
	if (!name) throw invalid(ctx, itemIndex, 'Sub-Category', 'is required', 'Pick one from the list of the chosen Category.');
	if (!categoryOf(name)) {
		const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
		throw invalid(
			ctx,
			itemIndex,
			'Sub-Category',
			`"${shown}" is not one of Glomo's sub-categories`,
			'Pick one from the list, or give its name exactly as the list spells it. Nothing was sent to Glomo.',
		);
	}
	return name;
}
