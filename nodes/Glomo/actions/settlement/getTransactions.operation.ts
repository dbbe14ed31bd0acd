import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { settlementIdField } from './shared';

export const description = defineOperation(
	'settlement',
	{
		name: 'Get Transactions',
		value: 'getTransactions',
		action: 'Get the transactions of a settlement',
		description: 'List the transactions (payments and their fees) a settlement paid out',
	},
	[settlementIdField, ...listFields([])],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'settlementId', itemIndex, 'settlement', 'Settlement');
	return await listRecords.call(this, glomo, itemIndex, `/settlements/${id}/transactions`, {});
}
