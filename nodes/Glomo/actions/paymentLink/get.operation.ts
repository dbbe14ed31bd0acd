import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentLinkIdField } from './shared';

export const description = defineOperation(
	'paymentLink',
	{ name: 'Get', value: 'get', action: 'Get a payment link', description: 'Retrieve one payment link, its status and its URL' },
	[paymentLinkIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentLinkId', itemIndex, 'paymentLink', 'Payment Link');
	return await glomo.request({ method: 'GET', path: `/payin/${id}`, itemIndex });
}
