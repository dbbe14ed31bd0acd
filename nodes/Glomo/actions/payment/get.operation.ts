import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentIdField } from './shared';

export const description = defineOperation(
	'payment',
	{ name: 'Get', value: 'get', action: 'Get a payment', description: 'Retrieve one payment: its status, amounts, fees and whether its funds are available' },
	[paymentIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentId', itemIndex, 'payment', 'Payment');
	return await glomo.request({ method: 'GET', path: `/payment/${id}`, itemIndex });
}
