import type { IExecuteFunctions } from 'n8n-workflow';

import { currencyField, listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';
import { VIRTUAL_ACCOUNT_CURRENCIES } from './shared';

export const description = defineOperation(
	'virtualAccount',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many virtual accounts',
		description: 'List your virtual accounts with their account details, newest first',
	},
	listFields([
		currencyField('currency', 'Currency', {
			only: VIRTUAL_ACCOUNT_CURRENCIES,
			default: 'USD',
			description: 'Only accounts in this currency, as an ISO 4217 code, e.g. USD',
		}),
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/virtual-accounts', {
		currency: { param: 'currency', field: 'Currency', kind: 'currency' },
	});
}
