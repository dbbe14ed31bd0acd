import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isPlainObject } from '../../helpers/json';
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
	// one answer, not paged: {data: [payment links and orders]}
	const answer = (await glomo.request({ method: 'GET', path: `/payment/${id}/eligible-payins`, itemIndex })) as IDataObject;
	const payins = answer.data;
	if (!Array.isArray(payins) || !payins.every(isPlainObject)) {
		throw new NodeOperationError(this.getNode(), 'Glomo\'s answer holds no list of payment links (data)', {
			itemIndex,
			description: 'Nothing was changed. Try again; if it persists, Get the payment to see where it stands.',
		});
	}
	return payins as IDataObject[];
}
