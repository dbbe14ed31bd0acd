import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { countryOptions } from '../../helpers/constants';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, compact, getId, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { checkCountries } from './onboard.operation';
import { merchantIdField, merchantOutput, secretKeyOption } from './shared';

/** What Update can send: the fields of Onboard that describe the merchant, under the same names. */
const TEXT_FIELDS: Array<{ name: string; key: string; displayName: string; placeholder: string; description: string }> = [
	{ name: 'name', key: 'name', displayName: 'Name', placeholder: 'Acme Exports LLP', description: 'Registered name of the business, or the full name of an individual, e.g. Acme Exports LLP' },
	{ name: 'addressLine1', key: 'address_line1', displayName: 'Address Line 1', placeholder: '456 Commerce Street', description: 'First line of the address, e.g. 456 Commerce Street' },
	{ name: 'addressLine2', key: 'address_line2', displayName: 'Address Line 2', placeholder: 'Suite 101', description: 'Second line of the address, e.g. Suite 101' },
	{ name: 'city', key: 'city', displayName: 'City', placeholder: 'Mumbai', description: 'City of the address, e.g. Mumbai' },
	{ name: 'state', key: 'state', displayName: 'State', placeholder: 'Maharashtra', description: 'State or province of the address, e.g. Maharashtra' },
	{ name: 'pincode', key: 'pincode', displayName: 'Postal Code', placeholder: '400001', description: 'Postal code or PIN code of the address, e.g. 400001' },
	{
		name: 'registrationNumber',
		key: 'registration_number',
		displayName: 'Registration Number',
		placeholder: 'U72900MH2020PTC123456',
		description: 'The business\'s registration number, or an individual\'s ID number, e.g. U72900MH2020PTC123456',
	},
];

export const description = defineOperation(
	'platformMerchant',
	{
		name: 'Update',
		value: 'update',
		action: 'Update a platform merchant',
		description: 'Change the name, address, registration or operating countries of a merchant of your platform',
	},
	[
		merchantIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...TEXT_FIELDS.map(({ name, displayName, placeholder, description }) => ({
					displayName,
					name,
					type: 'string' as const,
					default: '',
					placeholder,
					description,
				})),
				countryField('registrationCountry', 'Registration Country', {
					default: 'IND',
					description: 'Country where the merchant is registered, as an ISO 3166-1 alpha-3 code, e.g. IND',
				}),
				{
					displayName: 'Operating Countries',
					name: 'operationCountries',
					type: 'multiOptions',
					options: countryOptions(),
					default: [],
					description:
						'Countries where the merchant does business, as ISO 3166-1 alpha-3 codes, e.g. IND and USA; replaces the current list',
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [secretKeyOption],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'merchantId', itemIndex, 'merchant', 'Merchant');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { includeSecretKey = false } = this.getNodeParameter('options', itemIndex, {}) as { includeSecretKey?: boolean };
	const body: IDataObject = {};
	for (const { name, key } of TEXT_FIELDS) body[key] = optionalText(fields[name]);
	if (fields.registrationCountry !== undefined) {
		body.registration_country = checkCountry(this, fields.registrationCountry, itemIndex, 'Update Fields > Registration Country');
	}
	if (fields.operationCountries !== undefined) {
		body.operation_countries = checkCountries(this, fields.operationCountries, itemIndex, 'Update Fields > Operating Countries');
	}
	const changes = compact(body);
	if (!Object.keys(changes).length) {
		throw invalid(this, itemIndex, 'Update Fields', 'add at least one field to change', 'Nothing was sent to Glomo.');
	}
	const answer = (await glomo.request({ method: 'PATCH', path: `/platform/merchants/${id}`, body: changes, itemIndex })) as IDataObject;
	return merchantOutput(answer, includeSecretKey);
}
