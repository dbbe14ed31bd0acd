import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentLinkIdField } from './shared';

export const description = defineOperation(
	'paymentLink',
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a payment link',
		description: 'Deactivate an active payment link so it can no longer be paid',
	},
	[paymentLinkIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentLinkId', itemIndex, 'paymentLink', 'Payment Link');
	return await glomo.request({ method: 'PATCH', path: `/payin/${id}/cancel`, itemIndex });
}
