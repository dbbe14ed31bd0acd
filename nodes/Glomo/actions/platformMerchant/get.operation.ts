import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { includeSecretKey, merchantIdField, merchantOutput, secretKeyOptions } from './shared';

export const description = defineOperation(
	'platformMerchant',
	{
		name: 'Get',
		value: 'get',
		action: 'Get a platform merchant',
		description: 'Retrieve one merchant of your platform with its onboarding status',
	},
	[merchantIdField, secretKeyOptions],
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'merchantId', itemIndex, 'merchant', 'Merchant');
	const answer = (await glomo.request({ method: 'GET', path: `/platform/merchants/${id}`, itemIndex })) as IDataObject;
	return merchantOutput(answer, includeSecretKey(this, itemIndex));
}
