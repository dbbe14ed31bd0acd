import type { IExecuteFunctions } from 'n8n-workflow';

import { BALANCE_CONVERSION_CURRENCIES } from '../../helpers/constants';
import { currencyField, listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import type { GlomoClient } from '../../transport';
import { defineOperation } from '../../helpers/operation';

export const description = defineOperation(
	'balanceConversion',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many balance conversions',
		description: 'List balance conversions, newest first',
	},
	listFields([
		currencyField('sourceCurrency', 'From Currency', { only: BALANCE_CONVERSION_CURRENCIES }),
		currencyField('targetCurrency', 'To Currency', { only: BALANCE_CONVERSION_CURRENCIES }),
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/balance_conversions', {
		sourceCurrency: { param: 'source_currency', field: 'From Currency', kind: 'currency' },
		targetCurrency: { param: 'target_currency', field: 'To Currency', kind: 'currency' },
	});
}
