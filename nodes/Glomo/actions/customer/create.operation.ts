import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, checkDate, compact, getString, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { customerTypeField } from './shared';

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
		{ displayName: 'Address', name: 'address', type: 'string', default: '', required: true },
		{ displayName: 'City', name: 'city', type: 'string', default: '', required: true },
		{ displayName: 'State', name: 'state', type: 'string', default: '', required: true },
		countryField('country', 'Country', { required: true, default: 'IND' }),
		{
			displayName: 'Postal Code',
			name: 'pincode',
			type: 'string',
			default: '',
			description: 'Postal code or PIN code; required for some countries',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Date of Birth',
					name: 'dob',
					type: 'dateTime',
					default: '',
					description: 'Individuals only; sent as YYYY-MM-DD',
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
	if (extra.dob) body.dob = checkDate(this, extra.dob, itemIndex, 'Date of Birth');
	if (extra.nationality) body.nationality = checkCountry(this, extra.nationality, itemIndex, 'Nationality');
	return await glomo.request({ method: 'POST', path: '/customer', body: compact(body), itemIndex });
}
