import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { customerIdField } from './shared';

export const description = defineOperation(
	'customer',
	{ name: 'Get', value: 'get', action: 'Get a customer', description: 'Retrieve one customer' },
	[customerIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'customerId', itemIndex, 'customer', 'Customer');
	return await glomo.request({ method: 'GET', path: `/customer/${id}`, itemIndex });
}
