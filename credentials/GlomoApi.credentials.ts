import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class GlomoApi implements ICredentialType {
	name = 'glomoApi';

	displayName = 'Glomo API';

	icon: Icon = { light: 'file:../icons/glomo.svg', dark: 'file:../icons/glomo.dark.svg' };

	documentationUrl = 'https://docs.glomopay.com/api-documentation/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Secret API key from the Glomo dashboard (Settings > API Keys). Sandbox keys and live keys are different keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Live', value: 'live' },
			],
			default: 'sandbox',
			description:
				'Which Glomo environment this key belongs to. The node refuses to run when the key says otherwise, and sandbox-only operations refuse to run on Live.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.glomopay.com',
			description:
				'Root URL of the Glomo API, without /api/v1. Change it only for a proxy or the local Glomo sandbox.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret entered next to the webhook URL in the Glomo dashboard (Settings > API & Webhooks). Used by the Glomo Trigger node to verify that events really come from Glomo.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1, maxValue: 600 },
			description:
				'How long one request waits for an answer from Glomo. Reads, and creates that carry a request_id, may retry within twice this time; other writes are sent once.',
		},
		{
			displayName: 'Rate Limit (Requests per Minute)',
			name: 'requestsPerMinute',
			type: 'number',
			default: 3000,
			typeOptions: { minValue: 1, maxValue: 100000 },
			description:
				"Glomo's limit for your account: 3,000 requests per minute per source IP unless Glomo gave you another. Each node run keeps under it; if other workflows share the limit and Glomo still answers 429 Too Many Requests, the node waits and tries again.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.secretKey.trim()}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "").replace(/\\/api(\\/v\\d+)?$/, "")}}/api/v1',
			url: '/balances',
			method: 'GET',
		},
	};
}
