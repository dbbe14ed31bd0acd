import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { settlementIdField } from './shared';

export const description = defineOperation(
	'settlement',
	{ name: 'Get', value: 'get', action: 'Get a settlement', description: 'Retrieve one settlement' },
	[settlementIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'settlementId', itemIndex, 'settlement', 'Settlement');
	return await glomo.request({ method: 'GET', path: `/settlements/${id}`, itemIndex });
}
