import { ApiError, badRequest, notFound } from '../core/errors';
import { announce, ApiRequest, ApiResult, listHandler, ResourceModule, SandboxContext, V1, V2 } from '../core/resource';
import { StoredRecord } from '../core/store';

/**
 * Virtual accounts (glomo-domain.md §8.8; supplement: createVirtualAccountV2, getVirtualAccounts,
 * closeVirtualAccount).
 *
 * - `POST /v2/virtual-accounts {payment_type, currency}` → 202 `{message, data: {merchant_id,
 *   status: "pending"}}`. Glomo opens the account in the background: here the request stays
 *   `pending` until the next request to a virtual-account route (the "short simulated step"), which
 *   first opens every pending one (`active`, account details filled in, webhook
 *   `virtual_account.active`). A pending account is not listed (the listing's statuses are
 *   active / inactive / disabled).
 * - One account per payment type and currency: while one is pending, active or disabled, another
 *   create is 409 `{"error": "Duplicate record", "message": "Virtual Account already exists"}`.
 *   A closed (`inactive`) one frees its place.
 * - `GET /virtual-accounts?currency=` newest first (VirtualAccountCurrent: no payment type shown).
 * - `DELETE /virtual-accounts?payment_type=&currency=` closes every active account of that type and
 *   currency (`inactive`, webhook `virtual_account.inactive`), 200 `{message}`; none → 404 `Virtual
 *   account not found` (our wording: the reference documents only the 200).
 * - Missing parameters → 400 `Missing Required parameters`; `disabled` (Glomo's own doing) is
 *   reached only by inserting a row (`sandbox.insert('virtual_account', {... status: 'disabled'})`).
 */

/** Currencies the current account shape describes (account number: AED, AUD, GBP, USD; IBAN: EUR). */
export const VIRTUAL_ACCOUNT_CURRENCIES = ['AED', 'AUD', 'EUR', 'GBP', 'USD'] as const;
export const PAYMENT_TYPES = ['local', 'swift'] as const;
/** Statuses that hold the place of their payment type and currency. */
const HOLDING = new Set(['pending', 'active', 'disabled']);
/** The name Glomo gives an account: the business's. */
const ACCOUNT_NAME = 'Glomo Sandbox Merchant';

const MISSING = 'Missing Required parameters';

function digits(ctx: SandboxContext, count: number): string {
	let out = '';
	for (let i = 0; i < count; i++) out += String(ctx.prng.int(10));
	return out;
}

/** The bank details payers use, in the currency's own format. */
function accountDetails(ctx: SandboxContext, currency: string, paymentType: string): Record<string, unknown> {
	switch (currency) {
		case 'EUR':
			return { iban: `DE${digits(ctx, 20)}` };
		case 'GBP':
			return { account_number: digits(ctx, 8), sort_code: digits(ctx, 6) };
		case 'AUD':
			return { account_number: digits(ctx, 9), bsb_number: digits(ctx, 6) };
		case 'USD':
			return { account_number: digits(ctx, 12), routing_number: digits(ctx, 9), payment_rails: paymentType === 'swift' ? 'wire' : 'ach' };
		default:
			// AED: a UAE IBAN
			return { account_number: `AE${digits(ctx, 21)}` };
	}
}

/** VirtualAccountCurrent: the stored payment type stays inside (the listing does not show it). */
export function presentVirtualAccount(r: StoredRecord): Record<string, unknown> {
	const shown: Record<string, unknown> = {
		account_id: r.id,
		currency: r.currency,
		name: r.name,
		status: r.status,
		created_at: r.created_at,
		updated_at: r.updated_at,
		merchant_id: r.merchant_id,
	};
	for (const key of ['account_number', 'iban', 'sort_code', 'bsb_number', 'routing_number', 'payment_rails']) {
		if (typeof r[key] === 'string') shown[key] = r[key];
	}
	return shown;
}

