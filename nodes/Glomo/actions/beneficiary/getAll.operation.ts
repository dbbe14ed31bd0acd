import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFields } from '../../helpers/fields';
import { listRecords } from '../../helpers/list';
import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

/** GET /v2/beneficiaries documents only page, per_page and status: no created range here. */
const fields: INodeProperties[] = listFields([
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active', description: 'Can be paid' },
			{ name: 'Pending', value: 'pending', description: 'Waiting for Glomo\'s review' },
			{ name: 'Rejected', value: 'rejected', description: 'Refused by the review; cannot be paid' },
		],
		default: 'active',
		description: 'Only beneficiaries with this review status',
	},
]).map((property) =>
	property.name === 'filters'
		? { ...property, options: (property.options as INodeProperties[]).filter((option) => option.name === 'status') }
		: property,
);

export const description = defineOperation(
	'beneficiary',
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many beneficiaries',
		description: 'List beneficiaries, newest first, optionally by review status (v2 API)',
	},
	fields,
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await listRecords.call(this, glomo, itemIndex, '/v2/beneficiaries', {
		status: { param: 'status', field: 'Filters > Status' },
	});
}
