import { badRequest } from '../core/errors';
import { ApiRequest, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { validateBody, validationError } from '../core/validate';
import { priceExchange } from '../data/reference';
import { ORDER_CURRENCIES } from './orders';
import { PAYOUT_DESTINATION_CURRENCIES, PAYOUT_SOURCE_CURRENCIES } from '../data/payouts';

/** A quote holds its price this long, and is usable once (glomo-domain.md §8.11). */
export const QUOTE_TTL_MS = 30 * 60_000;
/** FX fee in basis points of the source amount when the currencies differ: what payouts.ts charges without a quote. */
const FX_FEE_BPS = 50;
/** Local rails per destination currency (glomo-domain.md §10.2); other currencies travel by SWIFT only. */
export const LOCAL_RAILS: Readonly<Record<string, readonly string[]>> = {
	INR: ['upi', 'imps', 'neft', 'rtgs'],
	AED: ['ipp', 'fts'],
	EUR: ['sepa'],
	GBP: ['fps'],
	AUD: ['npp'],
};
/** What POST /payouts/quotes accepts as payment_rail (supplement). */
export const PAYOUT_QUOTE_RAILS = ['swift', 'imps', 'neft', 'rtgs', 'upi'] as const;

/**
 * A stored quote (collection `quote`), the contract with the modules that consume one:
 * `resource` 'payout' | 'payin'; `origin` 'quotes' (POST /quotes) | 'payout_quotes' (POST /payouts/quotes);
 * `beneficiary_id` (payout quotes from /payouts/quotes, else null); `payment_rail`; `method`
 * {payment_method, subtype, payment_rail}; `source_currency`, `destination_currency`,
 * `source_amount` (fees included), `destination_amount` (minor units); `fx_rate`; `fees` {fx_fee, txn_fee}
 * as {amount, currency} in the source currency; `expires_at` (ISO); `status` 'active' | 'used' and
 * `used` false | true (what payouts.ts checks), with `used_at` / `used_by` (null until consumed by `takeQuote`).
 */
export interface QuoteUse {
	resource: 'payout' | 'payin';
	/** the id of the payout / payin that consumes it */
	by: string;
	/** for payouts: the beneficiary paid, checked against a quote bound to one */
	beneficiaryId?: string;
}

/**
 * Checks and consumes a quote for a payout or payin create (call it in `build`, after the other
 * checks): unknown, expired, used, of the other resource or of another beneficiary → Glomo's 400.
 */
export function takeQuote(ctx: SandboxContext, quoteId: string, use: QuoteUse): StoredRecord {
	const quotes = ctx.store.collection('quote');
	const quote = quotes.get(quoteId);
	if (!quote) throw badRequest('quote_id not found');
	if (quote.resource !== use.resource) throw badRequest(`Quote is not a ${use.resource} quote`);
	if (quote.used === true || quote.status === 'used') throw badRequest('quote_id has already been used');
	if (Date.parse(String(quote.expires_at)) <= Date.now()) throw badRequest('quote_id has expired');
	if (use.beneficiaryId !== undefined && quote.beneficiary_id && quote.beneficiary_id !== use.beneficiaryId) {
		throw badRequest('Quote is not compatible with the selected beneficiary');
	}
	return quotes.update(quote.id, { status: 'used', used: true, used_at: new Date(ctx.clock.tick()).toISOString(), used_by: use.by });
}

/** Exactly one of source_amount / destination_amount, as payouts.ts words it. */
function checkOneAmount(body: Record<string, unknown>): void {
	const hasSource = body.source_amount !== undefined;
	const hasDestination = body.destination_amount !== undefined;
	if (hasSource && hasDestination) throw badRequest('You can only send source_amount or destination_amount, not both.');
	if (!hasSource && !hasDestination) throw badRequest('You must send either source_amount or destination_amount.');
}

function railsFor(subtype: string, destination: string): readonly string[] {
	if (subtype === 'swift_transfer') return ['swift'];
	const local = LOCAL_RAILS[destination];
	if (!local) throw badRequest(`local_transfer is not supported for ${destination} destination`);
	return local;
}

/** Prices and stores one quote per rail (`swift` is a swift_transfer, every other rail a local_transfer). */
function makeQuotes(
	ctx: SandboxContext,
	body: Record<string, unknown>,
	rails: readonly string[],
	extra: { resource: 'payout' | 'payin'; origin: 'quotes' | 'payout_quotes'; beneficiary_id: string | null; payment_method: string },
): StoredRecord[] {
	const source = body.source_currency as string;
	const destination = body.destination_currency as string;
	const priced = priceExchange(
		source,
		destination,
		{ sourceAmount: body.source_amount as number | undefined, targetAmount: body.destination_amount as number | undefined },
		source === destination ? 0 : FX_FEE_BPS,
	);
	if (!priced) throw badRequest('Validation failed: Source amount is too small to cover fees');
	const created = ctx.clock.tick();
	return rails.map((rail) =>
		ctx.store.collection('quote').insert({
			resource: extra.resource,
			origin: extra.origin,
			beneficiary_id: extra.beneficiary_id,
			payment_rail: rail,
			method: { payment_method: extra.payment_method, subtype: rail === 'swift' ? 'swift_transfer' : 'local_transfer', payment_rail: rail },
			source_currency: source,
			destination_currency: destination,
			source_amount: priced.sourceAmount,
			destination_amount: priced.targetAmount,
			fx_rate: priced.rate,
			fees: { fx_fee: { amount: priced.fee, currency: source }, txn_fee: { amount: 0, currency: source } },
			expires_at: new Date(created + QUOTE_TTL_MS).toISOString(),
			status: 'active',
			used: false,
			used_at: null,
			used_by: null,
		}),
	);
}

/** A quote of POST /quotes (Quote). */
function presentQuote(r: StoredRecord): unknown {
	return {
		id: r.id,
		resource: r.resource,
		expires_at: r.expires_at,
		method: r.method,
		source_currency: r.source_currency,
		destination_currency: r.destination_currency,
		fx_rate: r.fx_rate,
		source_amount: r.source_amount,
		destination_amount: r.destination_amount,
		fees: r.fees,
	};
}

/** A quote of POST /payouts/quotes (PayoutQuote: `quote_id`, `mid_market_rate`). */
function presentPayoutQuote(r: StoredRecord): unknown {
	return {
		quote_id: r.id,
		expires_at: r.expires_at,
		payment_rail: r.payment_rail,
		source_currency: r.source_currency,
		destination_currency: r.destination_currency,
		mid_market_rate: { currency: r.destination_currency, rate: r.fx_rate },
		source_amount: r.source_amount,
		destination_amount: r.destination_amount,
		fees: r.fees,
	};
}

const CURRENCIES: Record<'payout' | 'payin', { source: readonly string[]; destination: readonly string[] }> = {
	payout: { source: PAYOUT_SOURCE_CURRENCIES, destination: PAYOUT_DESTINATION_CURRENCIES },
	payin: { source: ORDER_CURRENCIES, destination: ORDER_CURRENCIES },
};

function createQuote(req: ApiRequest, ctx: SandboxContext) {
	const body = validateBody(req.body, {
		additionalProperties: false,
		fields: {
			resource: { type: 'string', required: true, enum: ['payout', 'payin'] },
			source_currency: { type: 'string', required: true },
			destination_currency: { type: 'string', required: true },
			source_amount: { type: 'integer', min: 1 },
			destination_amount: { type: 'integer', min: 1 },
			method: {
				type: 'object',
				required: true,
				additionalProperties: false,
				fields: {
					payment_method: { type: 'string', required: true, enum: ['bank_transfer', 'pay_via_bank'] },
					subtype: { type: 'string', required: true, enum: ['local_transfer', 'swift_transfer'] },
				},
			},
		},
	});
	checkOneAmount(body);
	const resource = body.resource as 'payout' | 'payin';
	const allowed = CURRENCIES[resource];
	const problems: string[] = [];
	if (!allowed.source.includes(body.source_currency as string)) problems.push(`Source currency must be one of: ${allowed.source.join(', ')}`);
	if (!allowed.destination.includes(body.destination_currency as string)) {
		problems.push(`Destination currency must be one of: ${allowed.destination.join(', ')}`);
	}
	if (problems.length) validationError(...problems);
	const method = body.method as { payment_method: string; subtype: string };
	if (resource === 'payout' && method.payment_method !== 'bank_transfer') throw badRequest('pay_via_bank is not supported for payouts');
	const rails = railsFor(method.subtype, body.destination_currency as string);
	const quotes = makeQuotes(ctx, body, rails, { resource, origin: 'quotes', beneficiary_id: null, payment_method: method.payment_method });
	return { status: 201, body: { quotes: quotes.map(presentQuote) } };
}

/**
 * The rails /payouts/quotes offers for a beneficiary: SWIFT and the destination's local rails, kept
 * to what its details allow (glomo-domain.md §10.2: UPI needs a UPI ID; bank rails an account, SWIFT
 * with a SWIFT code or an IBAN, the INR ones with an IFSC). An unknown beneficiary gets every rail.
 */
function railsForBeneficiary(beneficiary: StoredRecord | undefined, destination: string): string[] {
	const rails = ['swift', ...(LOCAL_RAILS[destination] ?? [])].filter((rail) => (PAYOUT_QUOTE_RAILS as readonly string[]).includes(rail));
	if (!beneficiary) return rails;
	const upi = beneficiary.upi_account as { upi_id?: unknown } | null | undefined;
	const bank = beneficiary.bank_account as { swift_code?: unknown; local_routing_number?: unknown } | null | undefined;
	return rails.filter((rail) => {
		if (rail === 'upi') return typeof upi?.upi_id === 'string';
		if (!bank) return false;
		if (rail === 'swift') return Boolean(bank.swift_code) || !bank.local_routing_number;
		return Boolean(bank.local_routing_number);
	});
}

function createPayoutQuote(req: ApiRequest, ctx: SandboxContext) {
	const body = validateBody(req.body, {
		additionalProperties: false,
		fields: {
			source_currency: { type: 'string', required: true, enum: PAYOUT_SOURCE_CURRENCIES },
			destination_currency: { type: 'string', required: true, enum: PAYOUT_DESTINATION_CURRENCIES },
			source_amount: { type: 'integer', min: 1 },
			destination_amount: { type: 'integer', min: 1 },
			beneficiary_id: { type: 'string', required: true },
			payment_rail: { type: 'string', enum: PAYOUT_QUOTE_RAILS },
		},
	});
	checkOneAmount(body);
	const beneficiaryId = body.beneficiary_id as string;
	if (!beneficiaryId.startsWith('bene_')) throw badRequest("beneficiary_id must start with 'bene_'");
	const beneficiary = ctx.store.collection('beneficiary').get(beneficiaryId);
	// as payouts.ts: beneficiaries are not simulated yet, so unknown ids pass; known ones must be active
	if (beneficiary?.status === 'pending') throw badRequest('Beneficiary verification is pending');
	if (beneficiary?.status === 'rejected') throw badRequest('Beneficiary has been rejected');
	const available = railsForBeneficiary(beneficiary, body.destination_currency as string);
	const wanted = body.payment_rail as string | undefined;
	if (wanted !== undefined && !available.includes(wanted)) throw badRequest('No rails available for this beneficiary');
	const rails = wanted === undefined ? available : [wanted];
	const quotes = makeQuotes(ctx, body, rails, {
		resource: 'payout',
		origin: 'payout_quotes',
		beneficiary_id: beneficiaryId,
		payment_method: 'bank_transfer',
	});
	return { status: 201, body: { quotes: quotes.map(presentPayoutQuote) } };
}

/**
 * Quotes: `POST /quotes` (payout or payin; one SWIFT quote, or one per local rail) and the older
 * `POST /payouts/quotes` (one beneficiary; one quote per rail, or the rail asked for). Quotes are
 * priced with data/reference.ts `priceExchange`, valid 30 minutes and consumed once via `takeQuote`.
 * No list or get endpoint exists.
 */
export const quotesModule: ResourceModule = {
	name: 'quotes',
	kinds: [{ kind: 'quote', prefix: 'quote_', aliases: ['quotes'] }],
	routes: [
		{ method: 'POST', path: `${V1}/quotes`, handler: createQuote },
		{ method: 'POST', path: `${V1}/payouts/quotes`, handler: createPayoutQuote },
	],
};
