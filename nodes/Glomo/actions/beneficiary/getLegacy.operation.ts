import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { beneficiaryIdField, legacyNotice } from './shared';

export const description = defineOperation(
	'beneficiary',
	{
		name: 'Get (Legacy v1)',
		value: 'getLegacy',
		action: 'Get a beneficiary with the legacy v1 API',
		description: 'Deprecated: reads one beneficiary from /beneficiaries in the flat v1 format. Prefer Get (v2).',
	},
	[legacyNotice('Get'), beneficiaryIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'beneficiaryId', itemIndex, 'beneficiary', 'Beneficiary');
	return await glomo.request({ method: 'GET', path: `/beneficiaries/${id}`, itemIndex });
}
