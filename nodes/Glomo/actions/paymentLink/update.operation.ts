import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { compact, getId, invalid } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { checkExpiry, paymentLinkIdField, reminderDays, reminderFrequencyField } from './shared';

export const description = defineOperation(
	'paymentLink',
	{
		name: 'Update',
		value: 'update',
		action: 'Update a payment link',
		description: 'Change when a payment link expires or how often its customer is reminded (the only fields Glomo lets you change)',
	},
	[
		paymentLinkIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'The fields to change (Expires At, Reminder Frequency or both); fields not added keep their value',
			options: [
				{
					displayName: 'Expires At',
					name: 'expiresAt',
					type: 'dateTime',
					default: '',
					description:
						"The new expiry, as an ISO 8601 date and time such as 2026-12-31T18:00:00Z (without an offset it is read in the workflow's time zone): after now and at most 6 months ahead",
				},
				reminderFrequencyField(),
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentLinkId', itemIndex, 'paymentLink', 'Payment Link');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compact({
		expires_at: fields.expiresAt === undefined ? undefined : checkExpiry(this, fields.expiresAt, itemIndex, 'Update Fields > Expires At'),
		reminder_frequency: reminderDays(fields.reminderFrequency),
	});
	if (!Object.keys(body).length) {
		throw invalid(this, itemIndex, 'Update Fields', 'add Expires At or Reminder Frequency (or both)', 'Nothing was sent to Glomo.');
	}
	return await glomo.request({ method: 'PATCH', path: `/payin/${id}`, body, itemIndex });
}
