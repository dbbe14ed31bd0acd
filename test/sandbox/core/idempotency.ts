import { ApiError } from './errors';
import { Collection } from './store';

/**
 * Body-field idempotency (`request_id`), configured per resource:
 * payouts answer 409 Conflict, orders/payments/refunds answer 400 with their own message.
 */
export interface IdempotencyRule {
	/** Body field carrying the key (default `request_id`). */
	field?: string;
	/** HTTP status for a reused key. */
	status: number;
	/** `error` label (default: the status reason phrase). */
	error?: string;
	message: string;
	/** Optional machine code added to the error body. */
	code?: string;
}

/** The key a body carries for this rule, if any. */
export function idempotencyKey(body: Record<string, unknown>, rule: IdempotencyRule): string | undefined {
	const v = body[rule.field ?? 'request_id'];
	return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The record created earlier with the same key, if any. */
export function findByIdempotencyKey(collection: Collection, key: string, rule: IdempotencyRule) {
	const field = rule.field ?? 'request_id';
	return collection.lookup(`field:${field}`, (r) => (typeof r[field] === 'string' ? (r[field] as string) : undefined), key)[0];
}

/** Throw the configured error when the body's key was already used in this collection. */
export function assertFreshRequest(collection: Collection, body: Record<string, unknown>, rule: IdempotencyRule): void {
	const key = idempotencyKey(body, rule);
	if (key === undefined) return;
	if (findByIdempotencyKey(collection, key, rule)) {
		throw new ApiError(rule.status, rule.message, { error: rule.error, code: rule.code });
	}
}
