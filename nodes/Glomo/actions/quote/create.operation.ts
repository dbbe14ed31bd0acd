import type { IExecuteFunctions } from 'n8n-workflow';

import { PAYOUT_DESTINATION_CURRENCIES, PAYOUT_SOURCE_CURRENCIES } from '../../helpers/constants';
import { currencyField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { fixedAmountFields, readFixedAmount } from '../../helpers/pricing';
import { getCurrency } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { checkLocalTransfer, optionsField, PAYIN_QUOTE_CURRENCIES, quotesOf } from './shared';

const forPayout = { show: { quoteFor: ['payout'] } };
const forPayin = { show: { quoteFor: ['payin'] } };

export const description = defineOperation(
	'quote',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a quote',
		description: 'Lock a rate, fees and both amounts for a payout or payin: valid about 30 minutes, usable once',
	},
	[
		{
			displayName: 'Quote For',
			name: 'quoteFor',
			type: 'options',
			options: [
				{ name: 'Payin', value: 'payin', description: 'Money a customer pays you' },
				{ name: 'Payout', value: 'payout', description: 'Money you send to a beneficiary' },
			],
			default: 'payout',
			description: 'Which way the money goes: a payout you send, or a payin a customer pays you',
		},
		currencyField('sourceCurrency', 'From Currency', {
			only: PAYOUT_SOURCE_CURRENCIES,
			required: true,
			displayOptions: forPayout,
			description: 'The balance the payout is paid from (ISO 4217)',
		}),
		currencyField('destinationCurrency', 'To Currency', {
			only: PAYOUT_DESTINATION_CURRENCIES,
			required: true,
			default: 'INR',
			displayOptions: forPayout,
			description: 'The currency the beneficiary receives (ISO 4217)',
		}),
		currencyField('sourceCurrency', 'From Currency', {
			only: PAYIN_QUOTE_CURRENCIES,
			required: true,
			displayOptions: forPayin,
			description: 'The currency the customer pays in (ISO 4217)',
		}),
		currencyField('destinationCurrency', 'To Currency', {
			only: PAYIN_QUOTE_CURRENCIES,
			required: true,
			displayOptions: forPayin,
			description: 'The currency you collect (ISO 4217)',
		}),
		{
			displayName: 'Payment Method',
			name: 'paymentMethod',
			type: 'options',
			displayOptions: forPayin,
			options: [
				{ name: 'Bank Transfer', value: 'bank_transfer', description: 'The customer sends a bank transfer' },
				{ name: 'Pay via Bank', value: 'pay_via_bank', description: 'The customer pays from their bank account online (open banking)' },
			],
			default: 'bank_transfer',
			description: 'How the customer pays in',
		},
		{
			displayName: 'Transfer Type',
			name: 'subtype',
			type: 'options',
			options: [
				{
					name: 'Local Transfer',
					value: 'local_transfer',
					description: 'Local rails (INR, AED, EUR, GBP, AUD only); for INR one quote per rail: UPI, IMPS, NEFT, RTGS',
				},
				{ name: 'SWIFT Transfer', value: 'swift_transfer', description: 'International wire, any currency: one SWIFT quote' },
			],
			default: 'swift_transfer',
			description: 'The rails quoted: local rails of the To Currency, or an international SWIFT wire',
		},
		...fixedAmountFields(),
		optionsField(),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const resource = this.getNodeParameter('quoteFor', itemIndex) as 'payout' | 'payin';
	const payout = resource === 'payout';
	const source = getCurrency(this, 'sourceCurrency', itemIndex, 'From Currency', payout ? PAYOUT_SOURCE_CURRENCIES : PAYIN_QUOTE_CURRENCIES);
	const destination = getCurrency(
		this,
		'destinationCurrency',
		itemIndex,
		'To Currency',
		payout ? PAYOUT_DESTINATION_CURRENCIES : PAYIN_QUOTE_CURRENCIES,
	);
	const subtype = this.getNodeParameter('subtype', itemIndex) as string;
	if (subtype === 'local_transfer') checkLocalTransfer(this, itemIndex, 'Transfer Type', destination);
	// payouts always leave by bank transfer; pay via bank is a way for customers to pay in
	const paymentMethod = payout ? 'bank_transfer' : (this.getNodeParameter('paymentMethod', itemIndex) as string);
	const { decimalAmounts } = this.getNodeParameter('options', itemIndex, {}) as { decimalAmounts?: boolean };
	const response = await glomo.request({
		method: 'POST',
		path: '/quotes',
		body: {
			resource,
			source_currency: source,
			destination_currency: destination,
			...readFixedAmount(this, itemIndex, source, destination, decimalAmounts === true),
			method: { payment_method: paymentMethod, subtype },
		},
		itemIndex,
	});
	return quotesOf(response);
}
