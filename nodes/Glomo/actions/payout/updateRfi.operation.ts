import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import { rfiAnswerBody, rfiDocumentsField } from '../../helpers/rfiDocuments';
import type { GlomoClient } from '../../transport';
import { payoutIdField } from './shared';

export const description = defineOperation(
	'payout',
	{
		name: 'Update RFI',
		value: 'updateRfi',
		action: 'Answer a payout\'s request for information',
		description: 'Attach uploaded documents to a payout that is Action Required (older endpoint; RFI > Respond is the current one)',
	},
	[payoutIdField, rfiDocumentsField('The documents Glomo asked for: one pair per required document')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'payoutId', itemIndex, 'payout', 'Payout');
	return await glomo.request({ method: 'PATCH', path: `/payouts/${id}/update_rfi`, body: rfiAnswerBody(this, itemIndex), itemIndex });
}
