import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ANY_EVENT, EVENT_CATALOGUE } from './events';
import { isPlainObject, parseJsonBounded } from '../Glomo/helpers/json';
import { redactSecretFieldsDeep } from '../Glomo/helpers/redact';
import { verifyGlomoSignature } from './signature';

const TEST_EVENT = 'webhook_test';
/** Far above any Glomo event (a few kilobytes); n8n itself accepts up to 16 MB. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Stable across Glomo's redeliveries of one event (a redelivery carries the same snapshot), and
 * different for two events that only look alike: the record's id (merchants and virtual accounts
 * name it merchant_id and account_id), what happened, the status, and when the record last
 * changed (two "updated" events of one subscription differ there). Balance events have no id or status.
 */
function eventKey(entityType: string, eventType: string, data: IDataObject): string {
	if (entityType === 'balance') return `balance:${String(data.payment_id ?? '')}:${eventType}:${String(data.timestamp ?? '')}`;
	const id = data.id ?? data.merchant_id ?? data.account_id ?? '';
	const key = `${entityType}:${String(id)}:${eventType}:${String(data.status ?? '')}`;
	return data.updated_at === undefined ? key : `${key}:${String(data.updated_at)}`;
}


function isTerminal(entityType: string, eventType: string, data: IDataObject): boolean {
	return EVENT_CATALOGUE[entityType]?.terminal.includes(String(data.status ?? eventType)) === true;
}

/**
 * Activation: Glomo has no webhook API, so there is nothing to register; the workflow is refused
 * when it would verify signatures without a signing secret.
 */
export async function checkActivation(this: IHookFunctions): Promise<boolean> {
	const verify = this.getNodeParameter('verifySignature', true) as boolean;
	const { webhookSecret } = await this.getCredentials('glomoApi');
	if (verify && (typeof webhookSecret !== 'string' || webhookSecret === '')) {
		throw new NodeOperationError(
			this.getNode(),
			'The Glomo credential has no Webhook Signing Secret, so events could not be verified',
			{
				description:
					'Enter the secret you set in the Glomo dashboard (Settings > API & Webhooks) into the credential, or, for a test only, turn off Verify Signature.',
			},
		);
	}
	return true;
}

/**
 * One request to the trigger's URL: size and signature checked over the raw bytes first, then
 * the event parsed, filtered by the chosen events and handed to the workflow with its event_key.
 */
export async function receiveEvent(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const reject = (status: number, message: string): IWebhookResponseData => {
		response.status(status).json({ message });
		return { noWebhookResponse: true };
	};
	const acknowledge = (): IWebhookResponseData => {
		response.status(200).json({ received: true });
		return { noWebhookResponse: true };
	};

	const raw = (request as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
	// Glomo's events are a few kilobytes: a larger body is refused before any work on it
	if (raw.length > MAX_EVENT_BYTES) return reject(413, 'Request body too large for a Glomo event');

	// the signature is checked over the raw bytes before the body is parsed or used at all
	if (this.getNodeParameter('verifySignature', true) as boolean) {
		const { webhookSecret } = await this.getCredentials('glomoApi');
		const signature = request.headers['x-glomopay-signature'];
		if (!verifyGlomoSignature(webhookSecret, raw, signature)) {
			return reject(401, 'Invalid or missing X-Glomopay-Signature');
		}
	}
	const parsed = parseJsonBounded(raw.toString('utf8'));
	const payload = isPlainObject(parsed.value) ? (parsed.value as IDataObject) : undefined;
	if (!payload || typeof payload.entity_type !== 'string') return reject(400, 'Not a Glomo event');

	const entityType = payload.entity_type;
	const eventType = String(payload.event_type ?? '');
	if (entityType === TEST_EVENT) {
		const { startOnTestEvent } = this.getNodeParameter('options', {}) as { startOnTestEvent?: boolean };
		if (!startOnTestEvent) return acknowledge();
	} else {
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(ANY_EVENT) && !events.includes(`${entityType}.${eventType}`)) return acknowledge();
	}

	const data = (isPlainObject(payload.data) ? payload.data : {}) as IDataObject;
	return {
		workflowData: [
			this.helpers.returnJsonArray({
				...payload,
				// a child merchant's key in an event is masked: the event is stored with every execution
				...('data' in payload ? { data: redactSecretFieldsDeep(payload.data) as IDataObject } : {}),
				event_key: eventKey(entityType, eventType, data),
				is_terminal: isTerminal(entityType, eventType, data),
			}),
		],
	};
}
