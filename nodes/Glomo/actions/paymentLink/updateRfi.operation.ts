import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import { rfiAnswerBody, rfiDocumentsField } from '../../helpers/rfiDocuments';
import type { GlomoClient } from '../../transport';
import { paymentLinkIdField } from './shared';

export const description = defineOperation(
	'paymentLink',
	{
		name: 'Update RFI',
		value: 'updateRfi',
		action: 'Answer a payment link\'s request for information',
		description: 'Attach uploaded documents to a payment link that is Action Required; it then goes under review',
	},
	[paymentLinkIdField, rfiDocumentsField('One pair for every entry of the link\'s rfi_documents: upload each file with Document > Upload first')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentLinkId', itemIndex, 'paymentLink', 'Payment Link');
	// the published spec and the docs index write update_rfi for payins (only orders moved to update-rfi)
	return await glomo.request({ method: 'PATCH', path: `/payin/${id}/update_rfi`, body: rfiAnswerBody(this, itemIndex), itemIndex });
}
