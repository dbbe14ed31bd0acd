import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { priceIdField } from './shared';

export const description = defineOperation(
	'price',
	{ name: 'Get', value: 'get', action: 'Get a price', description: 'Retrieve one price: its pricing type and fee' },
	[priceIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'priceId', itemIndex, 'price', 'Price');
	return await glomo.request({ method: 'GET', path: `/prices/${id}`, itemIndex });
}
