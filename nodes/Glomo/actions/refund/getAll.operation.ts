import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';
import { REFUND_STATUS_OPTIONS } from './shared';

export const description = defineOperation(
	'refund',
	{ name: 'Get Many', value: 'getAll', action: 'Get many refunds', description: 'List refunds, newest first' },
	listFields([
		{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', placeholder: 'cust_5JU9yv0lGSUP', description: 'Only refunds of this customer\'s payments' },
		{ displayName: 'Payment ID', name: 'paymentId', type: 'string', default: '', placeholder: 'payt_5JU9yv0lGSUP', description: 'Only refunds of this payment' },
		{
			displayName: 'Payment Method',
			name: 'paymentMethod',
			type: 'options',
			options: [
				{ name: 'Bank Transfer', value: 'bank_transfer' },
				{ name: 'Card', value: 'card' },
			],
			default: 'card',
			description: 'Only refunds of payments made this way',
		},
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			placeholder: 'INV-2026-0042',
			description: 'Only the refund created with this request_id (what a create sent as its idempotency key)',
		},
		{ displayName: 'Status', name: 'status', type: 'options', options: REFUND_STATUS_OPTIONS, default: 'in_progress', description: 'Only refunds in this status' },
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/refunds', {
		customerId: { param: 'customer_id', field: 'Filters > Customer ID', kind: 'id', prefix: 'customer' },
		paymentId: { param: 'payment_id', field: 'Filters > Payment ID', kind: 'id', prefix: 'payment' },
		paymentMethod: { param: 'payment_method', field: 'Filters > Payment Method' },
		requestId: { param: 'request_id', field: 'Filters > Request ID' },
		status: { param: 'status', field: 'Filters > Status' },
	});
}
