import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { countryOptions } from '../../helpers/constants';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, compact, getId, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { checkCountries } from './onboard.operation';
import { includeSecretKey, MERCHANT_TEXT_FIELDS, merchantIdField, merchantOutput, secretKeyOptions } from './shared';

const operationCountriesField: INodeProperties = {
	displayName: 'Operating Countries',
	name: 'operationCountries',
	type: 'multiOptions',
	options: countryOptions(),
	default: [],
	description: 'Countries where the merchant does business, as ISO 3166-1 alpha-3 codes, e.g. IND and USA; replaces the current list',
};

/** Update's fields: Onboard's that describe the merchant, under the same names, in the editor's (alphabetical) order. */
const UPDATE_FIELDS: INodeProperties[] = [
	...MERCHANT_TEXT_FIELDS.map(({ field }) => field),
	countryField('registrationCountry', 'Registration Country', {
		default: 'IND',
		description: 'Country where the merchant is registered, as an ISO 3166-1 alpha-3 code, e.g. IND',
	}),
	operationCountriesField,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

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
			options: UPDATE_FIELDS,
		},
		secretKeyOptions,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'merchantId', itemIndex, 'merchant', 'Merchant');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const { field, key } of MERCHANT_TEXT_FIELDS) body[key] = optionalText(fields[field.name]);
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
	return merchantOutput(answer, includeSecretKey(this, itemIndex));
}
