/**
 * Bounded JSON: what a server or a webhook sender hands us is parsed only after a linear scan has
 * shown its nesting is shallow, so code that walks the result (redaction, canonical form) can
 * recurse without any risk to the stack.
 */

/** Deeper than any Glomo object (they nest three or four levels). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of objects and arrays in a JSON text, or Infinity once it passes `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c) index++; // backslash: skip the escaped character
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			depth++;
			if (depth > deepest) {
				deepest = depth;
				if (deepest > limit) return Infinity;
			}
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return deepest;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

/** Parses a JSON text that must not nest deeper than `maxDepth`; never throws. */
export function parseJsonBounded(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (clean.trim() === '') return { ok: false, problem: 'an empty body' };
	if (jsonDepth(clean, maxDepth) > maxDepth) return { ok: false, problem: `JSON nested deeper than ${maxDepth} levels` };
	try {
		return { ok: true, value: JSON.parse(clean) as unknown };
	} catch {
		return { ok: false, problem: 'a body that is not valid JSON' };
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
