import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

export const description = defineOperation(
	'settlement',
	{
		name: 'Mock Trigger (Sandbox)',
		value: 'mockTrigger',
		action: 'Run settlement now in the sandbox',
		description:
			'Sandbox only: settle every payment whose funds are available (USD, EUR, GBP, AED, SGD) now, with settlement webhooks',
	},
	[
		{
			displayName:
				'Sandbox only: refused with a Live credential. Settles the funds-available payments in USD, EUR, GBP, AED and SGD and sends settlement webhooks.',
			name: 'mockTriggerNotice',
			type: 'notice',
			default: '',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	return await glomo.request({ method: 'POST', path: '/settlements/mock-trigger', sandboxOnly: true, itemIndex });
}
