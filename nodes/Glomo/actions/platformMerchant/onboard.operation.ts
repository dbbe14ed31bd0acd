import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { countryOptions } from '../../helpers/constants';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, checkDate, compact, getString, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { categoryField, getSubCategory, merchantOutput, onboardSecretKeyOption, subCategoryField } from './shared';

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
				'The output carries the new merchant\'s secret API key (jwt_token) once: put it into a Glomo credential for that merchant, and turn off Include Child Secret Key if this workflow has no use for it.',
			name: 'secretKeyNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Acme Exports LLP',
			description: 'Registered name of the business, or the full name of an individual, e.g. Acme Exports LLP',
		},
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
		{
			displayName: 'Registration Number',
			name: 'registrationNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'U72900MH2020PTC123456',
			description: 'The business\'s registration number, or an individual\'s ID number, e.g. U72900MH2020PTC123456',
		},
		countryField('registrationCountry', 'Registration Country', {
			required: true,
			default: 'IND',
			description: 'Country where the merchant is registered, as an ISO 3166-1 alpha-3 code, e.g. IND; also the country of its address',
		}),
		{
			displayName: 'Address Line 1',
			name: 'addressLine1',
			type: 'string',
			default: '',
			required: true,
			placeholder: '456 Commerce Street',
			description: 'First line of the merchant\'s address, e.g. 456 Commerce Street',
		},
		{ displayName: 'City', name: 'city', type: 'string', default: '', required: true, placeholder: 'Mumbai', description: 'City of the address, e.g. Mumbai' },
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Maharashtra',
			description: 'State or province of the address, e.g. Maharashtra',
		},
		{
			displayName: 'Postal Code',
			name: 'pincode',
			type: 'string',
			default: '',
			required: true,
			placeholder: '400001',
			description: 'Postal code or PIN code of the address, e.g. 400001',
		},
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
			options: [
				{
					displayName: 'Address Line 2',
					name: 'addressLine2',
					type: 'string',
					default: '',
					placeholder: 'Suite 101',
					description: 'Second line of the address, e.g. Suite 101',
				},
			],
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

/** A date of birth: a calendar date before today (in the workflow's time zone). */
function checkBirthDate(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	if (!optionalText(value) && !(value instanceof Date)) throw invalid(ctx, itemIndex, 'Date of Birth', 'is required for an individual');
	const date = checkDate(ctx, value, itemIndex, 'Date of Birth');
	const today = DateTime.now().setZone(ctx.getTimezone()).toISODate() as string;
	if (date >= today) throw invalid(ctx, itemIndex, 'Date of Birth', `${date} is not in the past`);
	return date;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const entityType = this.getNodeParameter('entityType', itemIndex) as string;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { includeSecretKey = true } = this.getNodeParameter('options', itemIndex, {}) as { includeSecretKey?: boolean };
	const body: IDataObject = {
		name: getString(this, 'name', itemIndex, 'Name'),
		address_line1: getString(this, 'addressLine1', itemIndex, 'Address Line 1'),
		address_line2: optionalText(extra.addressLine2),
		city: getString(this, 'city', itemIndex, 'City'),
		state: getString(this, 'state', itemIndex, 'State'),
		pincode: getString(this, 'pincode', itemIndex, 'Postal Code'),
		registration_number: getString(this, 'registrationNumber', itemIndex, 'Registration Number'),
		registration_country: checkCountry(this, this.getNodeParameter('registrationCountry', itemIndex), itemIndex, 'Registration Country'),
		entity_type: entityType,
		category: getString(this, 'merchantCategory', itemIndex, 'Category'),
		sub_category: getSubCategory(this, itemIndex),
		operation_countries: checkCountries(this, this.getNodeParameter('operationCountries', itemIndex), itemIndex, 'Operating Countries'),
	};
	if (entityType === 'individual') {
		body.gender = getString(this, 'gender', itemIndex, 'Gender');
		body.date_of_birth = checkBirthDate(this, this.getNodeParameter('dateOfBirth', itemIndex, ''), itemIndex);
	}
	// no request_id: Glomo documents none for onboarding, so a failed create is not sent again
	const answer = (await glomo.request({ method: 'POST', path: '/platform/merchants', body: compact(body), itemIndex })) as IDataObject;
	return merchantOutput(answer, includeSecretKey);
}
