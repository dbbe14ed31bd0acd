import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';

export const customerTypeField: INodeProperties = {
	displayName: 'Customer Type',
	name: 'customerType',
	type: 'options',
	options: [
		{ name: 'Business', value: 'business' },
		{ name: 'Individual', value: 'individual' },
	],
	default: 'individual',
	description: 'Whether the customer is a business (a company or firm) or an individual (a person)',
};

export const customerIdField = idLocator('customer', 'Customer', 'searchCustomers', {
	description: 'The customer, picked from the list or given by ID (cust_…)',
});
