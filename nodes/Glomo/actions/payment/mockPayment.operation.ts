import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency, getId, invalid } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { ORDER_CURRENCIES } from '../order/shared';
import { PAYIN, payinField } from './shared';

/** Glomo's mock takes at least 100 minor units. */
const MOCK_MIN_AMOUNT = 100;
const intoPayin = { show: { into: ['payin'] } };

export const description = defineOperation(
	'payment',
	{
		name: 'Mock Payment (Sandbox)',
		value: 'mockPayment',
		action: 'Simulate a bank transfer in the sandbox',
		description:
			'Sandbox only: simulate a customer\'s bank transfer into a payment link or order, or one that matches nothing (refused with a Live credential)',
	},
	[
		{
			displayName: 'Into',
			name: 'into',
			type: 'options',
			options: [
				{
					name: 'Payment Link or Order',
					value: 'payin',
					description: 'Pays it when it is active and the amount and currency are the ones it asks for; otherwise the payment is Action Required',
				},
				{
					name: 'Unmatched Bank Transfer',
					value: 'unmatched',
					description: 'A transfer with no payment link or order: Action Required, PAYIN_NOT_FOUND (to try Connect to Payment Link)',
				},
			],
			default: 'payin',
			description: 'What the simulated bank transfer pays: a payment link or order, or nothing (an unmatched transfer)',
		},
		payinField('payinId', 'Payment Link or Order', 'The payment link or order the customer pays, picked from the list or given by ID (payin_… or order_…)', {
			displayOptions: intoPayin,
		}),
		currencyField('currency', 'Currency', { only: ORDER_CURRENCIES, required: true, description: 'The currency transferred (ISO 4217)' }),
		amountField('amount', 'Amount', {
			description:
				'Amount transferred, in the smallest unit of the currency (at least 100): 10050 is 100.50 USD. 6623 is Glomo\'s reserved amount that always trips sanctions screening.',
		}),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings: decimal amounts, and who the remitter is for sanctions screening',
			options: [
				decimalAmountsOption,
				{
					displayName: 'Remitter',
					name: 'remitterName',
					type: 'options',
					options: [
						{ name: 'Non-Sanctioned Entity', value: 'Non_Sanctioned_Entity', description: 'Passes sanctions screening (Glomo\'s default)' },
						{ name: 'Sanctioned Entity', value: 'Sanctioned_Entity', description: 'Trips sanctions screening' },
					],
					default: 'Non_Sanctioned_Entity',
					description: 'Who sends the money, as sanctions screening sees it',
				},
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const into = this.getNodeParameter('into', itemIndex) as string;
	const currency = getCurrency(this, 'currency', itemIndex, 'Currency', ORDER_CURRENCIES);
	const amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, options.decimalAmounts === true);
	if (amount < MOCK_MIN_AMOUNT) {
		throw invalid(this, itemIndex, 'Amount', `must be at least ${MOCK_MIN_AMOUNT} minor units for a mock payment, got ${amount}`, 'Nothing was sent to Glomo.');
	}
	const body: IDataObject = { amount, currency };
	if (into === 'payin') body.payin_id = getId(this, 'payinId', itemIndex, PAYIN, 'Payment Link or Order');
	else body.payment_method = 'BankTransfer';
	if (typeof options.remitterName === 'string') body.remitter_name = options.remitterName;
	return await glomo.request({ method: 'POST', path: '/payment/mock', body, itemIndex, sandboxOnly: true });
}
