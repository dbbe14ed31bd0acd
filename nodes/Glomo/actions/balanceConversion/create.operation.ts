import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BALANCE_CONVERSION_CURRENCIES } from '../../helpers/constants';
import { amountField, currencyField, decimalAmountsOption } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency } from '../../helpers/params';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'balanceConversion',
	{
		name: 'Create',
		value: 'create',
		action: 'Convert between balances',
		description: 'Move money from one currency balance to another at Glomo\'s rate',
	},
	[
		currencyField('sourceCurrency', 'From Currency', { only: BALANCE_CONVERSION_CURRENCIES, required: true }),
		currencyField('targetCurrency', 'To Currency', {
			only: BALANCE_CONVERSION_CURRENCIES,
			required: true,
			default: 'EUR',
		}),
		{
			displayName: 'Fixed Side',
			name: 'fixedSide',
			type: 'options',
			options: [
				{
					name: 'Amount to Convert (From)',
					value: 'source',
					description: 'You set how much leaves the From balance; Glomo works out what arrives',
				},
				{
					name: 'Amount to Receive (To)',
					value: 'target',
					description: 'You set how much arrives in the To balance; Glomo works out what it costs',
				},
			],
			default: 'source',
			description: 'Which of the two amounts you set; Glomo works out the other at its rate',
		},
		amountField('amount', 'Amount'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings, such as typing the amount in decimal units (100.50 instead of 10050)',
			options: [decimalAmountsOption],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const source = getCurrency(this, 'sourceCurrency', itemIndex, 'From Currency', BALANCE_CONVERSION_CURRENCIES);
	const target = getCurrency(this, 'targetCurrency', itemIndex, 'To Currency', BALANCE_CONVERSION_CURRENCIES);
	if (source === target) {
		throw new NodeOperationError(this.getNode(), 'To Currency: must differ from From Currency', { itemIndex });
	}
	const fixedSide = this.getNodeParameter('fixedSide', itemIndex) as 'source' | 'target';
	const { decimalAmounts } = this.getNodeParameter('options', itemIndex, {}) as { decimalAmounts?: boolean };
	const amount = checkAmount(
		this,
		this.getNodeParameter('amount', itemIndex),
		itemIndex,
		'Amount',
		fixedSide === 'source' ? source : target,
		decimalAmounts === true,
	);
	return await glomo.request({
		method: 'POST',
		path: '/balance_conversions',
		body: { source_currency: source, target_currency: target, [`${fixedSide}_amount`]: amount },
		itemIndex,
	});
}
