import * as http from 'node:http';
import * as https from 'node:https';
import { DeliveredWebhook } from '../types';
import { canonicalJson, signWebhookBody } from './canonical';

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Outbound webhooks: `{entity_type, event_type, data}` serialised as RFC 8785 canonical JSON,
 * signed with HMAC-SHA256 (hex) in `X-Glomopay-Signature`, POSTed to every target. One attempt per target;
 * every attempt is appended to `deliveries`. Never throws into the caller.
 */
export class WebhookDispatcher {
	private targets: string[];
	private secret: string;
	private readonly inflight = new Set<http.ClientRequest>();
	private readonly pending = new Set<Promise<void>>();
	private closed = false;

	constructor(
		readonly deliveries: DeliveredWebhook[],
		urls: string[] = [],
		secret = '',
	) {
		this.targets = [...urls];
		this.secret = secret;
	}

	setTargets(urls: string[], secret: string): void {
		this.targets = [...urls];
		this.secret = secret;
	}

	get targetUrls(): string[] {
		return [...this.targets];
	}

	/** Build the exact body + signature for an event (exposed for tests and admin tooling). */
	render(entityType: string, eventType: string, data: object): { body: string; signature: string } {
		const body = canonicalJson({ entity_type: entityType, event_type: eventType, data });
		return { body, signature: signWebhookBody(body, this.secret) };
	}

	/** Deliver to all current targets; resolves with this event's delivery records once every attempt finished (never rejects). */
	emit(entityType: string, eventType: string, data: object): Promise<DeliveredWebhook[]> {
		if (this.closed || this.targets.length === 0) return Promise.resolve([]);
		const { body, signature } = this.render(entityType, eventType, data);
		const all = Promise.all(this.targets.map((url) => this.deliver(url, body, signature)));
		const tracked = all.then(() => undefined);
		this.pending.add(tracked);
		void tracked.finally(() => this.pending.delete(tracked));
		return all;
	}

	/** Fire and forget: used for state changes so API responses never wait on delivery. */
	fire(entityType: string, eventType: string, data: object): void {
		try {
			void this.emit(entityType, eventType, data);
		} catch {
			// serialisation problems must not affect the API response
		}
	}

	private deliver(url: string, body: string, signature: string): Promise<DeliveredWebhook> {
		return new Promise<DeliveredWebhook>((resolve) => {
			let settled = false;
			const finish = (status: number): void => {
				if (settled) return;
				settled = true;
				const record: DeliveredWebhook = { url, body, signature, status, at: new Date().toISOString() };
				this.deliveries.push(record);
				resolve(record);
			};
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				finish(0);
				return;
			}
			const mod = target.protocol === 'https:' ? https : http;
			const payload = Buffer.from(body, 'utf8');
			let req: http.ClientRequest;
			try {
				req = mod.request(target, {
					method: 'POST',
					agent: false,
					headers: {
						'Content-Type': 'application/json',
						'Content-Length': payload.length,
						'X-Glomopay-Signature': signature,
						'User-Agent': 'Glomopay-Webhooks/sandbox',
					},
				});
			} catch {
				finish(0);
				return;
			}
			this.inflight.add(req);
			req.setTimeout(DELIVERY_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
			let status = 0;
			req.on('response', (res) => {
				status = res.statusCode ?? 0;
				res.resume();
				res.on('end', () => finish(status));
				res.on('error', () => finish(status));
				res.on('close', () => finish(status));
			});
			req.on('error', () => finish(0));
			req.on('close', () => {
				this.inflight.delete(req);
				finish(status);
			});
			req.end(payload);
		});
	}

	/** Abort deliveries still in flight and wait for their bookkeeping. */
	async close(): Promise<void> {
		this.closed = true;
		for (const req of Array.from(this.inflight)) req.destroy();
		await Promise.all(Array.from(this.pending));
	}
}
