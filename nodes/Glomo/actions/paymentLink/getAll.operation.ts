import type { IExecuteFunctions } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';
import { PAYMENT_LINK_STATUS_OPTIONS } from './shared';

export const description = defineOperation(
	'paymentLink',
	{ name: 'Get Many', value: 'getAll', action: 'Get many payment links', description: 'List payment links, newest first' },
	listFields([
		{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', placeholder: 'cust_5JU9yv0lGSUP', description: 'Only links of this customer' },
		{ displayName: 'Status', name: 'status', type: 'options', options: PAYMENT_LINK_STATUS_OPTIONS, default: 'active', description: 'Only links in this status' },
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/payin', {
		customerId: { param: 'customer_id', field: 'Filters > Customer ID', kind: 'id', prefix: 'customer' },
		status: { param: 'status', field: 'Filters > Status' },
	});
}
