import * as crypto from 'node:crypto';

import merchantCategories from '../../../nodes/Glomo/helpers/data/merchantCategories.json';
import { ApiError, badRequest, notFound } from '../core/errors';
import { announce, ApiRequest, ApiResult, ResourceModule, SandboxContext, snapshot, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { FieldRule, validateBody, validationError } from '../core/validate';
import { ISO_ALPHA3 } from '../data/reference';

/**
 * Platform merchants (glomo-domain.md §8.10): the child merchants a platform onboards. The sandbox's
 * own merchant (ctx.merchantId) is the platform; a merchant row belongs to it when its
 * `owner_merchant_id` is the platform's id (or absent, as rows internal-transfer tests insert).
 *
 * - `POST /platform/merchants` → 201 `{message: "Merchant created successfully!", data: <Merchant>}`,
 *   status `pending`, webhook `merchant.pending`. The child's secret key (`jwt_token`) is a JWT-shaped
 *   string this sandbox does not accept as a key. Webhooks carry the merchant as GET shows it (the
 *   published Merchant schema), key included: a receiver must mask it (the Glomo Trigger does).
 * - `GET /platform/merchants/{merchant_id}`: 400 `Invalid merchant ID format` for an id without
 *   `merch_`, 404 `Merchant with the specified ID was not found` for another platform's or none.
 * - `PATCH /platform/merchants/{merchant_id}` (supplement, inferred: no field documented): the
 *   descriptive fields of the create body; no webhook (the merchant events are statuses).
 * - `PATCH /platform/merchants/status-update` `{merchant_id, target_status}` (sandbox only: a
 *   production key gets 404 like every mock): `success`, `pending` or `failed`; a change fires the
 *   `merchant` webhook of the new status. An `offboarded` merchant does not change (400 `State
 *   change not allowed`, our wording). `action_required` and `offboarded` (webhook-only statuses,
 *   §7.5) are reached only by inserting a row (`sandbox.insert('merchant', …)`).
 *
 * Category and sub-category must be listed and must pair: the pairing is the one the node offers
 * (nodes/Glomo/helpers/data/merchantCategories.json, cut from the spec's enum), itself inferred.
 */

export const MERCHANT_STATUSES = ['pending', 'success', 'failed', 'action_required', 'offboarded'] as const;
/** What the status-update mock may set (supplement: success documented, pending/failed inferred). */
export const MOCK_TARGET_STATUSES = ['success', 'pending', 'failed'] as const;

const MERCHANT_NOT_FOUND = 'Merchant with the specified ID was not found';
const CATEGORIES = merchantCategories.map((entry) => entry.category);
const SUB_CATEGORIES = merchantCategories.flatMap((entry) => entry.subCategories);

function alpha3Problem(value: unknown): string | undefined {
	return ISO_ALPHA3.has(String(value).toUpperCase()) ? undefined : 'must be a valid ISO 3166-1 alpha-3 code';
}

function birthDateProblem(value: unknown): string | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
	if (!m) return 'must be in YYYY-MM-DD format';
	const at = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	if (new Date(at).getUTCDate() !== +m[3]) return 'must be in YYYY-MM-DD format';
	return at < Date.now() ? undefined : 'must be in the past';
}

const text = (required: boolean): FieldRule => ({ type: 'string', required, maxLength: 255 });
const countries: FieldRule = { type: 'array', required: true, items: { type: 'string', check: alpha3Problem }, check: (v) => ((v as unknown[]).length ? undefined : "can't be blank") };

/** The descriptive fields of a merchant, as the create body names them (and the update takes them). */
const DESCRIPTIVE_FIELDS: Record<string, FieldRule> = {
	name: text(true),
	address_line1: text(true),
	address_line2: { type: 'string', nullable: true, maxLength: 255 },
	city: text(true),
	state: text(true),
	pincode: text(true),
	registration_number: text(true),
	registration_country: { type: 'string', required: true, check: alpha3Problem },
	operation_countries: countries,
};

