import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'rfi',
	{ name: 'Get Many', value: 'getAll', action: 'Get many RFIs', description: 'List requests for information, newest first' },
	listFields([]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/rfis', {});
}
