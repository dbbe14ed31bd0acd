import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { payoutIdField } from './shared';

export const description = defineOperation(
	'payout',
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a payout',
		description: 'Cancel a payout that is pending approval, queued, waiting for documents or under review (not once it is with the bank)',
	},
	[payoutIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'payoutId', itemIndex, 'payout', 'Payout');
	return await glomo.request({ method: 'PATCH', path: `/payouts/${id}/cancel`, itemIndex });
}
