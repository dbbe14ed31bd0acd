import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';

export const paymentSession = defineResource(
	{
		name: 'Payment Session',
		value: 'paymentSession',
		description: 'Short-lived tokens that open a payment (with steps such as KYC) in Glomo\'s Web SDK',
	},
	{ create },
	'create',
);
