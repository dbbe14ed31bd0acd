import type { IExecuteFunctions } from 'n8n-workflow';

import { customerOrEmailFields, getCustomerOrEmail } from '../../helpers/customerOrEmail';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'kycLink',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a KYC link',
		description:
			'Create a link where a customer completes KYC with Glomo, for an existing customer, a new one by email, or nobody yet; Glomo can email it',
	},
	[
		...customerOrEmailFields('the KYC link'),
		{
			displayName: 'Send Email',
			name: 'sendEmail',
			type: 'boolean',
			default: true,
			description:
				'Whether Glomo emails the link to the customer. Turn it off to deliver the link yourself: its URL is in the output.',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const body = {
		...getCustomerOrEmail(this, itemIndex),
		send_email: this.getNodeParameter('sendEmail', itemIndex, true) as boolean,
	};
	// Glomo does not de-duplicate KYC links (no request_id): a create is sent once, never retried blindly
	return await glomo.request({ method: 'POST', path: '/kyc-links', body, itemIndex });
}
