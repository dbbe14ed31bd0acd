import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import type { GlomoClient } from '../../transport';
import { defineOperation } from '../../helpers/operation';
import { customerTypeField } from './shared';

export const description = defineOperation(
	'customer',
	{ name: 'Get Many', value: 'getAll', action: 'Get many customers', description: 'List customers, newest first' },
	listFields([
		{ ...customerTypeField, default: '', description: 'Only customers of this type: businesses or individuals' },
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Only the customer with this email address',
		},
		{
			displayName: 'Tax Identification Number',
			name: 'taxIdentificationNumber',
			type: 'string',
			default: '',
			placeholder: 'ABCDE1234F',
			description: 'PAN of an LRS customer (exact match)',
		},
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/customer', {
		customerType: { param: 'customer_type', field: 'Customer Type' },
		email: { param: 'email_address', field: 'Email' },
		taxIdentificationNumber: { param: 'tax_identification_number', field: 'Tax Identification Number' },
	});
}
