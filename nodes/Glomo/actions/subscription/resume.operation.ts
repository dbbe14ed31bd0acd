import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { subscriptionIdField } from './shared';

export const description = defineOperation(
	'subscription',
	{
		name: 'Resume',
		value: 'resume',
		action: 'Resume a paused subscription',
		description: 'Charge a paused subscription again on its existing schedule, from the next billing date that is not past',
	},
	[subscriptionIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'subscriptionId', itemIndex, 'subscription', 'Subscription');
	return await glomo.request({ method: 'PATCH', path: `/subscriptions/${id}/resume`, itemIndex });
}
