import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { kycLinkIdField } from './shared';

export const description = defineOperation(
	'kycLink',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a KYC link',
		description:
			'Retrieve one KYC link in full: its status, customer, step tracker and KYC documents (each captured one with a document ID for Document > Get)',
	},
	[kycLinkIdField],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'kycLinkId', itemIndex, 'kycLink', 'KYC Link');
	return await glomo.request({ method: 'GET', path: `/kyc-links/${id}`, itemIndex });
}
