import type { IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption, idLocator } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency, getId, getString, invalid } from '../../helpers/params';
import type { GlomoClient } from '../../transport';

/** Glomo moves only AED between merchant accounts (published spec: currency enum [AED]). */
const INTERNAL_TRANSFER_CURRENCIES = ['AED'];
const MAX_REFERENCE_LENGTH = 100;

export const description = defineOperation(
	'internalTransfer',
	{
		name: 'Create',
		value: 'create',
		action: 'Create an internal transfer',
		description: 'Move AED between your platform account and its merchants, or between two of its merchants',
	},
	[
		{
			...idLocator('merchant', 'From Merchant', undefined, {
				description: 'The merchant account the money leaves (merch_…): your platform account or one of its merchants',
			}),
			name: 'fromMerchantId',
		},
		{
			...idLocator('merchant', 'To Merchant', undefined, {
				description: 'The merchant account the money goes to (merch_…); must differ from From Merchant',
			}),
			name: 'toMerchantId',
		},
		currencyField('currency', 'Currency', {
			only: INTERNAL_TRANSFER_CURRENCIES,
			required: true,
			description: 'Glomo moves only AED between merchant accounts',
		}),
		amountField('amount', 'Amount', {
			description:
				'Amount in fils (the smallest unit of AED), as a whole number: 10000 is 100.00 AED (turn on Amounts in Decimal Units to type 100.00)',
		}),
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'invoice-2025-0042',
			description: 'Your reference for the transfer, up to 100 characters',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings, such as typing the amount in decimal units (100.00 instead of 10000)',
			options: [decimalAmountsOption],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const from = getId(this, 'fromMerchantId', itemIndex, 'merchant', 'From Merchant');
	const to = getId(this, 'toMerchantId', itemIndex, 'merchant', 'To Merchant');
	if (from === to) throw invalid(this, itemIndex, 'To Merchant', 'must differ from From Merchant');
	const currency = getCurrency(this, 'currency', itemIndex, 'Currency', INTERNAL_TRANSFER_CURRENCIES);
	const { decimalAmounts } = this.getNodeParameter('options', itemIndex, {}) as { decimalAmounts?: boolean };
	const amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, decimalAmounts === true);
	const reference = getString(this, 'reference', itemIndex, 'Reference');
	if (reference.length > MAX_REFERENCE_LENGTH) {
		throw invalid(this, itemIndex, 'Reference', `is ${reference.length} characters long; at most ${MAX_REFERENCE_LENGTH} are allowed`);
	}
	return await glomo.request({
		method: 'POST',
		path: '/internal-transfer',
		body: { amount, currency, reference, from_merchant_id: from, to_merchant_id: to },
		itemIndex,
	});
}
