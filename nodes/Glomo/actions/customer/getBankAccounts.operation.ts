import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { customerIdField } from './shared';

export const description = defineOperation(
	'customer',
	{
		name: 'Get Bank Accounts',
		value: 'getBankAccounts',
		action: 'Get a customer\'s bank accounts',
		description: 'List the bank accounts registered for a customer, one item each; the one in use has status active',
	},
	[customerIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'customerId', itemIndex, 'customer', 'Customer');
	// Glomo answers a bare JSON array here, not a page
	return await glomo.request({ method: 'GET', path: `/customer/${id}/bank-accounts`, expect: 'array', itemIndex });
}
