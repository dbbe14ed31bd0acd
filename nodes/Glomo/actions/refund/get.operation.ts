import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { refundIdField } from './shared';

export const description = defineOperation(
	'refund',
	{ name: 'Get', value: 'get', action: 'Get a refund', description: 'Retrieve one refund and its status' },
	[refundIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'refundId', itemIndex, 'refund', 'Refund');
	return await glomo.request({ method: 'GET', path: `/refunds/${id}`, itemIndex });
}