/** Every field of the create body: CreateMerchantRequest of the published spec. */
const CREATE_FIELDS: Record<string, FieldRule> = {
	...DESCRIPTIVE_FIELDS,
	entity_type: { type: 'string', required: true, enum: ['individual', 'business'] },
	category: { type: 'string', required: true, check: (v) => (CATEGORIES.includes(v as string) ? undefined : 'is not included in the list') },
	sub_category: {
		type: 'string',
		required: true,
		label: 'Sub category',
		check: (v) => (SUB_CATEGORIES.includes(v as string) ? undefined : 'is not included in the list'),
	},
	gender: { type: 'string', enum: ['male', 'female', 'undefined'] },
	date_of_birth: { type: 'string', check: birthDateProblem, label: 'Date of birth' },
};

/** The same fields, none required: what an update may change. */
const UPDATE_FIELDS: Record<string, FieldRule> = Object.fromEntries(
	Object.entries(DESCRIPTIVE_FIELDS).map(([key, rule]) => [key, { ...rule, required: false }]),
);

/** The Merchant of the published spec, the child's key included (GET, answers and webhooks alike). */
export function presentMerchant(r: StoredRecord): Record<string, unknown> {
	const address = (r.address ?? {}) as Record<string, unknown>;
	const shown: Record<string, unknown> = {
		owner_merchant_id: r.owner_merchant_id,
		merchant_id: r.id,
		status: r.status,
		name: r.name,
		category: r.category,
		entity_type: r.entity_type,
		sub_category: r.sub_category,
		gender: r.gender,
		date_of_birth: r.date_of_birth,
		registration_number: r.registration_number,
		registration_country: r.registration_country,
		address: {
			address_line1: address.address_line1,
			address_line2: address.address_line2 ?? '',
			city: address.city,
			state: address.state,
			pincode: address.pincode,
			country: address.country,
		},
		operation_countries: r.operation_countries ?? [],
		created_at: r.created_at,
		updated_at: r.updated_at,
		jwt_token: r.jwt_token,
		public_key: r.public_key,
	};
	// a key a business has no value for (gender, date of birth) is left out, not null
	return Object.fromEntries(Object.entries(shown).filter(([, value]) => value !== undefined && value !== null));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT-shaped secret key for the child (RS256 header, sub = the child): the sandbox does not accept it. */
function childSecretKey(merchantId: string, env: string): string {
	const header = base64url({ alg: 'RS256', typ: 'JWT' });
	const payload = base64url({ sub: merchantId, env, iat: Math.floor(Date.now() / 1000), jti: crypto.randomBytes(9).toString('hex') });
	return `${header}.${payload}.${crypto.randomBytes(64).toString('base64url')}`;
}

/** A merchant of this platform, by path or body id: wrong prefix → 400, another platform's or none → 404. */
export function loadMerchant(ctx: SandboxContext, id: string): StoredRecord {
	if (!/^merch_[A-Za-z0-9]+$/.test(id)) throw badRequest('Invalid merchant ID format');
	const merchant = ctx.store.collection('merchant').get(id);
	const owner = merchant?.owner_merchant_id;
	if (!merchant || (owner !== undefined && owner !== ctx.merchantId)) throw notFound(MERCHANT_NOT_FOUND);
	return merchant;
}

function onboard(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const body = validateBody(req.body, { fields: CREATE_FIELDS });
	const subCategories = merchantCategories.find((entry) => entry.category === body.category)?.subCategories ?? [];
	if (!subCategories.includes(body.sub_category as string)) validationError('Sub category does not belong to the category');
	if (body.entity_type === 'individual') {
		const missing = [body.gender === undefined ? "Gender can't be blank" : '', body.date_of_birth === undefined ? "Date of birth can't be blank" : ''];
		if (missing.some(Boolean)) validationError(...missing.filter(Boolean));
	}
	const individual = body.entity_type === 'individual';
	const env = req.key?.env ?? 'sandbox';
	const merchants = ctx.store.collection('merchant');
	const id = ctx.ids.make(merchants.prefix);
	const record = merchants.insert({
		id,
		owner_merchant_id: ctx.merchantId,
		status: 'pending',
		name: body.name,
		category: body.category,
		entity_type: body.entity_type,
		sub_category: body.sub_category,
		gender: individual ? body.gender : undefined,
		date_of_birth: individual ? body.date_of_birth : undefined,
		registration_number: body.registration_number,
		registration_country: (body.registration_country as string).toUpperCase(),
		address: {
			address_line1: body.address_line1,
			address_line2: body.address_line2 ?? '',
			city: body.city,
			state: body.state,
			pincode: body.pincode,
			country: (body.registration_country as string).toUpperCase(),
		},
		operation_countries: (body.operation_countries as string[]).map((code) => code.toUpperCase()),
		jwt_token: childSecretKey(id, env),
		public_key: `${env === 'production' ? 'live' : 'test'}_${ctx.prng.alnum(16)}`,
	});
	announce(ctx, 'merchant', 'pending', record, (r) => presentMerchant(r));
	return { status: 201, body: { message: 'Merchant created successfully!', data: snapshot(presentMerchant(record)) } };
}

function update(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const merchant = loadMerchant(ctx, req.params.merchant_id);
	const body = validateBody(req.body, { fields: UPDATE_FIELDS });
	if (!Object.keys(body).length) throw badRequest('Invalid request data');
	const address = { ...((merchant.address ?? {}) as Record<string, unknown>) };
	const patch: Record<string, unknown> = {};
	for (const key of ['address_line1', 'address_line2', 'city', 'state', 'pincode']) {
		if (body[key] !== undefined) address[key] = body[key] ?? '';
	}
	if (body.registration_country !== undefined) {
		patch.registration_country = (body.registration_country as string).toUpperCase();
		address.country = patch.registration_country;
	}
	for (const key of ['name', 'registration_number']) if (body[key] !== undefined) patch[key] = body[key];
	if (body.operation_countries !== undefined) patch.operation_countries = (body.operation_countries as string[]).map((code) => code.toUpperCase());
	const updated = ctx.store.collection('merchant').update(merchant.id, { ...patch, address });
	return { status: 200, body: snapshot(presentMerchant(updated)) };
}

function mockStatusUpdate(req: ApiRequest, ctx: SandboxContext): ApiResult {
	// mock endpoints exist only in the sandbox: a production key finds nothing here
	if (req.key?.env === 'production') throw notFound('Not Found');
	const body = validateBody(req.body, {
		fields: {
			merchant_id: { type: 'string', required: true },
			target_status: { type: 'string', required: true, enum: MOCK_TARGET_STATUSES },
		},
	});
	const merchant = loadMerchant(ctx, body.merchant_id as string);
	if (merchant.status === 'offboarded') throw new ApiError(400, 'State change not allowed');
	if (merchant.status === body.target_status) return { status: 200, body: snapshot(presentMerchant(merchant)) };
	const updated = ctx.store.collection('merchant').update(merchant.id, { status: body.target_status });
	announce(ctx, 'merchant', String(body.target_status), updated, (r) => presentMerchant(r));
	return { status: 200, body: snapshot(presentMerchant(updated)) };
}

export const merchantsModule: ResourceModule = {
	name: 'platform-merchants',
	kinds: [{ kind: 'merchant', prefix: 'merch_', aliases: ['merchants'] }],
	routes: [
		{ method: 'POST', path: `${V1}/platform/merchants`, handler: onboard },
		{ method: 'PATCH', path: `${V1}/platform/merchants/status-update`, handler: mockStatusUpdate },
		{
			method: 'GET',
			path: `${V1}/platform/merchants/:merchant_id`,
			handler: (req, ctx) => ({ status: 200, body: snapshot(presentMerchant(loadMerchant(ctx, req.params.merchant_id))) }),
		},
		{ method: 'PATCH', path: `${V1}/platform/merchants/:merchant_id`, handler: update },
	],
};
