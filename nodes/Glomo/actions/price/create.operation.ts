import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { currencyField } from '../../helpers/fields';
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
		{
			displayName: 'Fee Amount',
			name: 'feesAmount',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { minValue: 0, numberPrecision: 3 },
			displayOptions: fixed,
			description:
				'The fee in major units of the Fee Currency, e.g. 10.5 for USD 10.50; it is sent to Glomo in minor units (1050). At most as many decimals as the currency has.',
		},
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
		// the fee is typed in major units; Glomo takes minor units
		const amount = checkAmount(this, this.getNodeParameter('feesAmount', itemIndex), itemIndex, 'Fee Amount', currency, true);
		body = { pricing_type: 'fixed', fees_amount: amount, fees_currency: currency };
	} else {
		body = { pricing_type: 'percentage', bps: checkBps(this, this.getNodeParameter('bps', itemIndex), itemIndex) };
	}
	// Glomo does not de-duplicate prices (no request_id): a create is sent once, never retried blindly
	return await glomo.request({ method: 'POST', path: '/prices', body, itemIndex });
}
