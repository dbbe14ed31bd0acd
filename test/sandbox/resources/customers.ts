import { badRequest } from '../core/errors';
import { createHandler, getHandler, listHandler, loadRecord, ResourceModule, V1 } from '../core/resource';
import { SandboxContext } from '../core/resource';
import { StoredRecord } from '../core/store';
import { FieldRule, validateBody, validationError } from '../core/validate';
import { ISO_ALPHA3 } from '../data/reference';

export const CUSTOMER_TYPES = ['individual', 'business'] as const;

const NAME_CHARS = /^[A-Za-z0-9 &.,'-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;
const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

/** libphonenumber-like sanity check: leading +country code, 8-15 digits, common separators only. */
function phoneProblem(v: unknown): string | undefined {
	const s = v as string;
	if (!/^\+[0-9][0-9 ()-]*$/.test(s)) return 'is invalid';
	const digits = s.replace(/\D/g, '').length;
	return digits >= 8 && digits <= 15 ? undefined : 'is invalid';
}

function alpha3Problem(v: unknown): string | undefined {
	return ISO_ALPHA3.has(v as string) ? undefined : 'must be a valid ISO 3166-1 alpha-3 code';
}

function dobProblem(v: unknown): string | undefined {
	const s = v as string;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return 'must be in YYYY-MM-DD format';
	const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	const d = new Date(t);
	if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
		return 'must be in YYYY-MM-DD format';
	}
	return t < Date.now() ? undefined : 'must be in the past';
}

const email: FieldRule = { type: 'string', pattern: EMAIL };
const phone: FieldRule = { type: 'string', check: phoneProblem };

const emailCountry = (emailValue: string, country: unknown) => `${emailValue.toLowerCase()} ${String(country).toUpperCase()}`;
const emailCountryKey = (c: StoredRecord) => (typeof c.email === 'string' ? emailCountry(c.email, c.country) : undefined);

function assertEmailFree(ctx: SandboxContext, emailValue: string, country: string, exceptId?: string): void {
	// through an index on (email, country), case-insensitive: no scan of every customer per create
	const clash = ctx.store
		.collection('customer')
		.lookup('email+country', emailCountryKey, emailCountry(emailValue, country))
		.some((c) => c.id !== exceptId);
	if (clash) validationError('Email has already been taken');
}

/**
 * Customers: create (validation per the domain notes), list (customer_type, email_address, tax_identification_number),
 * get by id, and PATCH of email / phone only. Unique per merchant on email + country, case-insensitive.
 */
export const customersModule: ResourceModule = {
	name: 'customer',
	kinds: [{ kind: 'customer', prefix: 'cust_', aliases: ['customers'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/customer`,
			handler: createHandler({
				kind: 'customer',
				schema: {
					fields: {
						name: { type: 'string', required: true, minLength: 2, maxLength: 128, pattern: NAME_CHARS },
						customer_type: { type: 'string', required: true, enum: CUSTOMER_TYPES },
						email: { ...email, required: true },
						phone: { ...phone, nullable: true },
						dob: { type: 'string', nullable: true, check: dobProblem },
						nationality: { type: 'string', nullable: true, check: alpha3Problem },
						tax_identification_number: { type: 'string', nullable: true },
						address: { type: 'string', required: true },
						city: { type: 'string', required: true },
						state: { type: 'string', required: true },
						country: { type: 'string', required: true, check: alpha3Problem },
						pincode: { type: 'string', required: true },
						metadata: { type: 'object', nullable: true },
					},
				},
				build: (body, ctx) => {
					assertEmailFree(ctx, body.email as string, body.country as string);
					const tin = body.tax_identification_number;
					return {
						name: body.name,
						customer_type: body.customer_type,
						email: body.email,
						phone: body.phone ?? null,
						dob: body.dob ?? null,
						nationality: body.nationality ?? null,
						// LRS customers only (CustomerCurrent types it a string, never null): others do not carry it
						...(typeof tin === 'string' ? { tax_identification_number: tin.trim().toUpperCase() } : {}),
						address: body.address,
						city: body.city,
						state: body.state,
						country: body.country,
						pincode: body.pincode,
						status: 'active',
						address_v2: {
							address_line1: body.address,
							address_line2: null,
							city: body.city,
							administrative_area: body.state,
							postal_code: body.pincode,
							country_code: body.country,
						},
						metadata: body.metadata ?? {},
						user_id: null,
						deleted_at: null,
					};
				},
			}),
		},
		{
			method: 'GET',
			path: `${V1}/customer`,
			handler: listHandler({
				kind: 'customer',
				filters: [
					{ param: 'customer_type', enum: CUSTOMER_TYPES },
					{ param: 'email_address', field: 'email', match: 'ci', normalize: (v) => v.trim() },
					{
						param: 'tax_identification_number',
						normalize: (v) => v.trim().toUpperCase(),
						validate: (v) => (PAN.test(v) ? undefined : 'tax_identification_number is not a valid PAN'),
					},
				],
			}),
		},
		{
			method: 'GET',
			path: `${V1}/customer/:id`,
			handler: getHandler({ kind: 'customer', notFound: 'Customer not found' }),
		},
		{
			method: 'PATCH',
			path: `${V1}/customer/:id`,
			handler: (req, ctx) => {
				const rec: StoredRecord = loadRecord(ctx, 'customer', req.params.id, 'Customer not found');
				const body = validateBody(req.body, {
					additionalProperties: false,
					unknownKeysMessage: (keys) =>
						`Only email and phone can be updated; unpermitted parameter${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
					fields: { email, phone },
				});
				if (typeof body.email === 'string') assertEmailFree(ctx, body.email, String(rec.country), rec.id);
				const patch: Record<string, unknown> = {};
				if (body.email !== undefined) patch.email = body.email;
				if (body.phone !== undefined) patch.phone = body.phone;
				if (Object.keys(patch).length === 0) throw badRequest('Validation failed: Send email and/or phone to update');
				return { status: 200, body: ctx.store.collection('customer').update(rec.id, patch) };
			},
		},
	],
};
