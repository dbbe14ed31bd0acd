import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { includeSecretKey, merchantIdField, merchantOutput, secretKeyOptions } from './shared';

export const description = defineOperation(
	'platformMerchant',
	{
		name: 'Mock Status Update (Sandbox)',
		value: 'mockStatusUpdate',
		action: 'Set a sandbox merchant\'s onboarding status',
		description: 'Sandbox only: decide a test merchant\'s onboarding review, e.g. approve it (refused with a Live credential)',
	},
	[
		merchantIdField,
		{
			displayName: 'Target Status',
			name: 'targetStatus',
			type: 'options',
			options: [
				{ name: 'Failed', value: 'failed', description: 'Onboarding rejected' },
				{ name: 'Pending', value: 'pending', description: 'Back under review' },
				{ name: 'Success', value: 'success', description: 'Onboarding approved: the merchant can transact' },
			],
			default: 'success',
			description: 'The onboarding status to give the merchant, e.g. Success to approve it; Glomo sends the merchant webhook of that status (merchant.success)',
		},
		secretKeyOptions,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'merchantId', itemIndex, 'merchant', 'Merchant');
	const targetStatus = this.getNodeParameter('targetStatus', itemIndex) as string;
	const answer = (await glomo.request({
		method: 'PATCH',
		path: '/platform/merchants/status-update',
		body: { merchant_id: id, target_status: targetStatus },
		sandboxOnly: true,
		itemIndex,
	})) as IDataObject;
	return merchantOutput(answer, includeSecretKey(this, itemIndex));
}
