import type { IExecuteFunctions } from 'n8n-workflow';

import { countryField, listFields } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { getListOptions, listQuery } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { beneficiaryTypeField, legacyNotice } from './shared';

export const description = defineOperation(
	'beneficiary',
	{
		name: 'Get Many (Legacy v1)',
		value: 'getAllLegacy',
		action: 'Get many beneficiaries with the legacy v1 API',
		description: 'Deprecated: GET /beneficiaries, the flat v1 format. Prefer Get Many (v2).',
	},
	[
		legacyNotice('Get Many'),
		...listFields([
			{ ...beneficiaryTypeField, default: '', description: 'Only beneficiaries of this type: businesses or individuals' },
			countryField('country', 'Country', { description: 'Only beneficiaries in this country (ISO 3166-1 alpha-3)' }),
		]),
	],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const qs = listQuery(this, itemIndex, {
		beneficiaryType: { param: 'beneficiary_type', field: 'Filters > Beneficiary Type' },
		country: { param: 'country', field: 'Filters > Country', kind: 'country' },
	});
	return await glomo.list({ method: 'GET', path: '/beneficiaries', qs, itemIndex }, getListOptions(this, itemIndex));
}
