/**
 * The reference spec as one API: Glomo's published OpenAPI file with the supplement applied (its
 * extra paths added; where an operation says `x-overrides-published`, its shape replaces the
 * published one), and a JSON-schema validator (ajv, draft 2020-12 as OpenAPI 3.1 uses) for the
 * request and response bodies of each operation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

/** copies of the project's reference specs, kept in the repository so a fresh clone can run the test */
const REFERENCE = join(__dirname, 'reference');

type Json = Record<string, unknown>;

interface Operation {
	operationId: string;
	method: string;
	template: string;
	source: 'published' | 'supplement';
	confidence?: string;
	requestBody?: Json;
	responses: Record<string, Json>;
	/** the operation's parameters, `$ref`s resolved against its own file */
	parameters: Json[];
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

function readSpec(file: string): Json {
	return JSON.parse(readFileSync(join(REFERENCE, file), 'utf8')) as Json;
}

export function referenceDirectory(): string {
	return REFERENCE;
}

/** Every operation of the two files, the supplement's shape preferred where it says it overrides. */
function operations(published: Json, supplement: Json): Operation[] {
	const byKey = new Map<string, Operation>();
	for (const [source, spec] of [['published', published], ['supplement', supplement]] as const) {
		for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
			for (const method of METHODS) {
				const op = item[method] as Json | undefined;
				if (!op) continue;
				const key = `${method.toUpperCase()} ${template}`;
				const overrides = op['x-overrides-published'] !== undefined && op['x-overrides-published'] !== false;
				if (source === 'supplement' && byKey.has(key) && !overrides) continue;
				const components = (spec.components ?? {}) as { parameters?: Record<string, Json> };
				const parameters = [...((item.parameters ?? []) as Json[]), ...((op.parameters ?? []) as Json[])].map((param) => {
					const ref = param.$ref as string | undefined;
					return ref ? (components.parameters?.[ref.replace('#/components/parameters/', '')] ?? param) : param;
				});
				byKey.set(key, {
					operationId: String(op.operationId),
					method: method.toUpperCase(),
					template,
					source,
					confidence: op['x-confidence'] as string | undefined,
					requestBody: op.requestBody as Json | undefined,
					responses: (op.responses ?? {}) as Record<string, Json>,
					parameters,
				});
			}
		}
	}
	return [...byKey.values()];
}

export interface Finding {
	operationId: string;
	/** what does not conform: the request or the response (status) */
	part: string;
	errors: string[];
}

export class ReferenceApi {
	private readonly ops: Operation[];
	private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
	private readonly compiled = new Map<object, ValidateFunction>();
	private readonly roots: Record<Operation['source'], Json>;

	constructor() {
		const published = readSpec('glomo-openapi.json');
		const supplement = readSpec('glomo-openapi-supplement.json');
		this.roots = { published, supplement };
		this.ops = operations(published, supplement);
	}

