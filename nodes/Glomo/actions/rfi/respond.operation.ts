import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import { getRfiDocuments, rfiDocumentsField } from '../../helpers/rfiDocuments';
import type { GlomoClient } from '../../transport';
import { rfiIdField } from './shared';

export const description = defineOperation(
	'rfi',
	{
		name: 'Respond',
		value: 'respond',
		action: 'Respond to an RFI',
		description: 'Answer a request for information with uploaded documents; it then goes under review',
	},
	[
		rfiIdField,
		rfiDocumentsField(
			'One pair for every entry of the RFI\'s documents_required, all in this one call: upload each file with Document > Upload first',
		),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'rfiId', itemIndex, 'rfi', 'RFI');
	const documents = getRfiDocuments(this, itemIndex).map(({ rfiDocId, docId }) => ({ rfi_doc_id: rfiDocId, doc_id: docId }));
	return await glomo.request({ method: 'PATCH', path: `/rfis/${id}/respond`, body: { documents }, itemIndex });
}
