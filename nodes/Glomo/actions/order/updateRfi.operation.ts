import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import { rfiAnswerBody, rfiDocumentsField } from '../../helpers/rfiDocuments';
import type { GlomoClient } from '../../transport';
import { orderIdField } from './shared';

export const description = defineOperation(
	'order',
	{
		name: 'Update RFI',
		value: 'updateRfi',
		action: 'Answer an order\'s request for information',
		description: 'Attach uploaded documents to an order that is Action Required; it then goes under review',
	},
	[orderIdField, rfiDocumentsField('One pair for every entry of the order\'s rfi_documents: upload each file with Document > Upload first')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'orderId', itemIndex, 'order', 'Order');
	// the current path is hyphenated (the older underscore form answers 404, glomo-domain.md §8.2)
	return await glomo.request({ method: 'PATCH', path: `/orders/${id}/update-rfi`, body: rfiAnswerBody(this, itemIndex), itemIndex });
}
