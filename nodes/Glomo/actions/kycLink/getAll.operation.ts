import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';
import { KYC_STATUSES } from './shared';

export const description = defineOperation(
	'kycLink',
	{ name: 'Get Many', value: 'getAll', action: 'Get many KYC links', description: 'List KYC links (a summary of each), newest first' },
	listFields([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: KYC_STATUSES,
			default: 'initiated',
			description:
				'Only links in this status. Glomo has not published the link statuses: these are the statuses of its kyc_journey webhooks.',
		},
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/kyc-links', {
		status: { param: 'status', field: 'Filters > Status' },
	});
}
