import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { subscriptionIdField } from './shared';

export const description = defineOperation(
	'subscription',
	{ name: 'Get', value: 'get', action: 'Get a subscription', description: 'Retrieve one subscription: its status, schedule, next payment date and link' },
	[subscriptionIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'subscriptionId', itemIndex, 'subscription', 'Subscription');
	return await glomo.request({ method: 'GET', path: `/subscriptions/${id}`, itemIndex });
}
