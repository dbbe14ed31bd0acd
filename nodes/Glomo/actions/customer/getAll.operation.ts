import type { IExecuteFunctions } from 'n8n-workflow';

import { createdRangeFilters, listProperties } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { getListOptions, listQuery } from '../../helpers/params';
import { glomoApiRequestAllItems } from '../../transport';
import { customerTypeField } from './shared';

export const description = defineOperation(
	'customer',
	{ name: 'Get Many', value: 'getAll', action: 'Get many customers', description: 'List customers, newest first' },
	[
		...listProperties,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				...createdRangeFilters,
				{ ...customerTypeField, default: '' },
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
					description: 'PAN of an LRS customer (exact match)',
				},
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = listQuery(this, itemIndex, {
		customerType: { param: 'customer_type', field: 'Customer Type' },
		email: { param: 'email_address', field: 'Email' },
		taxIdentificationNumber: { param: 'tax_identification_number', field: 'Tax Identification Number' },
	});
	return await glomoApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/customer', qs, itemIndex },
		getListOptions(this, itemIndex),
	);
}
