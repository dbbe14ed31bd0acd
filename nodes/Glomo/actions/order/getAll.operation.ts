import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';
import { ORDER_STATUS_OPTIONS } from './shared';

export const description = defineOperation(
	'order',
	{ name: 'Get Many', value: 'getAll', action: 'Get many orders', description: 'List orders, newest first' },
	listFields([
		{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', placeholder: 'cust_5JU9yv0lGSUP', description: 'Only orders of this customer' },
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			placeholder: 'INV-2026-0042',
			description: 'Only the order created with this request_id (what a create sent as its idempotency key)',
		},
		{ displayName: 'Status', name: 'status', type: 'options', options: ORDER_STATUS_OPTIONS, default: 'active', description: 'Only orders in this status' },
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/orders', {
		customerId: { param: 'customer_id', field: 'Filters > Customer ID', kind: 'id', prefix: 'customer' },
		requestId: { param: 'request_id', field: 'Filters > Request ID' },
		status: { param: 'status', field: 'Filters > Status' },
	});
}
