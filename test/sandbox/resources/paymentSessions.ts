import * as crypto from 'node:crypto';

import { ApiError, notFound } from '../core/errors';
import { ApiRequest, ApiResult, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { FieldRule, validateBody, validationError } from '../core/validate';
import { ISO_ALPHA3 } from '../data/reference';

/** A session token lives this long (the docs call it short-lived; the length is our choice). */
export const SESSION_TTL_MS = 15 * 60_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;
const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

function phoneProblem(v: unknown): string | undefined {
	const s = v as string;
	const digits = s.replace(/\D/g, '').length;
	return /^\+[0-9][0-9 ()-]*$/.test(s) && digits >= 8 && digits <= 15 ? undefined : 'is invalid';
}

function dobProblem(v: unknown): string | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v as string);
	if (!m) return 'must be in YYYY-MM-DD format';
	const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	const d = new Date(t);
	if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return 'must be in YYYY-MM-DD format';
	return t < Date.now() ? undefined : 'must be in the past';
}

const KYC: FieldRule = {
	type: 'object',
	additionalProperties: false,
	label: 'Kyc',
	fields: {
		pan: { type: 'string', pattern: PAN, label: 'Kyc pan' },
		phone: { type: 'string', check: phoneProblem, label: 'Kyc phone' },
		country: { type: 'string', check: (v) => (ISO_ALPHA3.has(v as string) ? undefined : 'must be a valid ISO 3166-1 alpha-3 code'), label: 'Kyc country' },
		dob: { type: 'string', check: dobProblem, label: 'Kyc dob' },
	},
};

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT-shaped token for the Web SDK: HS256 over the session's claims, keyed per merchant (the sandbox's own scheme). */
function sessionToken(ctx: SandboxContext, claims: Record<string, unknown>): string {
	const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
	const signature = crypto.createHmac('sha256', `payment-session:${ctx.merchantId}`).update(unsigned).digest();
	return `${unsigned}.${base64url(signature)}`;
}

/**
 * `POST /payment-sessions` (supplement, inferred): `customer_id` (an existing customer) or `email`,
 * never both; `kyc` prefill only with one of them, and its `phone` only with its `country` (each a
 * 400, our wording). A business without payment sessions gets 403 (account setting
 * `paymentSessionsDisabled`). 201 with the session's id, its short-lived JWT for Glomo's Web SDK and
 * when it expires: no URL (none is documented).
 */
function createSession(req: ApiRequest, ctx: SandboxContext): ApiResult {
	if (ctx.account.paymentSessionsDisabled) throw new ApiError(403, 'Payment sessions are not enabled for this business');
	const body = validateBody(req.body, {
		fields: {
			session_type: { type: 'string', nullable: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ },
			customer_id: { type: 'string' },
			email: { type: 'string', pattern: EMAIL },
			kyc: KYC,
		},
	});
	const kyc = body.kyc as Record<string, unknown> | undefined;
	const prefilled = kyc !== undefined && Object.keys(kyc).length > 0;
	if (body.customer_id !== undefined && body.email !== undefined) validationError('Send either customer_id or email, not both');
	if (prefilled && body.customer_id === undefined && body.email === undefined) validationError('Kyc can only be prefilled for a customer_id or an email');
	if (kyc?.phone !== undefined && kyc.country === undefined) validationError('Kyc country is required with kyc phone');
	if (body.customer_id !== undefined && !ctx.store.collection('customer').get(String(body.customer_id))) throw notFound('Customer not found');

	const id = ctx.ids.make('psess_');
	const issuedMs = ctx.clock.tick();
	const expiresAt = new Date(issuedMs + SESSION_TTL_MS).toISOString();
	const token = sessionToken(ctx, {
		sub: ctx.merchantId,
		sid: id,
		...(body.session_type ? { session_type: body.session_type } : {}),
		iat: Math.floor(issuedMs / 1000),
		exp: Math.floor((issuedMs + SESSION_TTL_MS) / 1000),
	});
	ctx.store.collection('payment_session').insert({
		id,
		session_type: body.session_type ?? null,
		customer_id: body.customer_id ?? null,
		email: body.email ?? null,
		kyc: prefilled ? kyc : null,
		token,
		expires_at: expiresAt,
	});
	return { status: 201, body: { id, token, expires_at: expiresAt } };
}

/** Payment sessions: create only (no list or lookup is documented). */
export const paymentSessionsModule: ResourceModule = {
	name: 'paymentSessions',
	kinds: [{ kind: 'payment_session', prefix: 'psess_', aliases: ['payment_sessions'] }],
	routes: [{ method: 'POST', path: `${V1}/payment-sessions`, handler: createSession }],
};
