import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { subscriptionIdField } from './shared';

export const description = defineOperation(
	'subscription',
	{
		name: 'Pause',
		value: 'pause',
		action: 'Pause a subscription',
		description: 'Stop charging an active monthly, quarterly, half-yearly or yearly subscription until it is resumed (Glomo refuses as-presented ones)',
	},
	[subscriptionIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'subscriptionId', itemIndex, 'subscription', 'Subscription');
	return await glomo.request({ method: 'PATCH', path: `/subscriptions/${id}/pause`, itemIndex });
}
