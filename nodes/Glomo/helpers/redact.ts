/** Shortest secret worth searching for: shorter strings would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;
/** What stands in place of a secret, in errors and outputs. */
export const MASK = '[redacted]';

/**
 * Every form in which a secret key can come back from a server or a proxy: as sent on the wire
 * (trimmed: any form with blanks around it contains this one), JSON-escaped and URL-encoded. The
 * longest come first, so a form that holds another (a key of backslashes inside its own
 * escaped form) is masked whole, not in pieces.
 */
export function secretForms(secret: string): string[] {
	const key = secret.trim();
	const forms = new Set([key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)]);
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of a secret in a text. `secrets` come from secretForms (none short). */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) out = out.replaceAll(secret, MASK);
	return out;
}

/**
 * A copy of a parsed JSON value with every secret masked, in keys and values at any depth. Keys are
 * set as data properties, so a `__proto__` key stays a key. Only walked when a secret may be inside
 * (see the transport's `masked`): a page with no escape and no key is handed on as parsed.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets)) as T;
	const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => [redact(key, secrets), redactDeep(entry, secrets)] as const);
	return Object.fromEntries(entries) as T;
}

/**
 * Fields in which Glomo hands out a secret of its own: a rotated key (`secret_key`), a platform's
 * child merchant key (`jwt_token`), a payment session token (`token`). Unknown before the answer
 * arrives, so `secretForms` cannot list them.
 */
const SECRET_FIELDS = ['secret_key', 'jwt_token', 'token'];
const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set<string>(SECRET_FIELDS);

/**
 * A quoted JSON string value: its closing quote may be missing when the answer was cut off. A
 * backslash escapes any character, a line break too (`.` would not take it, and the whole value
 * would then go unmasked).
 */
const SECRET_FIELD_VALUE = new RegExp(`("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\[\\s\\S])*(?:"|\\\\?$)`, 'g');

/**
 * The raw text of an answer quoted in an error (a cut-off or malformed 2xx), with the values of
 * Glomo's secret-bearing fields masked: a proxy that cuts an onboarding answer short must not put
 * the child merchant's key into an error message.
 */
export function redactSecretFields(text: string): string {
	return text.replace(SECRET_FIELD_VALUE, `$1"${MASK}"`);
}

/**
 * A copy of a parsed value (a webhook event's data) with the values of Glomo's secret-bearing fields
 * masked at any depth; a field that holds no secret (null) stays as it is.
 */
export function redactSecretFieldsDeep(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactSecretFieldsDeep);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
			key,
			SECRET_FIELD_NAMES.has(key) && entry !== null ? MASK : redactSecretFieldsDeep(entry),
		]),
	);
}
