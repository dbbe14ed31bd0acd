import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency, getString, invalid } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { MAX_BPS } from './shared';

const fixed = { show: { pricingType: ['fixed'] } };
const percentage = { show: { pricingType: ['percentage'] } };

export const description = defineOperation(
	'price',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a price',
		description:
			'Create a fee the platform applies to payments: a fixed amount or a percentage. Payment links and orders refer to it by its ID. Not a product price.',
	},
	[
		{
			displayName: 'Pricing Type',
			name: 'pricingType',
			type: 'options',
			options: [
				{ name: 'Fixed Fee', value: 'fixed', description: 'The same amount for every payment, taken from your balance' },
				{ name: 'Percentage', value: 'percentage', description: 'A share of each payment, in basis points' },
			],
			default: 'fixed',
			required: true,
			description: 'How the fee is worked out',
		},
		amountField('feesAmount', 'Fee Amount', {
			displayOptions: fixed,
			description:
				'The fee, in the smallest unit of the Fee Currency as a whole number: 1050 is 10.50 USD. Turn on Options > Amounts in Decimal Units to type 10.50 instead.',
		}),
		currencyField('feesCurrency', 'Fee Currency', {
			required: true,
			displayOptions: fixed,
			description: 'The currency of the fee, as an ISO 4217 code, e.g. USD',
		}),
		{
			displayName: 'Basis Points',
			name: 'bps',
			type: 'number',
			default: 100,
			required: true,
			typeOptions: { minValue: 1, maxValue: MAX_BPS, numberPrecision: 0 },
			displayOptions: percentage,
			description: `The fee as a share of each payment, in basis points: a whole number from 1 to ${MAX_BPS}. 100 bps = 1 %, e.g. 250 for 2.5 %.`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: fixed,
			options: [decimalAmountsOption],
		},
	],
);

function checkBps(ctx: IExecuteFunctions, value: unknown, itemIndex: number): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const bps = text !== undefined && /^\d+$/.test(text) ? Number(text) : value;
	if (typeof bps !== 'number' || !Number.isInteger(bps) || bps < 1 || bps > MAX_BPS) {
		throw invalid(
			ctx,
			itemIndex,
			'Basis Points',
			`must be a whole number from 1 to ${MAX_BPS}, got "${String(value)}"`,
			'100 bps = 1 %: write 250 for a fee of 2.5 %. Nothing was sent to Glomo.',
		);
	}
	return bps;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const pricingType = getString(this, 'pricingType', itemIndex, 'Pricing Type');
	let body: IDataObject;
	if (pricingType === 'fixed') {
		const currency = getCurrency(this, 'feesCurrency', itemIndex, 'Fee Currency');
		// minor units, as every amount of the node, unless the user types decimals
		const { decimalAmounts } = this.getNodeParameter('options', itemIndex, {}) as { decimalAmounts?: boolean };
		const amount = checkAmount(this, this.getNodeParameter('feesAmount', itemIndex), itemIndex, 'Fee Amount', currency, decimalAmounts === true);
		body = { pricing_type: 'fixed', fees_amount: amount, fees_currency: currency };
	} else {
		body = { pricing_type: 'percentage', bps: checkBps(this, this.getNodeParameter('bps', itemIndex), itemIndex) };
	}
	// Glomo does not de-duplicate prices (no request_id): a create is sent once, never retried blindly
	return await glomo.request({ method: 'POST', path: '/prices', body, itemIndex });
}
