import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';
import { PAYOUT_STATUS_OPTIONS } from './shared';

export const description = defineOperation(
	'payout',
	{ name: 'Get Many', value: 'getAll', action: 'Get many payouts', description: 'List payouts, newest first' },
	listFields([
		{
			displayName: 'Beneficiary ID',
			name: 'beneficiaryId',
			type: 'string',
			default: '',
			placeholder: 'bene_5JU9yv0lGSUP',
			description: 'Only payouts to this beneficiary',
		},
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			placeholder: 'INV-2026-0042',
			description: 'Only the payout created with this request_id (what a create sent as its idempotency key)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: PAYOUT_STATUS_OPTIONS,
			default: 'success',
			description: 'Only payouts in this status',
		},
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/payouts', {
		beneficiaryId: { param: 'beneficiary_id', field: 'Filters > Beneficiary ID', kind: 'id', prefix: 'beneficiary' },
		requestId: { param: 'request_id', field: 'Filters > Request ID' },
		status: { param: 'status', field: 'Filters > Status' },
	});
}
