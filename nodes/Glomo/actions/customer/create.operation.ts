import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addressField } from '../../helpers/address';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, compact, getString, optionalText } from '../../helpers/params';
import { checkBirthDate } from '../../helpers/person';
import type { GlomoClient } from '../../transport';
import { customerTypeField } from './shared';

const CUSTOMER = "The customer's";

export const description = defineOperation(
	'customer',
	{ name: 'Create', value: 'create', action: 'Create a customer', description: 'Create a customer who pays you' },
	[
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Asha Rao',
			description: 'Full name or business name, 2 to 128 characters: letters, digits, spaces and the signs & . , \' -.',
		},
		{ ...customerTypeField, required: true },
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Unique per country among your customers',
		},
		addressField('line1', CUSTOMER, {
			displayName: 'Address',
			name: 'address',
			required: true,
			placeholder: '221 MG Road, Bandra West',
			description: "The customer's street address on one line: building number, street and district",
		}),
		addressField('city', CUSTOMER, { required: true }),
		addressField('state', CUSTOMER, { required: true }),
		countryField('country', 'Country', { required: true, default: 'IND' }),
		addressField('postalCode', CUSTOMER, { name: 'pincode', description: 'Postal code or PIN code; required for some countries' }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Optional details of the customer',
			options: [
				{
					displayName: 'Date of Birth',
					name: 'dob',
					type: 'dateTime',
					default: '',
					description:
						"Individuals only. Sent as a calendar date (YYYY-MM-DD, e.g. 1990-04-25): the day the value falls on in the workflow's time zone.",
				},
				countryField('nationality', 'Nationality'),
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: '+91-9023456789',
					description: 'Phone number with country code',
				},
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		name: getString(this, 'name', itemIndex, 'Name'),
		customer_type: getString(this, 'customerType', itemIndex, 'Customer Type'),
		email: getString(this, 'email', itemIndex, 'Email'),
		address: getString(this, 'address', itemIndex, 'Address'),
		city: getString(this, 'city', itemIndex, 'City'),
		state: getString(this, 'state', itemIndex, 'State'),
		country: checkCountry(this, this.getNodeParameter('country', itemIndex), itemIndex, 'Country'),
		pincode: optionalText(this.getNodeParameter('pincode', itemIndex, '')),
		phone: optionalText(extra.phone),
	};
	if (extra.dob) body.dob = checkBirthDate(this, extra.dob, itemIndex, 'Date of Birth');
	if (extra.nationality) body.nationality = checkCountry(this, extra.nationality, itemIndex, 'Nationality');
	return await glomo.request({ method: 'POST', path: '/customer', body: compact(body), itemIndex });
}
