import type { IExecuteFunctions } from 'n8n-workflow';

import { customerOrEmailFields, getCustomerOrEmail } from '../../helpers/customerOrEmail';
import { defineOperation } from '../../helpers/operation';
import { invalid } from '../../helpers/params';
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
				'Whether Glomo emails the link to the customer (the Customer\'s email, or the Email given). Turn it off to deliver the link yourself, its URL is in the output; it must be off for a link for nobody yet.',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const who = getCustomerOrEmail(this, itemIndex);
	const sendEmail = this.getNodeParameter('sendEmail', itemIndex, true) as boolean;
	if (sendEmail && !who.customer_id && !who.email) {
		throw invalid(
			this,
			itemIndex,
			'Send Email',
			'is on, but the link is for nobody yet: there is no one to email',
			'Pick a Customer or give an Email, or turn Send Email off and hand the link (url in the output) over yourself. Nothing was sent to Glomo.',
		);
	}
	const body = { ...who, send_email: sendEmail };
	// Glomo does not de-duplicate KYC links (no request_id): a create is sent once, never retried blindly
	return await glomo.request({ method: 'POST', path: '/kyc-links', body, itemIndex });
}
