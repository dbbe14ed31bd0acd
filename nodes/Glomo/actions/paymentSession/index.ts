import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';

export const paymentSession = defineResource(
	{
		name: 'Payment Session',
		value: 'paymentSession',
		description: 'Money in · short-lived tokens that open a payment in Glomo\'s Web SDK',
	},
	{ create },
	'create',
);
