import type { IExecuteFunctions } from 'n8n-workflow';

import { currencyField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { getCurrency } from '../../helpers/params';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'fx',
	{
		name: 'Get Mid-Market Rate',
		value: 'getRate',
		action: 'Get the mid-market rate',
		description: 'Base exchange rate for a currency pair, before Glomo\'s FX fees',
	},
	[
		currencyField('sourceCurrency', 'Source Currency', { required: true }),
		currencyField('destinationCurrency', 'Destination Currency', { required: true, default: 'INR' }),
	],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const qs = {
		source_currency: getCurrency(this, 'sourceCurrency', itemIndex, 'Source Currency'),
		destination_currency: getCurrency(this, 'destinationCurrency', itemIndex, 'Destination Currency'),
	};
	return await glomo.request({ method: 'GET', path: '/fx-rate', qs, itemIndex });
}
