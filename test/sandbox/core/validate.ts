import { badRequest } from './errors';

/**
 * Tiny declarative body validator producing Rails-style messages, the way Glomo words them:
 * `Validation failed: Expire after in seconds must be an integer`, `... can't be blank`, several joined by ", ".
 */

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface FieldRule {
	type: FieldType;
	/** Missing, null or blank (whitespace-only string) → "can't be blank". */
	required?: boolean;
	/** Explicit `null` accepted (otherwise null is a type error, or "can't be blank" when required). */
	nullable?: boolean;
	enum?: readonly string[];
	/** Inclusive numeric bounds. */
	min?: number;
	max?: number;
	minLength?: number;
	maxLength?: number;
	/** Strings must match, else "is invalid" (or `patternMessage`). */
	pattern?: RegExp;
	patternMessage?: string;
	/** Rule for every array element. */
	items?: FieldRule;
	/** Known keys of a nested object. */
	fields?: Record<string, FieldRule>;
	/** For nested objects with `fields`: reject unknown keys (default true = allowed and dropped). */
	additionalProperties?: boolean;
	/** Rule for every value of a free-form map object (e.g. notes: string → string). */
	values?: FieldRule;
	/** Extra check run after the type checks passed; returns the problem text ("is invalid") or undefined. */
	check?: (value: unknown, body: Record<string, unknown>) => string | undefined;
	/** Human label; default derived from the key (`source_amount` → `Source amount`). */
	label?: string;
}

export interface BodySchema {
	fields: Record<string, FieldRule>;
	/** false → keys not in `fields` are rejected with a message naming them. Default true (ignored, dropped). */
	additionalProperties?: boolean;
	/** Override the message for unknown keys. */
	unknownKeysMessage?: (keys: string[]) => string;
}

