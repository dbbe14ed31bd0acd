import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { PAYMENT_RAILS, PAYOUT_DESTINATION_CURRENCIES, PAYOUT_SOURCE_CURRENCIES } from '../../helpers/constants';
import { currencyField, idLocator } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkRail, fixedAmountFields, readFixedAmount } from '../../helpers/pricing';
import { getCurrency, getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { optionsField, PAYOUT_QUOTE_RAILS, quotesOf } from './shared';

const rails = PAYMENT_RAILS.filter((rail) => PAYOUT_QUOTE_RAILS.includes(rail.value));

export const description = defineOperation(
	'quote',
	{
		name: 'Create Payout Quote',
		value: 'createPayoutQuote',
		action: 'Create a payout quote for a beneficiary',
		description: 'Price a payout to one beneficiary, per available rail or for one rail; use the quote ID in Payout > Create',
	},
	[
		idLocator('beneficiary', 'Beneficiary', 'searchBeneficiaries', {
			description: 'Who would be paid, picked from the list or given by ID (bene_…)',
		}),
		currencyField('sourceCurrency', 'From Currency', {
			only: PAYOUT_SOURCE_CURRENCIES,
			required: true,
			description: 'The balance the payout is paid from (ISO 4217)',
		}),
		currencyField('destinationCurrency', 'To Currency', {
			only: PAYOUT_DESTINATION_CURRENCIES,
			required: true,
			default: 'INR',
			description: 'The currency the beneficiary receives (ISO 4217)',
		}),
		...fixedAmountFields(),
		optionsField([
			{
				displayName: 'Payment Rail',
				name: 'paymentRail',
				type: 'options',
				options: rails.map(({ name, value, description }) => ({ name, value, description })),
				default: 'swift',
				description: 'Quote this rail only. Without it Glomo returns one quote per rail available for the beneficiary.',
			},
		]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const beneficiary = getId(this, 'beneficiaryId', itemIndex, 'beneficiary', 'Beneficiary');
	const source = getCurrency(this, 'sourceCurrency', itemIndex, 'From Currency', PAYOUT_SOURCE_CURRENCIES);
	const destination = getCurrency(this, 'destinationCurrency', itemIndex, 'To Currency', PAYOUT_DESTINATION_CURRENCIES);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { beneficiary_id: beneficiary, source_currency: source, destination_currency: destination };
	Object.assign(body, readFixedAmount(this, itemIndex, source, destination, options.decimalAmounts === true));
	if (options.paymentRail !== undefined && options.paymentRail !== '') {
		body.payment_rail = checkRail(this, itemIndex, 'Options > Payment Rail', options.paymentRail, destination, 'Pick SWIFT, or leave the rail out to get a quote per available rail.');
	}
	const response = await glomo.request({ method: 'POST', path: '/payouts/quotes', body, itemIndex });
	return quotesOf(response);
}
