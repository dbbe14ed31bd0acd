/**
 * Bounded JSON: what a server or a webhook sender hands us is parsed only after a linear scan has
 * shown its nesting is shallow, so code that walks the result (redaction, canonical form) can
 * recurse without any risk to the stack.
 */

/** Deeper than any Glomo object (they nest three or four levels). */
export const MAX_JSON_DEPTH = 64;

/** Whether a JSON text nests objects and arrays deeper than `limit`; stops reading once it does. */
export function nestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	// Stryker disable next-line EqualityOperator: charCodeAt past the end is NaN, which matches no character
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c) index++; // backslash: skip the escaped character
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			if (++depth > limit) return true;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return false;
}

/** A failure carries no value, so `isPlainObject(result.value)` alone tells an object was read. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string; value?: undefined };

/** Parses a JSON text that must not nest deeper than `maxDepth`; never throws. */
export function parseJsonBounded(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (clean.trim() === '') return { ok: false, problem: 'an empty body' };
	if (nestsDeeperThan(clean, maxDepth)) return { ok: false, problem: `JSON nested deeper than ${maxDepth} levels` };
	try {
		return { ok: true, value: JSON.parse(clean) as unknown };
	} catch {
		return { ok: false, problem: 'a body that is not valid JSON' };
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
