import { badRequest, notFound, unprocessable } from '../core/errors';
import {
	announce,
	ApiRequest,
	createHandler,
	getHandler,
	listHandler,
	loadRecord,
	ResourceModule,
	SandboxContext,
	snapshot,
	V1,
	V2,
} from '../core/resource';
import { StoredRecord } from '../core/store';
import { isPlainObject, validateBody } from '../core/validate';
import { abaChecksumOk, BSB, IFSC, ibanOk, PAN, resolveBank, SORT_CODE, SWIFT, UPI_ID } from '../data/banks';
import { ISO_ALPHA3, isKnownCurrency } from '../data/reference';

/**
 * Beneficiaries, v2 (`/api/v2/beneficiaries`, the current API) and the legacy v1 routes
 * (`/api/v1/beneficiaries`, published spec), over ONE collection `beneficiary`: a beneficiary
 * created through either API is visible through both, each in its own shape. Records are stored in
 * the v2 (nested) form; `status` is top-level so payouts can refuse pending/rejected ones.
 *
 * The account's settings (`sandbox.setAccount`, `PUT /__sandbox/account`) decide two things:
 * with `beneficiaryReview` new v2 beneficiaries are created `pending` (else `active`), to be moved
 * by the mock-review route; `beneficiaryNotes` lists the notes keys the account requires on v2
 * beneficiaries (a missing one is a 422).
 */

export const BENEFICIARY_CATEGORIES = ['lrs', 'payout'] as const;
export const BENEFICIARY_TYPES = ['business', 'individual'] as const;
export const BENEFICIARY_STATUSES = ['pending', 'active', 'rejected'] as const;
/** IBAN-only accounts (neither swift_code nor local_routing_number) exist for these currencies. */
const IBAN_ONLY_CURRENCIES = ['EUR', 'AED'];
const ADDRESS_KEYS = ['address_line1', 'city', 'state', 'country_code', 'postal_code'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;
const UNRESOLVED =
	'Could not resolve bank details from the swift_code/local_routing_number provided. Send bank_account.name and bank_account.address, or correct the identifier.';

function reviewOn(ctx: SandboxContext): boolean {
	return ctx.account.beneficiaryReview;
}

function requiredNotes(ctx: SandboxContext): string[] {
	return ctx.account.beneficiaryNotes;
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const humanize = (key: string) => key.replace(/_/g, ' ');

function phoneOk(value: string): boolean {
	if (!/^\+[0-9][0-9 ()-]*$/.test(value)) return false;
	const digits = value.replace(/\D/g, '').length;
	return digits >= 8 && digits <= 15;
}

/** Checks an address object; pushes "<label> <key> can't be blank"-style problems. */
function checkAddress(value: unknown, label: string, errors: string[]): Record<string, string> | undefined {
	if (!isPlainObject(value)) {
		errors.push(`${label} is required`);
		return undefined;
	}
	const out: Record<string, string> = {};
	for (const key of [...ADDRESS_KEYS, 'address_line2'] as const) {
		const given = value[key];
		if (given !== undefined && given !== null && typeof given !== 'string') {
			errors.push(`${label} ${humanize(key)} must be a string`);
			continue;
		}
		const clean = text(given);
		if (clean === undefined) {
			if (key !== 'address_line2') errors.push(`${label} ${humanize(key)} can't be blank`);
			continue;
		}
		if (key === 'country_code' && !ISO_ALPHA3.has(clean)) {
			errors.push(`${label} country code must be a valid ISO 3166-1 alpha-3 code`);
			continue;
		}
		out[key] = clean;
	}
	return out;
}

function checkSwift(value: string, lrs: boolean, label: string, errors: string[]): void {
	if (lrs && value.length !== 8) errors.push(`${label} must be 8 characters long`);
	else if (value.length < 8 || value.length > 11) errors.push(`${label} must be 8 to 11 characters long`);
	else if (!SWIFT.test(value)) errors.push(`${label} is invalid`);
}

/** The format a local routing number must have, by the account's currency. */
function localRoutingProblem(value: string, currency: string): string | undefined {
	switch (currency) {
		case 'INR':
			return IFSC.test(value) ? undefined : 'is not a valid IFSC';
		case 'GBP':
			return SORT_CODE.test(value) ? undefined : 'is not a valid sort code';
		case 'USD':
			return abaChecksumOk(value) ? undefined : 'is not a valid ABA routing number';
		case 'AUD':
			return BSB.test(value) ? undefined : 'is not a valid BSB';
		default:
			return /^[A-Za-z0-9]{3,35}$/.test(value) ? undefined : 'is invalid';
	}
}

function checkNotes(value: unknown, country: string | undefined, errors: string[]): Record<string, string | null> | null {
	if (value === undefined || value === null) return null;
	if (!isPlainObject(value)) {
		errors.push('Notes must be an object');
		return null;
	}
	const out: Record<string, string | null> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== null && typeof entry !== 'string') {
			errors.push(`Notes ${key} must be a string`);
			continue;
		}
		// Indian beneficiaries: PAN-format check on the tax-number notes
		if (country === 'IND' && (key === 'pan' || key === 'tax_identification_number') && typeof entry === 'string' && !PAN.test(entry.trim().toUpperCase())) {
			errors.push(`Notes ${key} is not a valid PAN`);
			continue;
		}
		out[key] = entry;
	}
	return out;
}

