import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { rfiIdField } from './shared';

export const description = defineOperation(
	'rfi',
	{
		name: 'Get',
		value: 'get',
		action: 'Get an RFI',
		description: 'Retrieve a request for information: why it was raised and which documents it needs',
	},
	[rfiIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'rfiId', itemIndex, 'rfi', 'RFI');
	return await glomo.request({ method: 'GET', path: `/rfis/${id}`, itemIndex });
}
