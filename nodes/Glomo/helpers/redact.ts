/** Shortest secret worth searching for: shorter strings would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;
const MASK = '[redacted]';

/**
 * Every form in which a secret key can come back from a server or a proxy: as typed, as sent on
 * the wire (trimmed), JSON-escaped and URL-encoded.
 */
export function secretForms(secret: string): string[] {
	const forms = new Set<string>();
	for (const form of [secret, secret.trim()]) {
		forms.add(form);
		forms.add(JSON.stringify(form).slice(1, -1));
		forms.add(encodeURIComponent(form));
	}
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of a secret in a text. Applied to everything that leaves the node. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(MASK);
	}
	return out;
}

/**
 * A copy of a parsed JSON value with every secret masked, in keys and values at any depth. A value
 * that holds no secret is returned as it is (no copy). Keys are set as data properties, so a
 * `__proto__` key stays a key.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		let changed = false;
		const out = value.map((entry) => {
			const masked = redactDeep(entry, secrets);
			changed ||= masked !== entry;
			return masked;
		});
		return (changed ? out : value) as T;
	}
	let changed = false;
	const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => {
		const maskedKey = redact(key, secrets);
		const masked = redactDeep(entry, secrets);
		changed ||= maskedKey !== key || masked !== entry;
		return [maskedKey, masked] as const;
	});
	return (changed ? Object.fromEntries(entries) : value) as T;
}
