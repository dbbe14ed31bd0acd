import { createHmac, timingSafeEqual } from 'node:crypto';

import { isPlainObject, parseJsonBounded } from '../Glomo/helpers/json';

/**
 * Bounds of the canonical-form fallback: Glomo's events are a few kilobytes and nest four or five
 * levels. A body beyond these is checked over its raw bytes only.
 */
export const CANONICAL_MAX_BYTES = 256 * 1024;
export const CANONICAL_MAX_DEPTH = 32;

/**
 * RFC 8785 (JCS) canonical JSON of a value JSON.parse produced: object keys sorted by UTF-16 code
 * units at every depth, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes
 * them. Recursive: only for values whose depth has been bounded (parseJsonBounded).
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry)).join(',')}]`;
	// Array.prototype.sort's default order compares strings by UTF-16 code units, as JCS asks
	const keys = Object.keys(value).sort();
	const record = value as Record<string, unknown>;
	return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

function hmac(secret: string, payload: Buffer | string): Buffer {
	return createHmac('sha256', secret).update(payload).digest();
}

/** The 64 lowercase hex digits of a signature header (a `sha256=` prefix tolerated), or undefined. */
function receivedDigest(header: string | string[] | undefined): string | undefined {
	if (typeof header !== 'string') return undefined;
	const digest = header.trim().replace(/^sha256=/i, '').toLowerCase();
	return /^[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}

/** Constant-time comparison of an HMAC with a received 64-digit hex digest. */
function sameDigest(expected: Buffer, received: string): boolean {
	return timingSafeEqual(expected, Buffer.from(received, 'hex'));
}

/**
 * The canonical form of a body that is small and shallow enough to canonicalise, or undefined.
 * Never throws, whatever the bytes.
 */
function canonicalForm(rawBody: Buffer): string | undefined {
	if (rawBody.length > CANONICAL_MAX_BYTES) return undefined;
	const parsed = parseJsonBounded(rawBody.toString('utf8'), CANONICAL_MAX_DEPTH);
	return isPlainObject(parsed.value) ? canonicalJson(parsed.value) : undefined;
}

/**
 * Whether `header` (X-Glomopay-Signature) is Glomo's signature of this request: lowercase hex
 * HMAC-SHA256 with the webhook secret over the raw body bytes, as Glomo sends them. Since Glomo's
 * older docs describe canonicalising first, a body re-serialised on the way (a proxy) is also
 * accepted when the signature matches its RFC 8785 form, but only for a small, shallow JSON
 * object. A malformed header costs nothing; any other refusal at most two HMACs over the body.
 */
export function verifyGlomoSignature(secret: unknown, rawBody: Buffer, header: string | string[] | undefined): boolean {
	const received = receivedDigest(header);
	if (typeof secret !== 'string' || secret === '' || received === undefined) return false;
	if (sameDigest(hmac(secret, rawBody), received)) return true;
	const canonical = canonicalForm(rawBody);
	return canonical !== undefined && sameDigest(hmac(secret, canonical), received);
}