/** How a beneficiary is paid, for the duplicate rule (same account number, type and transfer method). */
function duplicateKey(record: StoredRecord): string | undefined {
	if (record.status === 'rejected') return undefined;
	const upi = record.upi_account as { upi_id?: unknown } | null | undefined;
	if (isPlainObject(upi) && typeof upi.upi_id === 'string') return `upi|${upi.upi_id.toLowerCase()}|${String(record.type)}`;
	const bank = record.bank_account as Record<string, unknown> | null | undefined;
	if (!isPlainObject(bank) || typeof bank.account_number !== 'string') return undefined;
	const method = bank.swift_code ? 'swift' : bank.local_routing_number ? 'local' : 'iban';
	return `${method}|${bank.account_number.replace(/\s+/g, '').toUpperCase()}|${String(record.type)}`;
}

function assertNoDuplicate(ctx: SandboxContext, candidate: Record<string, unknown>): void {
	const key = duplicateKey(candidate as StoredRecord);
	if (key === undefined) return;
	if (ctx.store.collection('beneficiary').lookup('duplicate-account', duplicateKey, key).length) {
		throw unprocessable('Validation failed: Business already had this Account Number, Account Type and Transfer Method');
	}
}

/** Validates a v2 create body (Glomo's wording, every problem at once) and returns the record's fields. */
function buildV2(input: unknown, ctx: SandboxContext): Record<string, unknown> {
	if (!isPlainObject(input)) throw badRequest('Request body must be a JSON object');
	const errors: string[] = [];

	const category = input.category;
	if (blank(category)) errors.push("Category can't be blank", 'Category must be one of: lrs, payout');
	else if (!BENEFICIARY_CATEGORIES.includes(category as never)) errors.push('Category must be one of: lrs, payout');
	const lrs = category === 'lrs';

	const party = input.beneficiary;
	const person: Record<string, unknown> = {};
	let home: Record<string, string> | undefined;
	if (!isPlainObject(party)) {
		errors.push("Beneficiary name can't be blank", 'Beneficiary address is required');
	} else {
		if (blank(party.name)) errors.push("Beneficiary name can't be blank");
		else if (typeof party.name !== 'string') errors.push('Beneficiary name must be a string');
		else person.name = party.name.trim();
		// the type defaults to business when it is left out (list page)
		const type = party.type ?? 'business';
		if (!BENEFICIARY_TYPES.includes(type as never)) errors.push('Beneficiary type must be one of: business, individual');
		else person.type = type;
		for (const key of ['email', 'phone', 'nickname'] as const) {
			const value = party[key];
			if (value === undefined || value === null) continue;
			if (typeof value !== 'string') errors.push(`Beneficiary ${key} must be a string`);
			else if (key === 'email' && !EMAIL.test(value.trim())) errors.push('Beneficiary email is invalid');
			else if (key === 'phone' && !phoneOk(value.trim())) errors.push('Beneficiary phone is invalid');
			else if (value.trim()) person[key] = value.trim();
		}
		home = checkAddress(party.address, 'Beneficiary address', errors);
		const documents = party.documents ?? [];
		if (!Array.isArray(documents) || !documents.every((doc) => typeof doc === 'string' && doc.startsWith('doc_'))) {
			errors.push("Beneficiary documents must be a list of document ids starting with 'doc_'");
		} else person.documents = documents;
	}

	const hasBank = input.bank_account !== undefined && input.bank_account !== null;
	const hasUpi = input.upi_account !== undefined && input.upi_account !== null;
	let bank: Record<string, unknown> | null = null;
	let upi: Record<string, string> | null = null;
	if (hasBank && hasUpi) errors.push('Send either bank_account or upi_account, not both');
	else if (!hasBank && !hasUpi) errors.push("Bank account can't be blank");
	else if (hasUpi) {
		const given = input.upi_account;
		const id = isPlainObject(given) ? text(given.upi_id) : undefined;
		if (!isPlainObject(given)) errors.push('Upi account must be an object');
		else if (id === undefined) errors.push("Upi account upi id can't be blank");
		else if (!UPI_ID.test(id)) errors.push('Upi account upi id is invalid');
		else if (lrs) errors.push('Upi account is not allowed for lrs beneficiaries');
		else upi = { upi_id: id };
	} else if (!isPlainObject(input.bank_account)) {
		errors.push('Bank account must be an object');
	} else {
		bank = checkBankAccount(input.bank_account, lrs, errors);
	}

	const notes = checkNotes(input.notes, home?.country_code, errors);
	if (errors.length) throw badRequest(errors.join(', '));

	if (bank && (!bank.name || !bank.address)) {
		const resolved = resolveBank(bank as never, home as never);
		if (!resolved) throw badRequest(UNRESOLVED);
		bank.name ??= resolved.name;
		bank.address ??= resolved.address;
	}

	const missing = requiredNotes(ctx).filter((key) => blank(notes?.[key]));
	if (missing.length) throw unprocessable(`Validation failed: ${missing.map((key) => `Notes ${key} is required`).join(', ')}`);

	const fields: Record<string, unknown> = {
		name: person.name,
		type: person.type,
		category,
		status: reviewOn(ctx) ? 'pending' : 'active',
		email: person.email ?? null,
		phone: person.phone ?? null,
		nickname: person.nickname ?? `${String(person.name)} - ${bank ? String(bank.name) : 'UPI'}`,
		address: home,
		bank_account: bank,
		upi_account: upi,
		documents: person.documents ?? [],
		notes,
	};
	assertNoDuplicate(ctx, fields);
	return fields;
}

