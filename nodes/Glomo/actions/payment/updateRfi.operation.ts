import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import { rfiAnswerBody, rfiDocumentsField } from '../../helpers/rfiDocuments';
import type { GlomoClient } from '../../transport';
import { paymentIdField } from './shared';

export const description = defineOperation(
	'payment',
	{
		name: 'Update RFI',
		value: 'updateRfi',
		action: 'Answer a payment\'s request for information',
		description: 'Attach uploaded documents to a payment compliance holds (older endpoint; RFI > Respond is the current one)',
	},
	[paymentIdField, rfiDocumentsField('One pair for every document the payment\'s rfi asks for (documents_required): upload each file with Document > Upload first')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentId', itemIndex, 'payment', 'Payment');
	return await glomo.request({ method: 'PATCH', path: `/payment/${id}/update_rfi`, body: rfiAnswerBody(this, itemIndex), itemIndex });
}
