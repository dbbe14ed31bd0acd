import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';
import { isPlainObject } from '../../helpers/json';
import { categoryOf, MERCHANT_CATEGORIES } from '../../helpers/merchantCategories';
import { invalid, optionalText } from '../../helpers/params';

/** What stands in the output for the child merchant's secret key when it is not to be shown. */
export const HIDDEN_SECRET = '[redacted]';

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

/** Onboard shows the key by default: its output is where the user first gets it. */
export const onboardSecretKeyOption: INodeProperties = { ...secretKeyOption, default: true };

/** Glomo's answer as the merchant record: the answer itself, or its `data` when it is wrapped ({message, data}). */
export function merchantOf(answer: IDataObject): IDataObject {
	return isPlainObject(answer.data) && answer.merchant_id === undefined ? (answer.data as IDataObject) : answer;
}

/** The merchant for the output: its secret key masked unless the user asked to see it. */
export function merchantOutput(answer: IDataObject, include: boolean): IDataObject {
	const merchant = merchantOf(answer);
	if (include || merchant.jwt_token === undefined || merchant.jwt_token === null) return merchant;
	return { ...merchant, jwt_token: HIDDEN_SECRET };
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
