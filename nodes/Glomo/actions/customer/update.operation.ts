import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { compact, getId, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { customerIdField } from './shared';

export const description = defineOperation(
	'customer',
	{
		name: 'Update',
		value: 'update',
		action: 'Update a customer',
		description: 'Change a customer\'s email or phone (the only fields Glomo lets you change)',
	},
	[
		customerIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'The fields to change (email, phone or both); fields not added keep their value',
			options: [
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "The customer's new email address" },
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					placeholder: '+91-9023456789',
					default: '',
					description: "The customer's new phone number, with its country code",
				},
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'customerId', itemIndex, 'customer', 'Customer');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compact({ email: optionalText(fields.email), phone: optionalText(fields.phone) });
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Update Fields: add Email or Phone (or both)', { itemIndex });
	}
	return await glomo.request({ method: 'PATCH', path: `/customer/${id}`, body, itemIndex });
}
