import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { subscriptionIdField } from './shared';

export const description = defineOperation(
	'subscription',
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a subscription',
		description: 'Stop a subscription for good: no further charges. It cannot be undone; create a new subscription instead.',
	},
	[subscriptionIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'subscriptionId', itemIndex, 'subscription', 'Subscription');
	return await glomo.request({ method: 'PATCH', path: `/subscriptions/${id}/cancel`, itemIndex });
}
