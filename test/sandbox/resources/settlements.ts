import { ApiError, badRequest, notFound, unprocessable } from '../core/errors';
import { listOrdered } from '../core/list';
import {
	announce,
	createHandler,
	getHandler,
	listHandler,
	loadRecord,
	ResourceModule,
	SandboxContext,
	V1,
} from '../core/resource';
import { createdMs, StoredRecord } from '../core/store';
import { validationError } from '../core/validate';

/**
 * Settlements: collected funds paid out to the merchant's own bank account.
 *
 * The model (payments themselves are payments.ts's):
 * - "Unsettled funds" are payments (collection `payment`, ids `payt_…`) with `status: "success"`,
 *   `funds_available: true` and `settlement_id: null`. Their settleable amount is
 *   `converted_amount`/`converted_currency` (what the merchant receives), else `payment_amount`/
 *   `payment_currency`. `addSettleableFunds` registers such funds and credits the available balance
 *   (a payments module calls it when a payment's funds become available, and does not credit the
 *   balance itself); rows put in with the admin insert route (`sandbox.insert('payment', …)`) are
 *   settleable too, without a balance credit.
 * - A settlement takes its amount out of the available balance of its currency (the money leaves
 *   for the merchant's bank). It is `success` at once (no bank leg to wait for), with zero fees
 *   and a generated UTR, and fires one `settlement` / `success` webhook.
 * - Settling payments links one transaction (`txn_…`, source = the payment) per payment to the
 *   settlement and marks the payment settled (`settlement_id`). A settlement of an amount from a
 *   balance has no linked transactions.
 * - `POST /settlements/mock-trigger` settles every eligible payment: one settlement per currency
 *   (USD, EUR, GBP, AED, SGD) that has any; a currency whose balance no longer covers its funds
 *   (spent elsewhere) is left for later. With a production key it is a 404, as in live.
 */

/** Currencies settlements are made in (glomo-domain.md §9 and §10.1). */
export const SETTLEMENT_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD'] as const;

const INVALID_CURRENCY = 'Validation failed: currency is not a valid currency';
const ALREADY_SETTLED = 'Payments cannot be settled: some payments are already settled';

export interface SettleableFunds {
	currency: string;
	/** minor units */
	amount: number;
	/** the payment the funds came from; a new payt_ id when absent */
	payment_id?: string;
}

/** A successful, funds-available, unsettled payment row of `amount` minor units of `currency`. */
export function settleablePaymentRecord(currency: string, amount: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		status: 'success',
		payment_amount: amount,
		payment_currency: currency,
		requested_amount: amount,
		requested_currency: currency,
		converted_amount: amount,
		converted_currency: currency,
		funds_available: true,
		settlement_id: null,
		...overrides,
	};
}

/**
 * Registers funds that can be settled: a payment whose funds became available (an existing
 * payment row is marked so; otherwise one is created) and the credit to the available balance.
 */
export function addSettleableFunds(ctx: SandboxContext, funds: SettleableFunds): StoredRecord {
	const payments = ctx.store.collection('payment');
	const existing = funds.payment_id === undefined ? undefined : payments.get(funds.payment_id);
	const row = existing
		? payments.update(existing.id, {
				status: 'success',
				funds_available: true,
				converted_amount: funds.amount,
				converted_currency: funds.currency,
			})
		: payments.insert(settleablePaymentRecord(funds.currency, funds.amount, funds.payment_id ? { id: funds.payment_id } : {}));
	ctx.balances.credit(funds.currency, funds.amount);
	return row;
}

/** What a payment brings to a settlement: amount and currency after FX. */
function fundsOf(payment: StoredRecord): { amount: number; currency: string } {
	const amount = payment.converted_amount ?? payment.payment_amount;
	const currency = payment.converted_currency ?? payment.payment_currency;
	return { amount: typeof amount === 'number' ? amount : 0, currency: String(currency ?? '').toUpperCase() };
}

function isSettleable(payment: StoredRecord): boolean {
	const { amount } = fundsOf(payment);
	return payment.status === 'success' && payment.funds_available === true && !payment.settlement_id && amount >= 1;
}

