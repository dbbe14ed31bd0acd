import type { IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { checkPaymentIds, SETTLEMENT_CURRENCIES } from './shared';

const byAmount = { show: { settleBy: ['amount'] } };

export const description = defineOperation(
	'settlement',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a settlement',
		description: 'Send collected funds to your own bank account: an amount from a balance, or chosen payments',
	},
	[
		{
			displayName: 'Settle',
			name: 'settleBy',
			type: 'options',
			options: [
				{
					name: 'An Amount From a Balance',
					value: 'amount',
					description: 'Settle a set amount, taken from one of your currency balances',
				},
				{
					name: 'Specific Payments',
					value: 'payments',
					description: 'Settle the funds of the payments you list',
				},
			],
			default: 'amount',
			description: 'What to settle: an amount taken from one currency balance, or the funds of payments you list',
		},
		currencyField('balanceCurrency', 'Balance Currency', {
			only: SETTLEMENT_CURRENCIES,
			required: true,
			displayOptions: byAmount,
			description: 'The balance the amount is taken from',
		}),
		amountField('amount', 'Amount', { displayOptions: byAmount }),
		{
			displayName: 'Payment IDs',
			name: 'paymentIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'payt_E602dMzgjpDC, payt_F703eMahkqED',
			displayOptions: { show: { settleBy: ['payments'] } },
			description: 'The payments to settle (payt_…), separated by commas; none may be settled already',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: byAmount,
			description: 'More settings, such as typing the amount in decimal units (100.50 instead of 10050)',
			options: [decimalAmountsOption],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const settleBy = this.getNodeParameter('settleBy', itemIndex) as 'amount' | 'payments';
	if (settleBy === 'payments') {
		const paymentIds = checkPaymentIds(this, this.getNodeParameter('paymentIds', itemIndex), itemIndex, 'Payment IDs');
		return await glomo.request({ method: 'POST', path: '/settlements', body: { payment_ids: paymentIds }, itemIndex });
	}
	const currency = getCurrency(this, 'balanceCurrency', itemIndex, 'Balance Currency', SETTLEMENT_CURRENCIES);
	const { decimalAmounts } = this.getNodeParameter('options', itemIndex, {}) as { decimalAmounts?: boolean };
	const amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, decimalAmounts === true);
	return await glomo.request({
		method: 'POST',
		path: '/settlements',
		body: { amount, balance_currency: currency },
		itemIndex,
	});
}
