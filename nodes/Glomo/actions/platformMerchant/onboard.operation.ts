import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { countryOptions } from '../../helpers/constants';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, compact, getString, invalid, optionalText } from '../../helpers/params';
import { checkBirthDate, hasDate } from '../../helpers/person';
import type { GlomoClient } from '../../transport';
import {
	categoryField,
	getSubCategory,
	includeSecretKey,
	merchantAddressFields,
	merchantNameField,
	merchantOutput,
	MERCHANT_TEXT_FIELDS,
	onboardSecretKeyOption,
	registrationNumberField,
	subCategoryField,
} from './shared';

const INDIVIDUAL = { show: { entityType: ['individual'] } };

export const description = defineOperation(
	'platformMerchant',
	{
		name: 'Onboard',
		value: 'onboard',
		action: 'Onboard a merchant onto your platform',
		description: 'Create a child merchant under your platform account; Glomo reviews it (pending, then success or failed)',
	},
	[
		{
			displayName:
				'Glomo returns the new merchant\'s secret API key (jwt_token); the output shows it as "[redacted]". To work the merchant\'s account, turn on Options > Include Child Secret Key for one run, copy the key into a new Glomo credential, then turn it off again.',
			name: 'secretKeyNotice',
			type: 'notice',
			default: '',
		},
		{ ...merchantNameField, required: true },
		{
			displayName: 'Entity Type',
			name: 'entityType',
			type: 'options',
			options: [
				{ name: 'Business', value: 'business', description: 'A registered company, partnership or other business' },
				{ name: 'Individual', value: 'individual', description: 'A person trading in their own name; needs gender and date of birth' },
			],
			default: 'business',
			required: true,
			description: 'Whether the merchant is a business or a person, e.g. Business for a private limited company',
		},
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'female' },
				{ name: 'Male', value: 'male' },
				{ name: 'Not Specified', value: 'undefined', description: 'Sent as Glomo\'s value "undefined"' },
			],
			default: 'undefined',
			required: true,
			displayOptions: INDIVIDUAL,
			description: 'Gender of the individual, as Glomo records it, e.g. Female; Not Specified when it is not to be given',
		},
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'dateTime',
			default: '',
			// checked when the merchant is an individual: marked required, it would block a run whose Entity Type is an expression
			displayOptions: INDIVIDUAL,
			description: 'Date of birth of the individual, a date in the past; sent as YYYY-MM-DD, e.g. 1990-08-04',
		},
		categoryField,
		subCategoryField,
		{ ...registrationNumberField, required: true },
		countryField('registrationCountry', 'Registration Country', {
			required: true,
			default: 'IND',
			description: 'Country where the merchant is registered, as an ISO 3166-1 alpha-3 code, e.g. IND; also the country of its address',
		}),
		{ ...merchantAddressFields.line1, required: true },
		{ ...merchantAddressFields.city, required: true },
		{ ...merchantAddressFields.state, required: true },
		{ ...merchantAddressFields.pincode, required: true },
		{
			displayName: 'Operating Countries',
			name: 'operationCountries',
			type: 'multiOptions',
			options: countryOptions(),
			default: [],
			required: true,
			description:
				'Countries where the merchant does business, as ISO 3166-1 alpha-3 codes, e.g. IND and USA; an expression may give an array of codes or text such as "IND, USA"',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [merchantAddressFields.line2],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [onboardSecretKeyOption],
		},
	],
);

/** Countries given as a list (the dropdown, an array expression) or as text separated by commas. */
export function checkCountries(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string[] {
	const given = Array.isArray(value) ? value : (optionalText(value) ?? '').split(',');
	const codes = given.map((entry) => optionalText(entry)).filter((entry): entry is string => entry !== undefined);
	if (!codes.length) throw invalid(ctx, itemIndex, field, 'add at least one country', 'Use ISO 3166-1 alpha-3 codes such as IND or USA.');
	return [...new Set(codes.map((code) => checkCountry(ctx, code, itemIndex, field)))];
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const entityType = this.getNodeParameter('entityType', itemIndex) as string;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	// every text field is required but Address Line 2 (an Additional Field)
	for (const { field, key } of MERCHANT_TEXT_FIELDS) {
		body[key] = field.name === 'addressLine2' ? optionalText(extra.addressLine2) : getString(this, field.name, itemIndex, field.displayName);
	}
	Object.assign(body, {
		registration_country: checkCountry(this, this.getNodeParameter('registrationCountry', itemIndex), itemIndex, 'Registration Country'),
		entity_type: entityType,
		category: getString(this, 'merchantCategory', itemIndex, 'Category'),
		sub_category: getSubCategory(this, itemIndex),
		operation_countries: checkCountries(this, this.getNodeParameter('operationCountries', itemIndex), itemIndex, 'Operating Countries'),
	});
	if (entityType === 'individual') {
		body.gender = getString(this, 'gender', itemIndex, 'Gender');
		const born = this.getNodeParameter('dateOfBirth', itemIndex, '');
		if (!hasDate(born)) throw invalid(this, itemIndex, 'Date of Birth', 'is required for an individual');
		body.date_of_birth = checkBirthDate(this, born, itemIndex, 'Date of Birth');
	}
	// no request_id: Glomo documents none for onboarding, so a failed create is not sent again
	const answer = (await glomo.request({ method: 'POST', path: '/platform/merchants', body: compact(body), itemIndex })) as IDataObject;
	return merchantOutput(answer, includeSecretKey(this, itemIndex));
}