function checkBankAccount(given: Record<string, unknown>, lrs: boolean, errors: string[]): Record<string, unknown> {
	const account: Record<string, unknown> = {};
	const number = text(given.account_number);
	if (number === undefined) errors.push("Bank account account number can't be blank");
	else account.account_number = number;
	const currency = text(given.currency);
	if (currency === undefined) errors.push("Bank account currency can't be blank");
	else if (!isKnownCurrency(currency)) errors.push('Bank account currency is not a supported currency');
	else account.currency = currency;

	const swift = text(given.swift_code);
	const local = text(given.local_routing_number);
	if (swift !== undefined) {
		checkSwift(swift, lrs, 'Swift code', errors);
		account.swift_code = swift;
	}
	if (local !== undefined) {
		const problem = currency ? localRoutingProblem(local, currency) : undefined;
		if (problem) errors.push(`Local routing number ${problem}`);
		account.local_routing_number = local;
	}
	if (lrs) {
		if (local === undefined) errors.push("Local routing number can't be blank");
		if (text(given.name) === undefined) errors.push("Bank account name can't be blank");
		if (given.address === undefined || given.address === null) errors.push("Bank account address can't be blank");
		const intermediate = isPlainObject(given.intermediate_bank) ? given.intermediate_bank : {};
		if (text(intermediate.swift_code) === undefined) errors.push("Intermediate bank swift code can't be blank");
	} else if (swift !== undefined && local !== undefined) {
		errors.push('Send only one of swift_code or local_routing_number');
	} else if (swift === undefined && local === undefined) {
		if (!currency || !IBAN_ONLY_CURRENCIES.includes(currency)) {
			errors.push('Either swift_code or local_routing_number is required (only EUR and AED IBAN accounts may send neither)');
		} else if (number !== undefined && !ibanOk(number)) {
			errors.push('Bank account account number is not a valid IBAN');
		}
	}

	const name = text(given.name);
	if (name !== undefined) account.name = name;
	if (given.address !== undefined && given.address !== null) {
		const address = checkAddress(given.address, 'Bank account address', errors);
		if (address) account.address = address;
	}
	account.intermediate_bank = null;
	if (given.intermediate_bank !== undefined && given.intermediate_bank !== null) {
		if (!isPlainObject(given.intermediate_bank)) {
			errors.push('Intermediate bank must be an object');
		} else {
			const inter: Record<string, string> = {};
			for (const key of ['name', 'country', 'swift_code', 'account_number'] as const) {
				const value = text(given.intermediate_bank[key]);
				if (value !== undefined) inter[key] = value;
			}
			if (inter.swift_code !== undefined) checkSwift(inter.swift_code, false, 'Intermediate bank swift code', errors);
			if (inter.country !== undefined && !ISO_ALPHA3.has(inter.country)) {
				errors.push('Intermediate bank country must be a valid ISO 3166-1 alpha-3 code');
			}
			account.intermediate_bank = inter;
		}
	}
	return account;
}

