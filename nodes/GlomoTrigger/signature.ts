import { createHmac, timingSafeEqual } from 'node:crypto';

import { isPlainObject, parseJsonBounded } from '../Glomo/helpers/json';

/**
 * Bounds of the canonical-form fallback: Glomo's events are a few kilobytes and nest four or five
 * levels. A body beyond these is checked over its raw bytes only.
 */
export const CANONICAL_MAX_BYTES = 256 * 1024;
export const CANONICAL_MAX_DEPTH = 32;

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units at every depth, no
 * whitespace, strings and numbers as ECMAScript's JSON.stringify writes them. Recursive: only for
 * values whose depth has been bounded (parseJsonBounded).
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry)).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, entry]) => entry !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

function hmacHex(secret: string, payload: Buffer | string): string {
	return createHmac('sha256', secret).update(payload).digest('hex');
}

/** The 64 lowercase hex digits of a signature header (a `sha256=` prefix tolerated), or undefined. */
function receivedDigest(header: string | string[] | undefined): string | undefined {
	if (typeof header !== 'string') return undefined;
	const digest = header.trim().replace(/^sha256=/i, '').toLowerCase();
	return /^[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}

/** Constant-time comparison of two 64-digit hex digests. */
function sameDigest(expected: string, received: string): boolean {
	return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(received, 'hex'));
}

/**
 * The canonical form of a body that is small and shallow enough to canonicalise, or undefined.
 * Never throws, whatever the bytes.
 */
function canonicalForm(rawBody: Buffer): string | undefined {
	if (rawBody.length > CANONICAL_MAX_BYTES) return undefined;
	const parsed = parseJsonBounded(rawBody.toString('utf8'), CANONICAL_MAX_DEPTH);
	if (!parsed.ok || !isPlainObject(parsed.value)) return undefined;
	try {
		return canonicalJson(parsed.value);
	} catch {
		return undefined;
	}
}

/**
 * Whether `header` (X-Glomopay-Signature) is Glomo's signature of this request: lowercase hex
 * HMAC-SHA256 with the webhook secret over the raw body bytes, as Glomo sends them. Since Glomo's
 * older docs describe canonicalising first, a body re-serialised on the way (a proxy) is also
 * accepted when the signature matches its RFC 8785 form, but only for a small, shallow JSON
 * object. A malformed header costs nothing; any other refusal about one HMAC over the body.
 */
export function verifyGlomoSignature(secret: string, rawBody: Buffer, header: string | string[] | undefined): boolean {
	const received = receivedDigest(header);
	if (!secret || rawBody.length === 0 || received === undefined) return false;
	if (sameDigest(hmacHex(secret, rawBody), received)) return true;
	const canonical = canonicalForm(rawBody);
	return canonical !== undefined && canonical !== rawBody.toString('utf8') && sameDigest(hmacHex(secret, canonical), received);
}