export function humanize(key: string): string {
	const words = key.split('_').filter(Boolean).join(' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeProblem(type: FieldType, v: unknown): string | undefined {
	switch (type) {
		case 'string':
			return typeof v === 'string' ? undefined : 'must be a string';
		case 'integer':
			return typeof v === 'number' && Number.isInteger(v) ? undefined : 'must be an integer';
		case 'number':
			return typeof v === 'number' && Number.isFinite(v) ? undefined : 'must be a number';
		case 'boolean':
			return typeof v === 'boolean' ? undefined : 'must be a boolean';
		case 'object':
			return isPlainObject(v) ? undefined : 'must be an object';
		case 'array':
			return Array.isArray(v) ? undefined : 'must be an array';
	}
}

function isBlank(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Validate one value; pushes "<Label> <problem>" strings into `errors`. Returns the cleaned value. */
function checkValue(
	value: unknown,
	rule: FieldRule,
	label: string,
	root: Record<string, unknown>,
	errors: string[],
): unknown {
	if (value === undefined) {
		if (rule.required) errors.push(`${label} can't be blank`);
		return undefined;
	}
	if (value === null) {
		if (rule.nullable && !rule.required) return null;
		errors.push(rule.required ? `${label} can't be blank` : `${label} ${typeProblem(rule.type, null) ?? 'is invalid'}`);
		return undefined;
	}
	const tp = typeProblem(rule.type, value);
	if (tp) {
		errors.push(`${label} ${tp}`);
		return undefined;
	}
	if (rule.required && isBlank(value)) {
		errors.push(`${label} can't be blank`);
		return undefined;
	}
	const before = errors.length;
	if (typeof value === 'string') {
		if (rule.enum && !rule.enum.includes(value)) {
			errors.push(`${label} must be one of: ${rule.enum.join(', ')}`);
		} else if (rule.minLength !== undefined && value.length < rule.minLength) {
			errors.push(`${label} is too short (minimum is ${rule.minLength} characters)`);
		} else if (rule.maxLength !== undefined && value.length > rule.maxLength) {
			errors.push(`${label} is too long (maximum is ${rule.maxLength} characters)`);
		} else if (rule.pattern && !rule.pattern.test(value)) {
			errors.push(`${label} ${rule.patternMessage ?? 'is invalid'}`);
		}
	}
	if (typeof value === 'number') {
		const { min, max } = rule;
		if (min !== undefined && max !== undefined && (value < min || value > max)) {
			errors.push(`${label} must be between ${min} and ${max}`);
		} else if (min !== undefined && value < min) {
			errors.push(`${label} must be greater than or equal to ${min}`);
		} else if (max !== undefined && value > max) {
			errors.push(`${label} must be less than or equal to ${max}`);
		}
	}
	let cleaned: unknown = value;
	if (Array.isArray(value) && rule.items) {
		const itemRule = rule.items;
		cleaned = value.map((item) => checkValue(item, itemRule, label, root, errors));
	}
	if (isPlainObject(value) && (rule.fields || rule.values)) {
		cleaned = checkObject(value, rule.fields, rule.values, rule.additionalProperties ?? true, label, root, errors);
	}
	if (errors.length === before && rule.check) {
		const problem = rule.check(value, root);
		if (problem) errors.push(`${label} ${problem}`);
	}
	return cleaned;
}

function checkObject(
	obj: Record<string, unknown>,
	fields: Record<string, FieldRule> | undefined,
	values: FieldRule | undefined,
	allowUnknown: boolean,
	parentLabel: string,
	root: Record<string, unknown>,
	errors: string[],
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (fields) {
		for (const [key, rule] of Object.entries(fields)) {
			const label = rule.label ?? `${parentLabel} ${key.replace(/_/g, ' ')}`;
			const v = checkValue(obj[key], rule, label, root, errors);
			if (v !== undefined) out[key] = v;
		}
		const unknown = Object.keys(obj).filter((k) => !(k in fields));
		if (unknown.length && !allowUnknown) errors.push(`${parentLabel} has unpermitted keys: ${unknown.join(', ')}`);
	}
	if (values) {
		for (const [key, v] of Object.entries(obj)) {
			const cleaned = checkValue(v, values, `${parentLabel} ${key}`, root, errors);
			if (cleaned !== undefined) out[key] = cleaned;
		}
	}
	return out;
}

/**
 * Validate a request body against a schema. Throws 400 on problems; returns a copy holding only the declared keys.
 * A missing body counts as `{}`.
 */
export function validateBody(body: unknown, schema: BodySchema): Record<string, unknown> {
	const obj = body === undefined ? {} : body;
	if (!isPlainObject(obj)) throw badRequest('Request body must be a JSON object');
	if (schema.additionalProperties === false) {
		const unknown = Object.keys(obj).filter((k) => !(k in schema.fields));
		if (unknown.length) {
			const msg = schema.unknownKeysMessage
				? schema.unknownKeysMessage(unknown)
				: `Unpermitted parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`;
			throw badRequest(msg);
		}
	}
	const errors: string[] = [];
	const out: Record<string, unknown> = {};
	for (const [key, rule] of Object.entries(schema.fields)) {
		const v = checkValue(obj[key], rule, rule.label ?? humanize(key), obj, errors);
		if (v !== undefined) out[key] = v;
	}
	if (errors.length) throw badRequest(`Validation failed: ${errors.join(', ')}`);
	return out;
}

/** Throw the usual 400 for a hand-written validation problem. */
export function validationError(...problems: string[]): never {
	throw badRequest(`Validation failed: ${problems.join(', ')}`);
}

/** One answer of an update_rfi body: a document uploaded for one requirement. */
export interface RfiAnswer {
	id: string;
	rfi_doc_id: string;
}

/** The body of every update_rfi route (`{documents: [{id, rfi_doc_id}]}`), validated: its answers. */
export function rfiAnswers(raw: unknown): RfiAnswer[] {
	const body = validateBody(raw, {
		additionalProperties: false,
		fields: {
			documents: {
				type: 'array',
				required: true,
				items: { type: 'object', additionalProperties: false, fields: { id: { type: 'string', required: true }, rfi_doc_id: { type: 'string', required: true } } },
			},
		},
	});
	return body.documents as RfiAnswer[];
}

/** Whether the answers are some, and each answers one of the requirements asked. */
export function answersFit(answers: readonly RfiAnswer[], wanted: ReadonlyArray<{ rfi_doc_id?: unknown }>): boolean {
	return answers.length > 0 && answers.every((a) => wanted.some((w) => w.rfi_doc_id === a.rfi_doc_id));
}
