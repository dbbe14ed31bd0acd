import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accepted, checkSwift } from '../../helpers/bankFormats';
import { addressField } from '../../helpers/address';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, compact, getString, optionalText } from '../../helpers/params';
import { checkEmail } from '../../helpers/person';
import type { GlomoClient } from '../../transport';
import { beneficiaryTypeField, legacyNotice } from './shared';

const BENEFICIARY = "The beneficiary's";

export const description = defineOperation(
	'beneficiary',
	{
		name: 'Create (Legacy v1)',
		value: 'createLegacy',
		action: 'Create a beneficiary with the legacy v1 API',
		description: 'Deprecated: POST /beneficiaries, the flat v1 format. Prefer Create (v2).',
	},
	[
		legacyNotice('Create'),
		{
			displayName: 'Holder Name',
			name: 'holderName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Asha Rao',
			description: 'Name of the account holder, as the bank knows it',
		},
		{ ...beneficiaryTypeField, required: true },
		{
			displayName: 'Account Number',
			name: 'accountNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1234567890',
			description: 'The account number as the bank writes it (spaces are dropped)',
		},
		{
			displayName: 'SWIFT / BIC Code',
			name: 'swiftCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'YESBINBB',
			description: "The bank's SWIFT/BIC code (bic_primary): 8 or 11 characters, the first 6 letters",
		},
		{
			displayName: 'Local Routing Code',
			name: 'localRoutingNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'YESB0000002',
			description: 'The domestic clearing code (bic_secondary): IFSC in India, sort code in the UK, ABA in the US',
		},
		{
			displayName: 'Bank Name',
			name: 'bankName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Yes Bank',
			description: 'Name of the bank that holds the account',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: "The beneficiary's email address",
		},
		addressField('line1', BENEFICIARY, { required: true }),
		addressField('city', BENEFICIARY, { required: true }),
		addressField('state', BENEFICIARY, { required: true }),
		countryField('country', 'Country', { required: true }),
		addressField('postalCode', BENEFICIARY, { required: true }),
		{
			displayName: 'Nickname',
			name: 'nickname',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Asha Rao - Yes Bank',
			description: 'How the beneficiary is shown in Glomo',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Optional details: the second address line and the bank that relays the money, if the beneficiary\'s bank names one',
			options: [
				addressField('line2', BENEFICIARY),
				countryField('intermediateBankCountry', 'Intermediate Bank Country'),
				{
					displayName: 'Intermediate Bank Name',
					name: 'intermediateBankName',
					type: 'string',
					default: '',
					placeholder: 'Citibank N.A.',
					description: 'Name of the bank that relays the money',
				},
				{
					displayName: 'Intermediate Bank SWIFT Code',
					name: 'intermediateBankSwiftCode',
					type: 'string',
					default: '',
					placeholder: 'CITIUS33',
					description: 'SWIFT/BIC code of the bank that relays the money: 8 or 11 characters, the first 6 letters',
				},
			],
		},
	],
);


export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const intermediateSwift = optionalText(extra.intermediateBankSwiftCode);
	const intermediateCountry = optionalText(extra.intermediateBankCountry);
	const body = compact({
		beneficiary_type: getString(this, 'beneficiaryType', itemIndex, 'Beneficiary Type'),
		account_number: getString(this, 'accountNumber', itemIndex, 'Account Number').replace(/\s+/g, ''),
		holder_name: getString(this, 'holderName', itemIndex, 'Holder Name'),
		bic_primary: accepted(this, itemIndex, 'SWIFT / BIC Code', checkSwift(getString(this, 'swiftCode', itemIndex, 'SWIFT / BIC Code'))),
		bic_secondary: getString(this, 'localRoutingNumber', itemIndex, 'Local Routing Code').toUpperCase(),
		bank_name: getString(this, 'bankName', itemIndex, 'Bank Name'),
		address_line1: getString(this, 'addressLine1', itemIndex, 'Address Line 1'),
		address_line2: optionalText(extra.addressLine2),
		email: checkEmail(this, getString(this, 'email', itemIndex, 'Email'), itemIndex, 'Email'),
		city: getString(this, 'city', itemIndex, 'City'),
		state: getString(this, 'state', itemIndex, 'State'),
		country: checkCountry(this, this.getNodeParameter('country', itemIndex), itemIndex, 'Country'),
		pincode: getString(this, 'postalCode', itemIndex, 'Postal Code'),
		nickname: getString(this, 'nickname', itemIndex, 'Nickname'),
		intermediate_bank_name: optionalText(extra.intermediateBankName),
		intermediate_bank_country:
			intermediateCountry && checkCountry(this, intermediateCountry, itemIndex, 'Additional Fields > Intermediate Bank Country'),
		intermediate_bank_swift_code:
			intermediateSwift && accepted(this, itemIndex, 'Additional Fields > Intermediate Bank SWIFT Code', checkSwift(intermediateSwift)),
	});
	return await glomo.request({ method: 'POST', path: '/beneficiaries', body, itemIndex });
}
