import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'document',
	{ name: 'Get Many', value: 'getAll', action: 'Get many documents', description: 'List uploaded documents, newest first' },
	listFields([]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/document', {});
}