/** Keeps only the keys that have a value (the v1 shape and optional v2 strings are never null). */
function present(values: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null) out[key] = value;
	return out;
}

function presentAddress(value: unknown): unknown {
	if (!isPlainObject(value)) return undefined;
	return present({
		address_line1: value.address_line1,
		address_line2: value.address_line2,
		city: value.city,
		state: value.state,
		country_code: value.country_code,
		postal_code: value.postal_code,
	});
}

/** The v2 (BeneficiaryV2) shape. */
export function presentV2(r: StoredRecord): Record<string, unknown> {
	const bank = isPlainObject(r.bank_account) ? r.bank_account : null;
	const upi = isPlainObject(r.upi_account) ? r.upi_account : null;
	return {
		...present({
			id: r.id,
			name: r.name,
			type: r.type,
			category: r.category,
			status: r.status,
			email: r.email,
			phone: r.phone,
			nickname: r.nickname,
			address: presentAddress(r.address),
		}),
		bank_account: bank
			? {
					...present({
						account_number: bank.account_number,
						name: bank.name,
						swift_code: bank.swift_code,
						local_routing_number: bank.local_routing_number,
						currency: bank.currency,
						address: presentAddress(bank.address),
					}),
					intermediate_bank: isPlainObject(bank.intermediate_bank) ? present(bank.intermediate_bank) : null,
				}
			: null,
		upi_account: upi ? present({ upi_id: upi.upi_id }) : null,
		documents: Array.isArray(r.documents) ? r.documents : [],
		notes: isPlainObject(r.notes) ? r.notes : null,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

/** The legacy v1 (published spec `Beneficiary`) shape: flat, every value a string. */
export function presentV1(r: StoredRecord): Record<string, unknown> {
	const bank = isPlainObject(r.bank_account) ? r.bank_account : {};
	const address = isPlainObject(r.address) ? r.address : {};
	const inter = isPlainObject(bank.intermediate_bank) ? bank.intermediate_bank : {};
	return present({
		id: r.id,
		holder_name: r.name,
		account_number: bank.account_number,
		bank_name: bank.name,
		beneficiary_type: r.type,
		bic_primary: bank.swift_code,
		bic_secondary: bank.local_routing_number,
		email: r.email,
		address_line1: address.address_line1,
		address_line2: address.address_line2,
		city: address.city,
		state: address.state,
		country: address.country_code,
		pincode: address.postal_code,
		nickname: r.nickname,
		intermediate_bank_name: inter.name,
		intermediate_bank_country: inter.country,
		intermediate_bank_swift_code: inter.swift_code,
		created_at: r.created_at,
		updated_at: r.updated_at,
	});
}

const required = { type: 'string', required: true } as const;
const alpha3 = (value: unknown) => (ISO_ALPHA3.has(String(value).toUpperCase()) ? undefined : 'must be a valid ISO 3166-1 alpha-3 code');
const swiftRule = (value: unknown) => {
	const code = String(value).trim().toUpperCase();
	if (code.length < 8 || code.length > 11) return 'must be 8 to 11 characters long';
	return SWIFT.test(code) ? undefined : 'is invalid';
};

/** v1 create: every field of the published schema's required list, flat; stored in the v2 form. */
function buildV1(body: Record<string, unknown>, ctx: SandboxContext): Record<string, unknown> {
	const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : undefined);
	const country = (str('country') as string).toUpperCase();
	const home = {
		address_line1: str('address_line1') as string,
		address_line2: str('address_line2') || undefined,
		city: str('city') as string,
		state: str('state') as string,
		country_code: country,
		postal_code: str('pincode') as string,
	};
	const bank: Record<string, unknown> = {
		account_number: str('account_number'),
		name: str('bank_name'),
		swift_code: (str('bic_primary') as string).toUpperCase(),
		local_routing_number: str('bic_secondary'),
		// v1 has no account currency
		currency: null,
		intermediate_bank: null,
	};
	const resolved = resolveBank(bank as never, home);
	if (resolved) bank.address = resolved.address;
	const inter = present({
		name: str('intermediate_bank_name') || undefined,
		country: str('intermediate_bank_country')?.toUpperCase() || undefined,
		swift_code: str('intermediate_bank_swift_code')?.toUpperCase() || undefined,
	});
	if (Object.keys(inter).length) bank.intermediate_bank = inter;
	const fields: Record<string, unknown> = {
		name: str('holder_name'),
		type: body.beneficiary_type,
		category: 'payout',
		// v1 knows no review: its beneficiaries are usable at once (inferred)
		status: 'active',
		email: str('email'),
		phone: null,
		nickname: str('nickname'),
		address: home,
		bank_account: bank,
		upi_account: null,
		documents: [],
		notes: null,
	};
	assertNoDuplicate(ctx, fields);
	return fields;
}

function v1Country(record: StoredRecord, value: string): boolean {
	const address = record.address as { country_code?: unknown } | undefined;
	return typeof address?.country_code === 'string' && address.country_code.toUpperCase() === value.toUpperCase();
}

function mockReview(req: ApiRequest, ctx: SandboxContext) {
	// mock endpoints exist only in the sandbox: a production key finds nothing here
	if (req.key?.env === 'production') throw notFound('Not Found');
	const record = loadRecord(ctx, 'beneficiary', req.params.id, 'Beneficiary not found');
	const body = validateBody(req.body, {
		fields: { review_action: { type: 'string', required: true, enum: ['approve', 'reject'] } },
	});
	if (record.status !== 'pending') {
		throw unprocessable(`Beneficiary is not pending review (status: ${String(record.status)})`);
	}
	const status = body.review_action === 'approve' ? 'active' : 'rejected';
	const updated = ctx.store.collection('beneficiary').update(record.id, { status });
	announce(ctx, 'beneficiary', status, updated, (r) => presentV2(r));
	return { status: 200, body: presentV2(updated) };
}

export const beneficiariesModule: ResourceModule = {
	name: 'beneficiaries',
	kinds: [
		// the same declaration as payouts.ts (Store.define keeps the first one)
		{ kind: 'beneficiary', prefix: 'bene_', aliases: ['beneficiaries'] },
	],
	routes: [
		{
			method: 'POST',
			path: `${V2}/beneficiaries`,
			handler: (req, ctx) => {
				const fields = buildV2(req.body, ctx);
				const record = ctx.store.collection('beneficiary').insert(fields);
				if (record.status === 'active') announce(ctx, 'beneficiary', 'active', record, (r) => presentV2(r));
				return { status: 201, body: snapshot(presentV2(record)) };
			},
		},
		{
			method: 'GET',
			path: `${V2}/beneficiaries`,
			handler: listHandler({
				kind: 'beneficiary',
				filters: [{ param: 'status', enum: BENEFICIARY_STATUSES }],
				present: (r) => presentV2(r),
			}),
		},
		{
			method: 'GET',
			path: `${V2}/beneficiaries/:id`,
			handler: getHandler({ kind: 'beneficiary', notFound: 'Beneficiary not found', present: (r) => presentV2(r) }),
		},
		{ method: 'PATCH', path: `${V2}/beneficiaries/:id/mock-review`, handler: mockReview },
		{
			method: 'POST',
			path: `${V1}/beneficiaries`,
			handler: createHandler({
				kind: 'beneficiary',
				schema: {
					fields: {
						beneficiary_type: { ...required, enum: BENEFICIARY_TYPES },
						account_number: required,
						holder_name: required,
						bic_primary: { ...required, check: swiftRule },
						bic_secondary: required,
						bank_name: required,
						address_line1: required,
						address_line2: { type: 'string', nullable: true },
						email: { ...required, pattern: EMAIL },
						city: required,
						state: required,
						country: { ...required, check: alpha3 },
						pincode: required,
						nickname: required,
						intermediate_bank_name: { type: 'string', nullable: true },
						intermediate_bank_country: { type: 'string', nullable: true, check: alpha3 },
						intermediate_bank_swift_code: { type: 'string', nullable: true, check: swiftRule },
					},
				},
				build: (body, ctx) => buildV1(body, ctx),
				// the event carries the current (v2) shape, whichever API created the beneficiary
				afterInsert: (r, ctx) => announce(ctx, 'beneficiary', 'active', r, (rec) => presentV2(rec)),
				present: (r) => presentV1(r),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/beneficiaries`,
			handler: listHandler({
				kind: 'beneficiary',
				filters: [
					{ param: 'beneficiary_type', field: 'type', enum: BENEFICIARY_TYPES },
					{ param: 'country', test: v1Country },
				],
				present: (r) => presentV1(r),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/beneficiaries/:id`,
			handler: getHandler({ kind: 'beneficiary', notFound: 'Beneficiary not found', present: (r) => presentV1(r) }),
		},
	],
};
