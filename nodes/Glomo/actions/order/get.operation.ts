import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { orderIdField } from './shared';

export const description = defineOperation(
	'order',
	{ name: 'Get', value: 'get', action: 'Get an order', description: 'Retrieve one order and its status' },
	[orderIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'orderId', itemIndex, 'order', 'Order');
	return await glomo.request({ method: 'GET', path: `/orders/${id}`, itemIndex });
}
