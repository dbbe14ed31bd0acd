import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { documentIdField } from './shared';

export const description = defineOperation(
	'document',
	{ name: 'Get', value: 'get', action: 'Get a document', description: 'Retrieve one uploaded document and its review status' },
	[documentIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'documentId', itemIndex, 'document', 'Document');
	return await glomo.request({ method: 'GET', path: `/document/${id}`, itemIndex });
}
