import type { IExecuteFunctions } from 'n8n-workflow';

import { BALANCE_CONVERSION_CURRENCIES } from '../../helpers/constants';
import { createdRangeFilters, currencyField, listProperties } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { getListOptions, listQuery } from '../../helpers/params';
import { glomoApiRequestAllItems } from '../../transport';

export const description = defineOperation(
	'balanceConversion',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many balance conversions',
		description: 'List balance conversions, newest first',
	},
	[
		...listProperties,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				...createdRangeFilters,
				currencyField('sourceCurrency', 'From Currency', { only: BALANCE_CONVERSION_CURRENCIES }),
				currencyField('targetCurrency', 'To Currency', { only: BALANCE_CONVERSION_CURRENCIES }),
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = listQuery(this, itemIndex, {
		sourceCurrency: { param: 'source_currency', field: 'From Currency', kind: 'currency' },
		targetCurrency: { param: 'target_currency', field: 'To Currency', kind: 'currency' },
	});
	return await glomoApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/balance_conversions', qs, itemIndex },
		getListOptions(this, itemIndex),
	);
}
