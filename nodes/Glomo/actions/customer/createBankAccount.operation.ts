import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { accepted, checkSwift } from '../../helpers/bankFormats';
import { defineOperation } from '../../helpers/operation';
import { compact, getId, getString, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { customerIdField } from './shared';

export const description = defineOperation(
	'customer',
	{
		name: 'Create Bank Account',
		value: 'createBankAccount',
		action: 'Register a customer\'s bank account',
		description: 'Register the account a customer pays from (third-party verification); it replaces the customer\'s active one',
	},
	[
		customerIdField,
		{
			displayName: 'Account Number',
			name: 'accountNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1234567890',
			description: 'The number (or IBAN) of the account the customer pays from. Payments from any other account are held for review.',
		},
		{
			displayName: 'SWIFT/BIC Code',
			name: 'bicPrimary',
			type: 'string',
			default: '',
			placeholder: 'HDFCINBBDEL',
			description: 'The bank\'s SWIFT/BIC code (8 or 11 characters). Give it, the Local Bank Code, or both.',
		},
		{
			displayName: 'Local Bank Code',
			name: 'bicSecondary',
			type: 'string',
			default: '',
			placeholder: 'HDFC0001097',
			description: 'The bank\'s local routing code, such as an Indian IFSC. Give it, the SWIFT/BIC Code, or both.',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'customerId', itemIndex, 'customer', 'Customer');
	const accountNumber = getString(this, 'accountNumber', itemIndex, 'Account Number').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9]{4,34}$/.test(accountNumber)) {
		throw invalid(this, itemIndex, 'Account Number', `"${accountNumber}" is not an account number`, 'Use 4 to 34 letters or digits, as printed on the bank statement (spaces are removed). Nothing was sent to Glomo.');
	}
	const swift = optionalText(this.getNodeParameter('bicPrimary', itemIndex, ''));
	const local = optionalText(this.getNodeParameter('bicSecondary', itemIndex, ''))?.replace(/\s+/g, '').toUpperCase();
	if (!swift && !local) {
		throw invalid(this, itemIndex, 'SWIFT/BIC Code or Local Bank Code', 'is required (Glomo needs at least one of them with the account number)', 'Nothing was sent to Glomo.');
	}
	if (local !== undefined && !/^[A-Z0-9]{4,20}$/.test(local)) {
		throw invalid(this, itemIndex, 'Local Bank Code', `"${local}" is not a bank code`, 'Use the 4 to 20 letters or digits of the code, such as HDFC0001097. Nothing was sent to Glomo.');
	}
	const body: IDataObject = {
		account_number: accountNumber,
		bic_primary: swift === undefined ? undefined : accepted(this, itemIndex, 'SWIFT/BIC Code', checkSwift(swift)),
		bic_secondary: local,
	};
	return await glomo.request({ method: 'POST', path: `/customer/${id}/bank-accounts`, body: compact(body), itemIndex });
}
