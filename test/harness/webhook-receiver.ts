/**
 * Sandbox webhooks through the real Glomo Trigger, for scenario tests (test/nodes/recipes.test.ts,
 * test/nodes/subscription-lifecycle.test.ts): a loopback endpoint the sandbox delivers to (it answers
 * 200 to everything; the sandbox records what it signed and sent), the events delivered so far, and a
 * check that each starts the trigger while a tampered copy does not.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import { callWebhook, type GlomoCredentials } from './index';

export interface DeliveredEvent {
	body: string;
	signature: string;
	/** entity_type.event_type */
	event: string;
}

export interface WebhookReceiver {
	/** the credential that runs the node and checks the trigger's signatures */
	credentials(): GlomoCredentials;
	/** the endpoint's port on 127.0.0.1 */
	port(): number;
	/** Point the sandbox's webhooks at the endpoint, and forget the deliveries so far. */
	listenHere(): void;
	/** The events the sandbox delivered (entity.event), once every delivery has finished. */
	delivered(): Promise<DeliveredEvent[]>;
	/** Hands every event to the real Glomo Trigger: each must start it, and a tampered copy must not. */
	throughTrigger(events: DeliveredEvent[]): Promise<IDataObject[]>;
}

/** One endpoint for a test file: listening before its first test, closed after its last. */
export function useWebhookReceiver(sandbox: Sandbox, secret: string): WebhookReceiver {
	let receiver: http.Server;
	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => res.writeHead(200).end());
		});
		await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', () => done()));
	});
	afterAll(async () => await new Promise<void>((done) => receiver.close(() => done())));

	const credentials = (): GlomoCredentials => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url, webhookSecret: secret });
	const port = () => (receiver.address() as AddressInfo).port;

	return {
		credentials,
		port,
		listenHere() {
			sandbox.setWebhookTargets([`http://127.0.0.1:${port()}/hook`], secret);
			sandbox.webhooks.length = 0;
		},
		async delivered() {
			await new Promise((done) => setTimeout(done, 50));
			return sandbox.webhooks.map((w) => {
				const parsed = JSON.parse(w.body) as IDataObject;
				return { body: w.body, signature: w.signature, event: `${String(parsed.entity_type)}.${String(parsed.event_type)}` };
			});
		},
		async throughTrigger(events) {
			const started: IDataObject[] = [];
			for (const event of events) {
				const outcome = await callWebhook({
					parameters: { events: [event.event], verifySignature: true },
					credentials: credentials(),
					rawBody: event.body,
					headers: { 'x-glomopay-signature': event.signature },
				});
				expect(outcome.started?.[0]).toMatchObject({ entity_type: event.event.split('.')[0], event_type: event.event.slice(event.event.indexOf('.') + 1) });
				started.push(outcome.started?.[0] as IDataObject);
				const tampered = await callWebhook({
					parameters: { events: [event.event], verifySignature: true },
					credentials: credentials(),
					rawBody: event.body.replace('"id":"', '"id":"x'),
					headers: { 'x-glomopay-signature': event.signature },
				});
				expect(event.body).toContain('"id":"');
				expect(tampered.started).toBeUndefined();
			}
			return started;
		},
	};
}
