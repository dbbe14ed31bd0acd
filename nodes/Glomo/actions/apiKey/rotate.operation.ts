import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import type { GlomoClient } from '../../transport';

const MAX_OVERLAP_SECONDS = 604_800;

export const description = defineOperation(
	'apiKey',
	{
		name: 'Rotate',
		value: 'rotate',
		action: 'Rotate the secret API key',
		description: 'Issue a new secret key; the current one keeps working for a grace period',
	},
	[
		{
			displayName:
				'The new secret key appears once, in this node\'s output. Put it into the Glomo credential before the old key expires, and do not send it anywhere else.',
			name: 'rotateNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Old Key Valid For (Seconds)',
			name: 'expireAfterInSeconds',
			type: 'number',
			default: 3600,
			required: true,
			typeOptions: { minValue: 0, maxValue: MAX_OVERLAP_SECONDS },
			description: 'How long the current key keeps working, from 0 (stops at once) to 604800 (7 days)',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const seconds = this.getNodeParameter('expireAfterInSeconds', itemIndex) as number;
	if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_OVERLAP_SECONDS) {
		throw new NodeOperationError(
			this.getNode(),
			`Old Key Valid For (Seconds): must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}, got ${seconds}`,
			{ itemIndex },
		);
	}
	return await glomo.request({
		method: 'POST',
		path: '/api-keys/rotate',
		body: { expire_after_in_seconds: seconds },
		itemIndex,
	});
}
