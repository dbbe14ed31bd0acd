import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentIdField } from './shared';

export const description = defineOperation(
	'payment',
	{
		name: 'Get Eligible Payment Links',
		value: 'getEligiblePayins',
		action: 'Get the payment links a payment can be connected to',
		description: 'List the payment links and orders an unmatched bank transfer can be connected to, one item each',
	},
	[paymentIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentId', itemIndex, 'payment', 'Payment');
	// one answer, not paged: {data: [payment links and orders]}; anything else is the transport's error
	const answer = (await glomo.request({ method: 'GET', path: `/payment/${id}/eligible-payins`, itemIndex, expect: 'data' })) as { data: IDataObject[] };
	return answer.data;
}
