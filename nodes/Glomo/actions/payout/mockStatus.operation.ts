import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { payoutIdField } from './shared';

export const description = defineOperation(
	'payout',
	{
		name: 'Mock Status (Sandbox)',
		value: 'mockStatus',
		action: 'Move a sandbox payout to a status',
		description: 'Sandbox only: move a test payout along a legal step of its lifecycle (refused with a Live credential)',
	},
	[
		payoutIdField,
		{
			displayName: 'Target Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Action Required', value: 'action_required', description: 'From Pending Approval, Queued or under review only' },
				{ name: 'Cancelled', value: 'cancelled', description: 'From any status that is not final' },
				{ name: 'Failed', value: 'failed', description: 'From In Progress (after Pending), with no error code' },
				{ name: 'Pending (Reads In Progress)', value: 'pending', description: 'From Queued: released to the bank; the payout then reads In Progress' },
				{ name: 'Success', value: 'success', description: 'From In Progress (after Pending)' },
			],
			default: 'pending',
			description: 'Glomo refuses any other step with "State change not allowed"',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'payoutId', itemIndex, 'payout', 'Payout');
	const status = this.getNodeParameter('status', itemIndex) as string;
	return await glomo.request({ method: 'PATCH', path: '/payouts/mock', body: { id, status }, sandboxOnly: true, itemIndex });
}
