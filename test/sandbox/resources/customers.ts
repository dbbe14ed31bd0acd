import { badRequest } from '../core/errors';
import { ApiRequest, ApiResult, createHandler, getHandler, listHandler, loadRecord, ResourceModule, V1 } from '../core/resource';
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

/** SWIFT/BIC: 8 or 11 characters, the first 6 letters. */
const SWIFT = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** A customer's bank account as the supplement's (inferred) CustomerBankAccount shapes it. */
function presentBankAccount(r: StoredRecord): Record<string, unknown> {
	const { customer_id: _owner, ...shown } = r;
	return shown;
}

/**
 * The payer's bank account for TPV (`POST /customer/{id}/bank-accounts`, supplement, inferred):
 * account_number plus at least one of bic_primary (SWIFT) / bic_secondary (a local code such as an
 * IFSC), else 400 `Validation failed: Bic primary or bic secondary must be present` (our wording).
 * A customer has one active account (glomo-domain.md §8.11): the new one is `active` and the one
 * it replaces turns `inactive`. `bank_code` is the bank part of the code given (first 4
 * characters, lower-case, as the LRS examples write bank codes); the id prefix `cba_` is ours.
 */
function createBankAccount(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const customer = loadRecord(ctx, 'customer', req.params.id, 'Customer not found');
	const body = validateBody(req.body, {
		fields: {
			account_number: { type: 'string', required: true, pattern: /^[A-Za-z0-9]{4,34}$/ },
			bic_primary: { type: 'string', nullable: true, pattern: SWIFT },
			bic_secondary: { type: 'string', nullable: true, pattern: /^[A-Za-z0-9]{4,20}$/ },
			bank_customer_id: { type: 'string', nullable: true },
		},
	});
	const code = (body.bic_primary ?? body.bic_secondary) as string | null | undefined;
	if (!code) validationError('Bic primary or bic secondary must be present');
	const accounts = ctx.store.collection('customer_bank_account');
	for (const old of accounts.lookup('customer_id', (r) => String(r.customer_id), customer.id)) {
		if (old.status === 'active') accounts.update(old.id, { status: 'inactive' });
	}
	const account = accounts.insert({
		customer_id: customer.id,
		account_number: body.account_number,
		bic_primary: body.bic_primary ?? null,
		bic_secondary: body.bic_secondary ?? null,
		bank_code: code.slice(0, 4).toLowerCase(),
		bank_customer_id: body.bank_customer_id ?? null,
		status: 'active',
	});
	return { status: 201, body: presentBankAccount(account) };
}

/** `GET /customer/{id}/bank-accounts`: every account the customer has had, newest first, as a bare array. */
function listBankAccounts(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const customer = loadRecord(ctx, 'customer', req.params.id, 'Customer not found');
	const owned = ctx.store
		.collection('customer_bank_account')
		.byCreation()
		.filter(({ row }) => row.customer_id === customer.id)
		.map(({ row }) => presentBankAccount(row));
	return { status: 200, body: owned.reverse() };
}

/**
 * Customers: create (validation per the domain notes), list (customer_type, email_address, tax_identification_number),
 * get by id, and PATCH of email / phone only. Unique per merchant on email + country, case-insensitive.
 */
export const customersModule: ResourceModule = {
	name: 'customer',
	kinds: [
		{ kind: 'customer', prefix: 'cust_', aliases: ['customers'] },
		{ kind: 'customer_bank_account', prefix: 'cba_', aliases: ['customer_bank_accounts'] },
	],
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
		{ method: 'POST', path: `${V1}/customer/:id/bank-accounts`, handler: createBankAccount },
		{ method: 'GET', path: `${V1}/customer/:id/bank-accounts`, handler: listBankAccounts },
	],
};
