import * as crypto from 'node:crypto';

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialiser: object keys sorted by UTF-16 code units at every depth,
 * no insignificant whitespace, only the mandatory string escapes (non-ASCII kept literal), numbers in
 * ECMAScript shortest round-trip form.
 */
export function canonicalJson(value: unknown): string {
	const out = writeValue(value);
	if (out === undefined) throw new TypeError('Value cannot be serialised as JSON');
	return out;
}

function escapeString(s: string): string {
	let out = '"';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 0x22) out += '\\"';
		else if (c === 0x5c) out += '\\\\';
		else if (c === 0x08) out += '\\b';
		else if (c === 0x0c) out += '\\f';
		else if (c === 0x0a) out += '\\n';
		else if (c === 0x0d) out += '\\r';
		else if (c === 0x09) out += '\\t';
		else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
		else if (c >= 0xd800 && c <= 0xdfff) {
			// Surrogates must come as a valid high+low pair; a lone one cannot be represented in I-JSON.
			const next = s.charCodeAt(i + 1);
			if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				out += s[i] + s[i + 1];
				i++;
			} else {
				throw new TypeError('Lone surrogate in string cannot be canonicalised');
			}
		} else out += s[i];
	}
	return out + '"';
}

function writeNumber(n: number): string {
	if (!Number.isFinite(n)) throw new TypeError('Non-finite numbers are not valid JSON');
	if (Object.is(n, -0)) return '0';
	// ECMAScript Number::toString is exactly the form RFC 8785 prescribes.
	return String(n);
}

function writeValue(value: unknown): string | undefined {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			return writeNumber(value);
		case 'string':
			return escapeString(value);
		case 'bigint':
			throw new TypeError('BigInt cannot be canonicalised');
		case 'undefined':
		case 'function':
		case 'symbol':
			return undefined;
	}
	const obj = value as { toJSON?: () => unknown };
	if (typeof obj.toJSON === 'function') return writeValue(obj.toJSON());
	if (Array.isArray(value)) {
		return '[' + value.map((v) => writeValue(v) ?? 'null').join(',') + ']';
	}
	const rec = value as Record<string, unknown>;
	const keys = Object.keys(rec).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const parts: string[] = [];
	for (const k of keys) {
		const v = writeValue(rec[k]);
		if (v !== undefined) parts.push(escapeString(k) + ':' + v);
	}
	return '{' + parts.join(',') + '}';
}

/** Lowercase hex HMAC-SHA256 of the exact body bytes (value of `X-Glomopay-Signature`). */
export function signWebhookBody(body: string, secret: string): string {
	return crypto.createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
}
