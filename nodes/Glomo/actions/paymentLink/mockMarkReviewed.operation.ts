import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentLinkIdField } from './shared';

export const description = defineOperation(
	'paymentLink',
	{
		name: 'Mock Mark Reviewed (Sandbox)',
		value: 'mockMarkReviewed',
		action: 'Approve a payment link\'s review in the sandbox',
		description: 'Sandbox only: approve a payment link that is under review, as Glomo\'s compliance review would; it becomes active',
	},
	[paymentLinkIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentLinkId', itemIndex, 'paymentLink', 'Payment Link');
	return await glomo.request({ method: 'PATCH', path: `/payin/${id}/mock_mark_reviewed`, itemIndex, sandboxOnly: true });
}
