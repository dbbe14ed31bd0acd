import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId, getString } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { beneficiaryIdField } from './shared';

export const description = defineOperation(
	'beneficiary',
	{
		name: 'Mock Review (Sandbox)',
		value: 'mockReview',
		action: 'Approve or reject a beneficiary in the sandbox',
		description: 'Sandbox only: approve or reject a pending beneficiary, as Glomo\'s review would',
	},
	[
		beneficiaryIdField,
		{
			displayName: 'Review Action',
			name: 'reviewAction',
			type: 'options',
			options: [
				{ name: 'Approve', value: 'approve', description: 'The beneficiary becomes active and can be paid' },
				{ name: 'Reject', value: 'reject', description: 'The beneficiary becomes rejected and cannot be paid' },
			],
			default: 'approve',
			description: 'The outcome of the review: approve or reject',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'beneficiaryId', itemIndex, 'beneficiary', 'Beneficiary');
	const reviewAction = getString(this, 'reviewAction', itemIndex, 'Review Action');
	return await glomo.request({
		method: 'PATCH',
		path: `/v2/beneficiaries/${id}/mock-review`,
		body: { review_action: reviewAction },
		itemIndex,
		sandboxOnly: true,
	});
}
