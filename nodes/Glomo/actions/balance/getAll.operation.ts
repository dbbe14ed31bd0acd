import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toMajorUnits } from '../../helpers/amounts';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'balance',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get all balances',
		description: 'Retrieve the available and pending balance of every currency',
	},
	[
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Currency',
					value: 'perCurrency',
					description: 'Currency, available and pending amounts (minor units and decimal) side by side',
				},
				{ name: 'Raw Response', value: 'raw', description: 'Glomo\'s answer as it is' },
			],
			default: 'perCurrency',
			description: 'How the balances come out: one item per currency, or Glomo\'s answer as a single item',
		},
	],
	{ readOnly: true },
);

interface Money {
	currency?: string;
	amount?: number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const response = (await glomo.request({ method: 'GET', path: '/balances', itemIndex })) as {
		available?: Money[];
		pending?: Money[];
	};
	if (this.getNodeParameter('output', itemIndex) === 'raw') return response as IDataObject;

	const byCurrency = new Map<string, IDataObject>();
	const add = (list: Money[] | undefined, key: 'available' | 'pending') => {
		for (const { currency, amount } of list ?? []) {
			if (!currency) continue;
			const row = byCurrency.get(currency) ?? { currency, available: 0, pending: 0 };
			row[key] = amount ?? 0;
			byCurrency.set(currency, row);
		}
	};
	add(response.available, 'available');
	add(response.pending, 'pending');
	return [...byCurrency.values()].map((row) => ({
		...row,
		available_decimal: toMajorUnits(row.available as number, row.currency as string),
		pending_decimal: toMajorUnits(row.pending as number, row.currency as string),
	}));
}