	/** The operation a request went to: `/api/v1/payouts/payout_x` is `/payouts/{id}`; a static segment beats a parameter. */
	find(method: string, path: string): Operation | undefined {
		const relative = path.replace(/^\/api\/v1(?=\/)/, '').replace(/^\/api(?=\/v2\/)/, '');
		const candidates = this.ops.filter((op) => {
			if (op.method !== method.toUpperCase()) return false;
			const pattern = op.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
			return new RegExp(`^${pattern}$`).test(relative);
		});
		return candidates.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0))[0];
	}

	private validator(op: Operation, schema: Json): ValidateFunction {
		let validate = this.compiled.get(schema);
		if (!validate) {
			// local $refs (#/components/...) resolve against the file the operation came from
			const root = this.roots[op.source];
			validate = this.ajv.compile({ ...schema, components: root.components });
			this.compiled.set(schema, validate);
		}
		return validate;
	}

	private check(op: Operation, part: string, schema: Json | undefined, value: unknown): Finding | undefined {
		if (!schema) return undefined;
		const validate = this.validator(op, schema);
		if (validate(value)) return undefined;
		const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
		return { operationId: op.operationId, part, errors };
	}

	/** The request body against the operation's JSON (or multipart) schema. */
	checkRequest(op: Operation, body: unknown, contentType: string | undefined): Finding | undefined {
		const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Json }>;
		const type = (contentType ?? '').startsWith('multipart/form-data') ? 'multipart/form-data' : 'application/json';
		if (body === undefined) {
			return op.requestBody?.required === true ? { operationId: op.operationId, part: 'request', errors: ['no body, but one is required'] } : undefined;
		}
		const schema = content[type]?.schema;
		if (!schema) return { operationId: op.operationId, part: 'request', errors: [`the reference has no ${type} body for it`] };
		return this.check(op, 'request', schema, body);
	}

	/** A schema with its local `$ref` followed, and every branch of its allOf / anyOf / oneOf. */
	private branches(op: Operation, schema: Json): Json[] {
		let resolved = schema;
		for (let hops = 0; typeof resolved.$ref === 'string' && hops < 20; hops++) {
			const path = (resolved.$ref as string).replace(/^#\//, '').split('/');
			resolved = path.reduce<Json>((node, key) => (node?.[key] ?? {}) as Json, this.roots[op.source]);
		}
		const nested = ['allOf', 'anyOf', 'oneOf'].flatMap((key) => ((resolved[key] ?? []) as Json[]).flatMap((branch) => this.branches(op, branch)));
		return [resolved, ...nested];
	}

	private undeclared(op: Operation, schema: Json, value: unknown, at: string, errors: string[]): void {
		const branches = this.branches(op, schema);
		if (Array.isArray(value)) {
			const items = branches.find((b) => b.items && typeof b.items === 'object')?.items as Json | undefined;
			if (items) value.forEach((entry, index) => this.undeclared(op, items, entry, `${at}/${index}`, errors));
			return;
		}
		if (!value || typeof value !== 'object') return;
		const properties = new Map<string, Json>();
		let open = false;
		for (const branch of branches) {
			for (const [name, sub] of Object.entries((branch.properties ?? {}) as Record<string, Json>)) if (!properties.has(name)) properties.set(name, sub);
			if (branch.additionalProperties !== undefined && branch.additionalProperties !== false) open = true;
		}
		// a schema that names no property at all (a free-form object) is not checked key by key
		if (properties.size === 0) return;
		for (const [name, entry] of Object.entries(value as Json)) {
			const sub = properties.get(name);
			if (sub) this.undeclared(op, sub, entry, `${at}/${name}`, errors);
			else if (!open) errors.push(`${at}/${name} is not a property the reference declares`);
		}
	}

	/**
	 * Stricter than the schema where it leaves objects open: every key of the request body (nested
	 * too) must be a property the reference declares, through $refs and allOf / anyOf / oneOf.
	 */
	checkRequestKeys(op: Operation, body: unknown, contentType: string | undefined): Finding | undefined {
		const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Json }>;
		const type = (contentType ?? '').startsWith('multipart/form-data') ? 'multipart/form-data' : 'application/json';
		const schema = content[type]?.schema;
		if (body === undefined || !schema) return undefined;
		const errors: string[] = [];
		this.undeclared(op, schema, body, '', errors);
		return errors.length ? { operationId: op.operationId, part: 'request', errors } : undefined;
	}

	/**
	 * The query string against the operation's query parameters: a parameter it does not declare, a
	 * required one missing, or a value its schema refuses (numbers and booleans read from the text).
	 */
	checkQuery(op: Operation, query: Record<string, string>): Finding | undefined {
		const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [String(p.name), p]));
		const errors: string[] = [];
		for (const [name, text] of Object.entries(query)) {
			const param = declared.get(name);
			if (!param) {
				errors.push(`query parameter ${name} is not documented`);
				continue;
			}
			const schema = (param.schema ?? {}) as Json;
			const type = schema.type;
			const value = (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : type === 'boolean' && /^(true|false)$/.test(text) ? text === 'true' : text;
			const finding = this.check(op, 'query', schema, value);
			if (finding) errors.push(...finding.errors.map((e) => `${name}: ${e}`));
		}
		for (const [name, param] of declared) if (param.required === true && !(name in query)) errors.push(`query parameter ${name} is required`);
		return errors.length ? { operationId: op.operationId, part: 'query', errors } : undefined;
	}

	/** The answer against the operation's schema for its status; an undocumented status is a finding. */
	checkResponse(op: Operation, status: number, body: unknown): Finding | undefined {
		const response = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
		if (!response) return { operationId: op.operationId, part: `response ${status}`, errors: [`status ${status} is not documented`] };
		const schema = (response.content as Record<string, { schema?: Json }> | undefined)?.['application/json']?.schema;
		return this.check(op, `response ${status}`, schema, body);
	}
}
