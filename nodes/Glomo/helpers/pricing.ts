import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { PAYMENT_RAILS } from './constants';
import { amountField } from './fields';
import { checkAmount, invalid } from './params';

/**
 * What payouts and quotes share: one amount, fixed on the side the user picks (what leaves the
 * balance, or what arrives), and a rail that must serve the currency received.
 */
export function fixedAmountFields(displayOptions?: INodeProperties['displayOptions']): INodeProperties[] {
	const shown = displayOptions ? { displayOptions } : {};
	return [
		{
			displayName: 'Fixed Side',
			name: 'fixedSide',
			type: 'options',
			options: [
				{ name: 'Amount Received (To)', value: 'destination', description: 'The recipient gets exactly this; fees and FX come on top' },
				{ name: 'Amount Sent (From)', value: 'source', description: 'Exactly this is paid; fees are deducted from it' },
			],
			default: 'destination',
			description: 'Glomo takes exactly one of the two amounts and works out the other',
			...shown,
		},
		amountField('amount', 'Amount', shown),
	];
}

/** `{source_amount}` or `{destination_amount}`: the one amount, in minor units of its side's currency. */
export function readFixedAmount(ctx: IExecuteFunctions, itemIndex: number, source: string, destination: string, decimal: boolean): IDataObject {
	const side = ctx.getNodeParameter('fixedSide', itemIndex) as 'source' | 'destination';
	const currency = side === 'source' ? source : destination;
	return { [`${side}_amount`]: checkAmount(ctx, ctx.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, decimal) };
}

/** A rail, refused by name when it does not pay in the currency received (local rails serve one currency each). */
export function checkRail(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, destination: string, fix: string): string {
	// the dropdown check has refused any value that is not a rail
	const rail = PAYMENT_RAILS.find((candidate) => candidate.value === value);
	if (rail?.currency && rail.currency !== destination) {
		throw invalid(ctx, itemIndex, field, `${rail.name} pays only in ${rail.currency}, but To Currency is ${destination}`, `${fix} Nothing was sent to Glomo.`);
	}
	return String(value);
}