const money = (amount: number, currency: string) => ({ amount, currency });

/** A Settlement as the published spec shapes it. */
function present(r: StoredRecord): unknown {
	return {
		id: r.id,
		status: r.status,
		payment_method: r.payment_method,
		amount: r.amount,
		currency: r.currency,
		fees: r.fees,
		utr: r.utr,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

/** A Transaction as the published spec shapes it (without the settlement it belongs to). */
function presentTransaction(r: StoredRecord): unknown {
	return {
		id: r.id,
		source_id: r.source_id,
		source_type: r.source_type,
		credit: r.credit,
		debit: r.debit,
		fees: r.fees,
		settled_amount: r.settled_amount,
		processed_at: r.processed_at,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

/** The fields of a new settlement of `amount` in `currency` (stored by the caller). */
function settlementFields(ctx: SandboxContext, currency: string, amount: number): Record<string, unknown> {
	return {
		status: 'success',
		payment_method: 'swift_transfer',
		amount,
		currency,
		fees: { fx_fee: money(0, currency), txn_fee: money(0, currency) },
		utr: ctx.prng.alnum(16).toLowerCase(),
	};
}

/** Pays `settlement` out of the balance and links the settled payments to it (one transaction each). */
function completeSettlement(ctx: SandboxContext, settlement: StoredRecord, payments: StoredRecord[]): void {
	const currency = settlement.currency as string;
	ctx.balances.debit(currency, settlement.amount as number);
	const transactions = ctx.store.collection('settlement_transaction');
	for (const payment of payments) {
		const { amount } = fundsOf(payment);
		transactions.insert({
			settlement_id: settlement.id,
			source_id: payment.id,
			source_type: 'payment',
			credit: money(amount, currency),
			debit: money(0, currency),
			fees: { fx_fee: money(0, currency), txn_fee: money(0, currency) },
			settled_amount: money(amount, currency),
			processed_at: settlement.created_at,
		});
		ctx.store.collection('payment').update(payment.id, { settlement_id: settlement.id });
	}
}

/** The payments a `payment_ids` body names, checked: they exist, are unsettled, available and in one currency. */
function paymentsToSettle(ctx: SandboxContext, ids: string[]): { payments: StoredRecord[]; currency: string; amount: number } {
	const payments = [...new Set(ids)].map((id) => {
		const row = id.startsWith('payt_') ? ctx.store.collection('payment').get(id) : undefined;
		if (!row) throw notFound('Payment not found');
		return row;
	});
	if (payments.some((p) => p.settlement_id)) throw unprocessable(ALREADY_SETTLED);
	if (!payments.every(isSettleable)) throw unprocessable('Payments cannot be settled: some payments do not have funds available');
	const currencies = new Set(payments.map((p) => fundsOf(p).currency));
	if (currencies.size > 1) throw unprocessable('Payments cannot be settled: payments are in more than one currency');
	const [currency] = currencies;
	if (!(SETTLEMENT_CURRENCIES as readonly string[]).includes(currency)) {
		throw unprocessable(`Payments cannot be settled: ${currency} funds cannot be settled`);
	}
	return { payments, currency, amount: payments.reduce((sum, p) => sum + fundsOf(p).amount, 0) };
}

export const settlementsModule: ResourceModule = {
	name: 'settlements',
	kinds: [
		{ kind: 'settlement', prefix: 'setl_', aliases: ['settlements'] },
		{ kind: 'settlement_transaction', prefix: 'txn_', aliases: ['settlement_transactions', 'transaction', 'transactions'] },
		// what settlements settle (collection `payment`) is declared by the payments module (payments.ts)
	],
	routes: [
		{
			method: 'POST',
			path: `${V1}/settlements/mock-trigger`,
			handler: (req, ctx) => {
				// mock endpoints do not exist in live
				if (req.key?.env === 'production') throw new ApiError(404, `No route matches ${req.method} ${req.path}`);
				const byCurrency = new Map<string, StoredRecord[]>();
				for (const { row } of ctx.store.collection('payment').byCreation()) {
					if (!isSettleable(row)) continue;
					const { currency } = fundsOf(row);
					byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), row]);
				}
				const settlements: StoredRecord[] = [];
				for (const currency of SETTLEMENT_CURRENCIES) {
					const payments = byCurrency.get(currency) ?? [];
					const amount = payments.reduce((sum, p) => sum + fundsOf(p).amount, 0);
					if (!payments.length || ctx.balances.availableOf(currency) < amount) continue;
					const settlement = ctx.store.collection('settlement').insert(settlementFields(ctx, currency, amount));
					completeSettlement(ctx, settlement, payments);
					announce(ctx, 'settlement', 'success', settlement, present);
					settlements.push(settlement);
				}
				return {
					status: 200,
					body: {
						message: settlements.length ? 'Settlement triggered successfully' : 'No funds eligible for settlement',
						data: settlements.map(present),
					},
				};
			},
		},
		{
			method: 'POST',
			path: `${V1}/settlements`,
			handler: createHandler({
				kind: 'settlement',
				schema: {
					additionalProperties: false,
					fields: {
						amount: { type: 'integer', min: 1 },
						balance_currency: { type: 'string' },
						payment_ids: { type: 'array', items: { type: 'string' } },
					},
				},
				check: (body) => {
					const byAmount = body.amount !== undefined || body.balance_currency !== undefined;
					const byPayments = body.payment_ids !== undefined;
					if (byAmount && byPayments) throw badRequest('You can only send amount and balance_currency, or payment_ids, not both.');
					if (!byAmount && !byPayments) throw badRequest('You must send either amount and balance_currency, or payment_ids.');
					if (byPayments) {
						if (!(body.payment_ids as string[]).length) validationError("Payment ids can't be blank");
						return;
					}
					const missing: string[] = [];
					if (body.amount === undefined) missing.push("Amount can't be blank");
					if (body.balance_currency === undefined) missing.push("Balance currency can't be blank");
					if (missing.length) validationError(...missing);
					const currency = (body.balance_currency as string).toUpperCase();
					if (!(SETTLEMENT_CURRENCIES as readonly string[]).includes(currency)) throw badRequest(INVALID_CURRENCY);
				},
				build: (body, ctx) => {
					if (body.payment_ids !== undefined) {
						const { currency, amount } = paymentsToSettle(ctx, body.payment_ids as string[]);
						ctx.balances.assertCovers(currency, amount);
						return settlementFields(ctx, currency, amount);
					}
					const currency = (body.balance_currency as string).toUpperCase();
					ctx.balances.assertCovers(currency, body.amount as number);
					return settlementFields(ctx, currency, body.amount as number);
				},
				afterInsert: (settlement, ctx, body) => {
					const ids = (body.payment_ids as string[] | undefined) ?? [];
					const payments = [...new Set(ids)].map((id) => ctx.store.collection('payment').get(id) as StoredRecord);
					completeSettlement(ctx, settlement, payments);
				},
				event: () => ['settlement', 'success'],
				present: (r) => present(r),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/settlements`,
			handler: listHandler({ kind: 'settlement', present: (r) => present(r) }),
		},
		{
			method: 'GET',
			path: `${V1}/settlements/:id`,
			handler: getHandler({ kind: 'settlement', notFound: 'Settlement not found', present: (r) => present(r) }),
		},
		{
			method: 'GET',
			path: `${V1}/settlements/:id/transactions`,
			handler: (req, ctx) => {
				const settlement = loadRecord(ctx, 'settlement', req.params.id, 'Settlement not found');
				const rows = ctx.store
					.collection('settlement_transaction')
					.lookup('settlement_id', (r) => (typeof r.settlement_id === 'string' ? r.settlement_id : undefined), settlement.id)
					.map((row) => ({ ms: createdMs(row), row }))
					.sort((a, b) => a.ms - b.ms || (a.row.id < b.row.id ? -1 : 1));
				return { status: 200, body: listOrdered(rows, req.query, { present: presentTransaction }) };
			},
		},
	],
};
