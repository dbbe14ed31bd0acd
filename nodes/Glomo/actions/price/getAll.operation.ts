import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'price',
	{ name: 'Get Many', value: 'getAll', action: 'Get many prices', description: 'List prices, newest first' },
	// Glomo's price list filters only by creation time
	listFields([]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/prices', {});
}
