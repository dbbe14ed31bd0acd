import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units at every depth, no
 * whitespace, strings and numbers as ECMAScript's JSON.stringify writes them.
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

/** Constant-time comparison of two lowercase hex digests, after a length and alphabet check. */
function sameDigest(expected: string, received: string): boolean {
	if (received.length !== expected.length || !/^[0-9a-f]+$/.test(received)) return false;
	return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(received, 'hex'));
}

/**
 * Whether `header` (X-Glomopay-Signature) is Glomo's signature of this request: lowercase hex
 * HMAC-SHA256 with the webhook secret over the raw body bytes, or, since Glomo's older docs
 * describe canonicalising first, over the RFC 8785 form of the parsed body. A `sha256=` prefix,
 * seen in third-party descriptions, is tolerated.
 */
export function verifyGlomoSignature(
	secret: string,
	rawBody: Buffer,
	header: string | string[] | undefined,
	parsedBody: unknown,
): boolean {
	if (!secret || rawBody.length === 0 || typeof header !== 'string') return false;
	const received = header.trim().replace(/^sha256=/i, '').toLowerCase();
	if (sameDigest(hmacHex(secret, rawBody), received)) return true;
	if (parsedBody === undefined) return false;
	return sameDigest(hmacHex(secret, canonicalJson(parsedBody)), received);
}
