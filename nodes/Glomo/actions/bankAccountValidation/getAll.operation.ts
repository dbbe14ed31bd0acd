import type { IExecuteFunctions } from 'n8n-workflow';

import { countryField, idLocator, listFields } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkId, getListOptions, listQuery, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'bankAccountValidation',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many bank account validations',
		description: 'List bank account validations, newest first',
	},
	listFields([
		idLocator('beneficiary', 'Beneficiary', 'searchBeneficiaries', {
			required: false,
			description: "Only validations of this beneficiary's bank account, picked from the list or given by ID (bene_…)",
		}),
		countryField('country', 'Country', { description: 'Only validations of accounts in this country (ISO 3166-1 alpha-3)' }),
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const qs = listQuery(this, itemIndex, { country: { param: 'country', field: 'Filters > Country', kind: 'country' } });
	// the beneficiary is a resource locator: its value, from the list or typed, checked for its prefix
	const beneficiary = this.getNodeParameter('filters.beneficiaryId', itemIndex, '', { extractValue: true });
	if (optionalText(beneficiary) !== undefined) {
		qs.beneficiary_account_id = checkId(this, beneficiary, itemIndex, 'beneficiary', 'Filters > Beneficiary');
	}
	return await glomo.list({ method: 'GET', path: '/bank_account_validation', qs, itemIndex }, getListOptions(this, itemIndex));
}
