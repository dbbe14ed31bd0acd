import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { refundIdField } from './shared';

export const description = defineOperation(
	'refund',
	{
		name: 'Mock Status (Sandbox)',
		value: 'mockStatus',
		action: 'Give a sandbox refund its bank outcome',
		description: 'Sandbox only: mark a test refund that is In Progress as succeeded or failed at the bank (refused with a Live credential)',
	},
	[
		refundIdField,
		{
			displayName: 'Target Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Failed', value: 'failed', description: 'The bank did not pay it back' },
				{ name: 'Success', value: 'success', description: 'The money went back to the payer' },
			],
			default: 'success',
			description: 'Glomo accepts it only once the refund was sent to the bank (In Progress); earlier or later it refuses the step',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'refundId', itemIndex, 'refund', 'Refund');
	const status = this.getNodeParameter('status', itemIndex) as string;
	return await glomo.request({ method: 'PATCH', path: `/refunds/${id}/mock_update_status`, body: { status }, sandboxOnly: true, itemIndex });
}
