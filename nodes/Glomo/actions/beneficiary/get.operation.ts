import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { beneficiaryIdField } from './shared';

export const description = defineOperation(
	'beneficiary',
	{ name: 'Get', value: 'get', action: 'Get a beneficiary', description: 'Retrieve one beneficiary and its review status (v2 API)' },
	[beneficiaryIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'beneficiaryId', itemIndex, 'beneficiary', 'Beneficiary');
	return await glomo.request({ method: 'GET', path: `/v2/beneficiaries/${id}`, itemIndex });
}
