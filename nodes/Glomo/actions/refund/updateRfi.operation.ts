import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import { rfiAnswerBody, rfiDocumentsField } from '../../helpers/rfiDocuments';
import type { GlomoClient } from '../../transport';
import { refundIdField } from './shared';

export const description = defineOperation(
	'refund',
	{
		name: 'Update RFI',
		value: 'updateRfi',
		action: 'Answer a refund\'s request for information',
		description: 'Attach uploaded documents to a refund that is Action Required; it then goes under review',
	},
	[refundIdField, rfiDocumentsField('One pair for every document the refund asks for (its documents with an rfi_doc_id): upload each file with Document > Upload first')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'refundId', itemIndex, 'refund', 'Refund');
	return await glomo.request({ method: 'PATCH', path: `/refunds/${id}/update_rfi`, body: rfiAnswerBody(this, itemIndex), itemIndex });
}
