import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from './fields';
import { checkId, invalid, optionalText } from './params';
import { checkEmail } from './person';

/**
 * Who a KYC link or a payment session is for: an existing customer, or an email (Glomo makes a new
 * customer from it), or neither. Glomo refuses both at once; the node refuses it before sending.
 */
export function customerOrEmailFields(what: string): INodeProperties[] {
	return [
		idLocator('customer', 'Customer', 'searchCustomers', {
			required: false,
			default: { mode: 'list', value: '' },
			description: `An existing customer ${what} is for, picked from the list or given by ID (cust_…). Leave empty to give an Email instead, or neither. Not together with Email.`,
		}),
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: `The email address of a new customer ${what} is for, e.g. name@email.com. Not together with Customer.`,
		},
	];
}

export interface CustomerOrEmail {
	customer_id?: string;
	email?: string;
}

/** The Customer and Email fields read and checked: at most one of them. */
export function getCustomerOrEmail(ctx: IExecuteFunctions, itemIndex: number): CustomerOrEmail {
	const customer = optionalText(ctx.getNodeParameter('customerId', itemIndex, '', { extractValue: true }));
	const email = checkEmail(ctx, ctx.getNodeParameter('email', itemIndex, ''), itemIndex, 'Email');
	if (customer !== undefined && email !== undefined) {
		throw invalid(
			ctx,
			itemIndex,
			'Customer and Email',
			'give one or the other, not both',
			'Glomo takes either an existing customer or the email of a new one. Nothing was sent to Glomo.',
		);
	}
	if (customer !== undefined) return { customer_id: checkId(ctx, customer, itemIndex, 'customer', 'Customer') };
	return email === undefined ? {} : { email };
}