/** The background step: every pending request becomes an open account, with its webhook. */
function openPending(ctx: SandboxContext): void {
	const accounts = ctx.store.collection('virtual_account');
	for (const pending of accounts.lookup('status', (r) => String(r.status), 'pending')) {
		const opened = accounts.update(pending.id, {
			status: 'active',
			...accountDetails(ctx, String(pending.currency), String(pending.payment_type)),
		});
		announce(ctx, 'virtual_account', 'active', opened, presentVirtualAccount);
	}
}

/** payment_type and currency from a body or a query: missing → 400, outside the lists → 400. */
function typeAndCurrency(source: Record<string, unknown>): { paymentType: string; currency: string } {
	const paymentType = source.payment_type;
	const currency = source.currency;
	if (typeof paymentType !== 'string' || !paymentType.trim() || typeof currency !== 'string' || !currency.trim()) {
		throw badRequest(MISSING);
	}
	if (!(PAYMENT_TYPES as readonly string[]).includes(paymentType)) {
		throw badRequest(`Validation failed: Payment type must be one of: ${PAYMENT_TYPES.join(', ')}`);
	}
	const code = currency.trim().toUpperCase();
	if (!(VIRTUAL_ACCOUNT_CURRENCIES as readonly string[]).includes(code)) {
		throw badRequest('Validation failed: Currency is not supported for virtual accounts');
	}
	return { paymentType, currency: code };
}

const placeKey = (r: StoredRecord) => (HOLDING.has(String(r.status)) ? `${String(r.payment_type)} ${String(r.currency)}` : undefined);

function create(req: ApiRequest, ctx: SandboxContext): ApiResult {
	openPending(ctx);
	const body = req.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(MISSING);
	const { paymentType, currency } = typeAndCurrency(body as Record<string, unknown>);
	const accounts = ctx.store.collection('virtual_account');
	if (accounts.lookup('place', placeKey, `${paymentType} ${currency}`).length) {
		throw new ApiError(409, 'Virtual Account already exists', { error: 'Duplicate record' });
	}
	accounts.insert({ merchant_id: ctx.merchantId, payment_type: paymentType, currency, name: ACCOUNT_NAME, status: 'pending' });
	return {
		status: 202,
		body: { message: 'Virtual account creation request is accepted.', data: { merchant_id: ctx.merchantId, status: 'pending' } },
	};
}

function close(req: ApiRequest, ctx: SandboxContext): ApiResult {
	openPending(ctx);
	const { paymentType, currency } = typeAndCurrency(req.query);
	const accounts = ctx.store.collection('virtual_account');
	const open = accounts.lookup('place', placeKey, `${paymentType} ${currency}`).filter((r) => r.status === 'active');
	if (!open.length) throw notFound('Virtual account not found');
	for (const account of open) {
		const closed = accounts.update(account.id, { status: 'inactive' });
		announce(ctx, 'virtual_account', 'inactive', closed, presentVirtualAccount);
	}
	return { status: 200, body: { message: 'Virtual account closed successfully' } };
}

const list = listHandler({
	kind: 'virtual_account',
	filters: [{ param: 'currency', normalize: (value) => value.trim().toUpperCase() }],
	where: (r) => r.status !== 'pending',
	present: (r) => presentVirtualAccount(r),
});

export const virtualAccountsModule: ResourceModule = {
	name: 'virtual-accounts',
	kinds: [{ kind: 'virtual_account', prefix: 'va_', aliases: ['virtual_accounts', 'virtual-accounts'] }],
	routes: [
		{ method: 'POST', path: `${V2}/virtual-accounts`, handler: create },
		{
			method: 'GET',
			path: `${V1}/virtual-accounts`,
			handler: (req, ctx) => {
				openPending(ctx);
				return list(req, ctx);
			},
		},
		{ method: 'DELETE', path: `${V1}/virtual-accounts`, handler: close },
	],
};
