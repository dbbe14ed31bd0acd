import { AccountSettings, DeliveredWebhook, Faults, RecordedRequest } from '../types';
import { KeyEnv } from './auth';
import { ApiError, badRequest, reasonPhrase } from './errors';
import { ApiResult } from './resource';
import { AdminHandler } from './server';
import { isPlainObject } from './validate';

/** What the admin routes can reach on a sandbox instance. */
export interface AdminTarget {
	url(): string;
	merchantId: string;
	requests: RecordedRequest[];
	clearRequests(): void;
	faults(): Faults;
	setFaults(f: Partial<Faults>): void;
	resetFaults(): void;
	issueKey(env: KeyEnv): string;
	webhooks: DeliveredWebhook[];
	webhookTargets(): { urls: string[]; secret: string };
	setWebhookTargets(urls: string[], secret: string): void;
	emit(entityType: string, eventType: string, data: object): Promise<DeliveredWebhook[]>;
	insert(kind: string, record: Record<string, unknown>): Record<string, unknown>;
	account(): AccountSettings;
	setAccount(settings: Partial<AccountSettings>): void;
}

function needObject(body: unknown): Record<string, unknown> {
	if (!isPlainObject(body)) throw badRequest('Request body must be a JSON object');
	return body;
}

/**
 * `/__sandbox/*` routes: requests log, faults, extra keys, webhook targets / deliveries / manual events,
 * direct record insertion, health.
 */
export function createAdminHandler(t: AdminTarget): AdminHandler {
	return async (method, path, body) => {
		try {
			return await route(t, method, path.replace(/\/+$/, ''), body);
		} catch (err) {
			if (err instanceof ApiError) return { status: err.status, body: err.body };
			return { status: 400, body: { error: reasonPhrase(400), message: (err as Error).message } };
		}
	};
}

async function route(t: AdminTarget, method: string, path: string, body: unknown): Promise<ApiResult> {
	const key = `${method} ${path}`;
	switch (key) {
		case 'GET /__sandbox/health':
			return { status: 200, body: { status: 'ok', url: t.url(), merchant_id: t.merchantId } };
		case 'GET /__sandbox/requests':
			return { status: 200, body: t.requests };
		case 'DELETE /__sandbox/requests': {
			const cleared = t.requests.length;
			t.clearRequests();
			return { status: 200, body: { cleared } };
		}
		case 'GET /__sandbox/faults':
			return { status: 200, body: t.faults() };
		case 'PUT /__sandbox/faults':
			t.setFaults(needObject(body) as Partial<Faults>);
			return { status: 200, body: t.faults() };
		case 'DELETE /__sandbox/faults':
			t.resetFaults();
			return { status: 200, body: t.faults() };
		case 'POST /__sandbox/keys': {
			const env = body === undefined ? 'sandbox' : needObject(body).env ?? 'sandbox';
			if (env !== 'sandbox' && env !== 'production') throw badRequest("env must be 'sandbox' or 'production'");
			return { status: 200, body: { secret_key: t.issueKey(env) } };
		}
		case 'GET /__sandbox/account':
			return { status: 200, body: t.account() };
		case 'PUT /__sandbox/account':
			t.setAccount(needObject(body) as Partial<AccountSettings>);
			return { status: 200, body: t.account() };
		case 'GET /__sandbox/webhooks':
			return { status: 200, body: t.webhooks };
		case 'PUT /__sandbox/webhooks': {
			const b = needObject(body);
			const urls = b.urls;
			if (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string')) throw badRequest('urls must be an array of strings');
			if (typeof b.secret !== 'string') throw badRequest('secret must be a string');
			t.setWebhookTargets(urls as string[], b.secret);
			return { status: 200, body: t.webhookTargets() };
		}
		case 'POST /__sandbox/events': {
			const b = needObject(body);
			if (typeof b.entity_type !== 'string' || b.entity_type === '') throw badRequest('entity_type must be a non-empty string');
			if (typeof b.event_type !== 'string' || b.event_type === '') throw badRequest('event_type must be a non-empty string');
			if (!isPlainObject(b.data)) throw badRequest('data must be an object');
			const delivered = await t.emit(b.entity_type, b.event_type, b.data);
			return { status: 200, body: { delivered } };
		}
	}
	const insertMatch = /^\/__sandbox\/records\/([A-Za-z0-9_-]+)$/.exec(path);
	if (insertMatch && method === 'POST') {
		return { status: 201, body: t.insert(insertMatch[1], needObject(body)) };
	}
	throw new ApiError(404, `No admin route matches ${method} ${path}`);
}
