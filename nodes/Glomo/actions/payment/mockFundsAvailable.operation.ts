import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentIdField } from './shared';

export const description = defineOperation(
	'payment',
	{
		name: 'Mock Funds Available (Sandbox)',
		value: 'mockFundsAvailable',
		action: 'Make a sandbox payment\'s funds available',
		description: 'Sandbox only: mark the funds of a successful payment as arrived, as the payment.funds_available webhook reports (refused with a Live credential)',
	},
	[paymentIdField],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentId', itemIndex, 'payment', 'Payment');
	return await glomo.request({ method: 'PATCH', path: `/payment/${id}/mock-funds-available`, itemIndex, sandboxOnly: true });
}
