import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ANY_EVENT, eventOptions } from './events';
import { checkActivation, receiveEvent } from './webhook';

export class GlomoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Glomo Trigger',
		name: 'glomoTrigger',
		icon: { light: 'file:../../icons/glomo.svg', dark: 'file:../../icons/glomo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Glomo sends a signed webhook event',
		defaults: { name: 'Glomo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'glomoApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Glomo has no API for webhooks: copy this node\'s <b>Production URL</b> (above) into the Glomo dashboard, <b>Settings > API & Webhooks</b>, for the environment of your credential (sandbox and live are set up separately), then activate the workflow. Type the same signing secret into the dashboard and into the credential\'s <b>Webhook Signing Secret</b>.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [ANY_EVENT],
				options: eventOptions(),
				description:
					'Which events start the workflow. Glomo sends every event to every endpoint; the others are acknowledged and ignored.',
			},
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					'Whether to accept only requests signed with the credential\'s Webhook Signing Secret (X-Glomopay-Signature). Keep this on.',
			},
			{
				displayName:
					'Signature checking is off: anyone who knows this URL can start the workflow with any data, including fake payments. Turn it off only for a quick test.',
				name: 'unsafeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { verifySignature: [false] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Start on Dashboard Test Event',
						name: 'startOnTestEvent',
						type: 'boolean',
						default: false,
						description:
							'Whether the dashboard\'s "Test Connection" event (entity_type webhook_test) starts the workflow. It is always acknowledged.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// Glomo has no webhook API: nothing exists remotely, so activation always runs create()
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await checkActivation.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveEvent.call(this);
	}
}
