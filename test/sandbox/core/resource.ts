import type { AccountSettings } from '../types';
import { KeyInfo, KeyStore } from './auth';
import { BalanceBook } from './balances';
import { MonotonicClock } from './clock';
import { badRequest, notFound } from './errors';
import { assertFreshRequest, IdempotencyRule } from './idempotency';
import { listOrdered, ListOptions } from './list';
import { Prng } from './prng';
import { IdFactory, KindSpec, Store, StoredRecord } from './store';
import { BodySchema, validateBody } from './validate';
import { WebhookDispatcher } from './webhooks';

/** Everything one sandbox instance owns; handed to every handler (no module-level mutable state). */
export interface SandboxContext {
	merchantId: string;
	/** the account's capabilities (payout queueing, maker-checker, beneficiary review) */
	account: AccountSettings;
	clock: MonotonicClock;
	ids: IdFactory;
	store: Store;
	keys: KeyStore;
	balances: BalanceBook;
	webhooks: WebhookDispatcher;
	/** Seeded stream for resource-level randomness (e.g. generated references). */
	prng: Prng;
}

export interface ApiRequest {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body (undefined when empty). */
	body: unknown;
	rawBody: string;
	/** the body exactly as received (a multipart upload's file bytes are not UTF-8) */
	rawBytes: Buffer;
	/** The key that authenticated the call (absent only on routes with `auth: false`). */
	key?: KeyInfo;
	/** Raw Authorization token of the call, when authenticated. */
	token?: string;
}

export interface ApiResult {
	status: number;
	body?: unknown;
	/** extra response headers (e.g. Retry-After on a 429) */
	headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest, ctx: SandboxContext) => ApiResult | Promise<ApiResult>;

export interface RouteDef {
	method: string;
	/** Full path pattern, e.g. `/api/v1/customer/:id`. */
	path: string;
	handler: Handler;
	/** Default true. */
	auth?: boolean;
}

/**
 * One resource = one module: the collections it owns and its routes.
 * Register new modules in resources/index.ts.
 */
export interface ResourceModule {
	name: string;
	kinds?: KindSpec[];
	routes: RouteDef[];
}

export const V1 = '/api/v1';
export const V2 = '/api/v2';

/** Deep copy used for responses and webhook snapshots, so later changes do not leak into them. */
export function snapshot<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** 400 `Id must start with '<prefix>'` for a path id with the wrong prefix. */
export function requireIdPrefix(id: string, prefix: string): void {
	if (!id.startsWith(prefix)) throw badRequest(`Id must start with '${prefix}'`);
}

/** Load a record by path id: wrong prefix → 400, unknown → 404 `{error: "Not Found", message}`. */
export function loadRecord(ctx: SandboxContext, kind: string, id: string, notFoundMessage: string): StoredRecord {
	const col = ctx.store.collection(kind);
	requireIdPrefix(id, col.prefix);
	const rec = col.get(id);
	if (!rec) throw notFound(notFoundMessage);
	return rec;
}

/** Announce a state change to the webhook targets (never blocks the API response). */
export function announce(ctx: SandboxContext, entityType: string, eventType: string, record: StoredRecord, present?: (r: StoredRecord) => unknown): void {
	const data = snapshot(present ? present(record) : record) as object;
	ctx.webhooks.fire(entityType, eventType, data);
}

// ---------------------------------------------------------------------------------------------
// Generic handler factories
// ---------------------------------------------------------------------------------------------

export interface GetSpec {
	kind: string;
	notFound: string;
	present?: (r: StoredRecord, ctx: SandboxContext) => unknown;
	param?: string;
}

/** `GET …/{id}` for a collection. */
export function getHandler(spec: GetSpec): Handler {
	return (req, ctx) => {
		const rec = loadRecord(ctx, spec.kind, req.params[spec.param ?? 'id'], spec.notFound);
		return { status: 200, body: spec.present ? spec.present(rec, ctx) : rec };
	};
}

export interface ListSpec extends Omit<ListOptions, 'present'> {
	kind: string;
	present?: (r: StoredRecord, ctx: SandboxContext) => unknown;
}

/** `GET …` list for a collection, using the shared paging/filter implementation. */
export function listHandler(spec: ListSpec): Handler {
	return (req, ctx) => {
		const present = spec.present;
		const page = listOrdered(ctx.store.collection(spec.kind).byCreation(), req.query, {
			filters: spec.filters,
			where: spec.where,
			present: present ? (r) => present(r, ctx) : undefined,
		});
		return { status: 200, body: page };
	};
}

export interface CreateSpec {
	kind: string;
	schema: BodySchema;
	/** Cross-field request checks after the schema (throw ApiError); runs before the request_id check. */
	check?: (body: Record<string, unknown>, ctx: SandboxContext) => void;
	/** request_id behaviour for this resource (status + message on reuse). */
	idempotency?: IdempotencyRule;
	/**
	 * Business checks and the new record's fields (without id/timestamps). Runs after schema validation and
	 * the idempotency check; throw ApiError to refuse. Must not have side effects before its last check.
	 */
	build: (body: Record<string, unknown>, ctx: SandboxContext, req: ApiRequest) => Record<string, unknown>;
	/** Side effects once the record is stored (balance moves etc.). */
	afterInsert?: (record: StoredRecord, ctx: SandboxContext, body: Record<string, unknown>) => void;
	/** Webhook for the creation: `[entity_type, event_type]`, or null for none. */
	event?: (record: StoredRecord) => [string, string] | null;
	status?: number | ((record: StoredRecord) => number);
	present?: (r: StoredRecord, ctx: SandboxContext) => unknown;
}

/** `POST …` creating a record: validate → request_id check → build → store → webhook → 201. */
export function createHandler(spec: CreateSpec): Handler {
	return (req, ctx) => {
		const body = validateBody(req.body, spec.schema);
		spec.check?.(body, ctx);
		const col = ctx.store.collection(spec.kind);
		if (spec.idempotency) assertFreshRequest(col, body, spec.idempotency);
		const fields = spec.build(body, ctx, req);
		const record = col.insert(fields);
		spec.afterInsert?.(record, ctx, body);
		const presented = spec.present ? spec.present(record, ctx) : record;
		const ev = spec.event?.(record);
		if (ev) ctx.webhooks.fire(ev[0], ev[1], snapshot(presented) as object);
		const status = typeof spec.status === 'function' ? spec.status(record) : (spec.status ?? 201);
		return { status, body: presented };
	};
}
