import { badRequest } from '../core/errors';
import { createHandler, listHandler, ResourceModule, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { priceExchange } from '../data/reference';

/** Currencies balance conversions accept (published spec text). */
export const CONVERSION_CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
/** Conversion fee in basis points of the source amount, charged in the source currency. */
const FEE_BPS = 50;

function present(r: StoredRecord): unknown {
	return {
		id: r.id,
		from: r.from,
		to: r.to,
		fees: r.fees,
		mid_market_rate: r.mid_market_rate,
		status: r.status,
		created_at: r.created_at,
	};
}

/**
 * `POST /balance_conversions` (exactly one of source_amount / target_amount) and `GET /balance_conversions`.
 * The source balance is debited by the source amount (fee included), the target balance credited.
 */
export const balanceConversionsModule: ResourceModule = {
	name: 'balance_conversions',
	kinds: [{ kind: 'balance_conversion', prefix: 'conv_', aliases: ['balance_conversions', 'conversion', 'conversions'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/balance_conversions`,
			handler: createHandler({
				kind: 'balance_conversion',
				schema: {
					additionalProperties: false,
					fields: {
						source_currency: { type: 'string', required: true, enum: CONVERSION_CURRENCIES },
						target_currency: { type: 'string', required: true, enum: CONVERSION_CURRENCIES },
						source_amount: { type: 'integer', min: 1 },
						target_amount: { type: 'integer', min: 1 },
					},
				},
				check: (body) => {
					const hasSource = body.source_amount !== undefined;
					const hasTarget = body.target_amount !== undefined;
					if (hasSource && hasTarget) throw badRequest('You can only send source_amount or target_amount, not both.');
					if (!hasSource && !hasTarget) throw badRequest('You must send either source_amount or target_amount.');
					if (body.source_currency === body.target_currency) {
						throw badRequest('Validation failed: Target currency must be different from source currency');
					}
				},
				build: (body, ctx) => {
					const source = body.source_currency as string;
					const target = body.target_currency as string;
					const priced = priceExchange(
						source,
						target,
						{ sourceAmount: body.source_amount as number | undefined, targetAmount: body.target_amount as number | undefined },
						FEE_BPS,
					);
					if (!priced) throw badRequest('Validation failed: Source amount is too small to convert');
					const { rate, sourceAmount, targetAmount, fee } = priced;
					ctx.balances.assertCovers(source, sourceAmount);
					return {
						from: { amount: sourceAmount, currency: source },
						to: { amount: targetAmount, currency: target },
						fees: { amount: fee, currency: source },
						mid_market_rate: { currency: target, rate },
						status: 'success',
					};
				},
				afterInsert: (rec, ctx) => {
					const from = rec.from as { amount: number; currency: string };
					const to = rec.to as { amount: number; currency: string };
					ctx.balances.debit(from.currency, from.amount);
					ctx.balances.credit(to.currency, to.amount);
				},
				present: (r) => present(r),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/balance_conversions`,
			handler: listHandler({
				kind: 'balance_conversion',
				filters: [
					{ param: 'source_currency', test: (r, v) => (r.from as { currency?: string } | undefined)?.currency === v },
					{ param: 'target_currency', test: (r, v) => (r.to as { currency?: string } | undefined)?.currency === v },
				],
				present: (r) => present(r),
			}),
		},
	],
};
