import type { IExecuteFunctions } from 'n8n-workflow';

import { accepted, checkSwift } from '../../helpers/bankFormats';
import { countryField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, getId, getString } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { beneficiaryIdField } from '../beneficiary/shared';

const details = { show: { validateBy: ['details'] } };

export const description = defineOperation(
	'bankAccountValidation',
	{
		name: 'Create',
		value: 'create',
		action: 'Validate a bank account',
		description: 'Ask the bank who holds an account before paying it (Glomo charges a fee per validation)',
	},
	[
		{
			displayName: 'Validate',
			name: 'validateBy',
			type: 'options',
			options: [
				{ name: 'Bank Account Details', value: 'details', description: 'An account given by its country, holder, number and bank codes' },
				{ name: 'Saved Beneficiary', value: 'beneficiary', description: "The bank account of a beneficiary you have already added" },
			],
			default: 'details',
			description: 'Which account to check: one you give by its details, or the account of a saved beneficiary',
		},
		{ ...beneficiaryIdField, displayOptions: { show: { validateBy: ['beneficiary'] } } },
		countryField('country', 'Country', { required: true, description: 'Country of the account (ISO 3166-1 alpha-3)', displayOptions: details }),
		{
			displayName: 'Holder Name',
			name: 'holderName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Asha Rao',
			description: 'Name of the account holder, to compare with what the bank has',
			displayOptions: details,
		},
		{
			displayName: 'Account Number',
			name: 'accountNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '987654321001',
			description: 'The account number as the bank writes it (spaces are dropped)',
			displayOptions: details,
		},
		{
			displayName: 'SWIFT / BIC Code',
			name: 'swiftCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'YESBINBB',
			description: "The bank's SWIFT/BIC code (bic_primary): 8 or 11 characters, the first 6 letters",
			displayOptions: details,
		},
		{
			displayName: 'Local Routing Code',
			name: 'localRoutingNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'YESB0000002',
			description: 'The domestic clearing code (bic_secondary): IFSC in India, sort code in the UK, ABA in the US',
			displayOptions: details,
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const by = this.getNodeParameter('validateBy', itemIndex) as 'beneficiary' | 'details';
	if (by === 'beneficiary') {
		const id = getId(this, 'beneficiaryId', itemIndex, 'beneficiary', 'Beneficiary');
		return await glomo.request({ method: 'POST', path: '/bank_account_validation', body: { id }, itemIndex });
	}
	const swift = accepted(this, itemIndex, 'SWIFT / BIC Code', checkSwift(getString(this, 'swiftCode', itemIndex, 'SWIFT / BIC Code')));
	const body = {
		country: checkCountry(this, this.getNodeParameter('country', itemIndex), itemIndex, 'Country'),
		holder_name: getString(this, 'holderName', itemIndex, 'Holder Name'),
		account_number: getString(this, 'accountNumber', itemIndex, 'Account Number').replace(/\s+/g, ''),
		bic_primary: swift,
		bic_secondary: getString(this, 'localRoutingNumber', itemIndex, 'Local Routing Code').toUpperCase(),
	};
	return await glomo.request({ method: 'POST', path: '/bank_account_validation', body, itemIndex });
}
