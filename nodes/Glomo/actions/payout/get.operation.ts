import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { payoutIdField } from './shared';

export const description = defineOperation(
	'payout',
	{ name: 'Get', value: 'get', action: 'Get a payout', description: 'Retrieve one payout and its status' },
	[payoutIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'payoutId', itemIndex, 'payout', 'Payout');
	return await glomo.request({ method: 'GET', path: `/payouts/${id}`, itemIndex });
}
