import { badRequest, notFound } from '../core/errors';
import { createHandler, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { validationError } from '../core/validate';

/**
 * Internal transfers: AED moved between the merchant accounts of one platform. The sandbox's own
 * merchant (ctx.merchantId) is the platform; its merchants are rows of the `merchant` collection
 * (declared by merchants.ts: onboarded there, or put in with `sandbox.insert('merchant', …)`)
 * whose `owner_merchant_id`, when set, is the platform. Allowed: platform → merchant,
 * merchant → platform, merchant → merchant (glomo-domain.md §10 "Other").
 *
 * Only the platform's balance is kept (ctx.balances): a transfer from the platform needs its AED
 * balance to cover the amount (else 400 INSUFFICIENT_BALANCE) and debits it; a transfer to the
 * platform credits it. Merchants' own balances are not simulated (always enough). A transfer is
 * done at once and fires `internal_transfer` / `success`.
 */

export const INTERNAL_TRANSFER_CURRENCIES = ['AED'] as const;
const MERCHANT_NOT_FOUND = 'Merchant with the specified ID was not found';

/** The platform, or one of its merchants; anything else is a 404. */
function assertKnownMerchant(ctx: SandboxContext, id: string): void {
	if (id === ctx.merchantId) return;
	const merchant = ctx.store.collection('merchant').get(id);
	const owner = merchant?.owner_merchant_id;
	if (!merchant || (typeof owner === 'string' && owner !== ctx.merchantId)) throw notFound(MERCHANT_NOT_FOUND);
}

function present(r: StoredRecord): unknown {
	return {
		id: r.id,
		from_merchant_id: r.from_merchant_id,
		to_merchant_id: r.to_merchant_id,
		owner_merchant_id: r.owner_merchant_id,
		transfer_amount: r.transfer_amount,
		transfer_currency: r.transfer_currency,
		reference: r.reference,
		fees: r.fees,
		error_code: r.error_code,
		error_description: r.error_description,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

export const internalTransfersModule: ResourceModule = {
	name: 'internal-transfer',
	kinds: [
		{ kind: 'internal_transfer', prefix: 'inttransfer_', aliases: ['internal_transfers', 'internal-transfer'] },
	],
	routes: [
		{
			method: 'POST',
			path: `${V1}/internal-transfer`,
			handler: createHandler({
				kind: 'internal_transfer',
				schema: {
					additionalProperties: false,
					fields: {
						amount: { type: 'integer', required: true, min: 1 },
						currency: { type: 'string', required: true },
						reference: { type: 'string', required: true, maxLength: 100 },
						from_merchant_id: { type: 'string', required: true },
						to_merchant_id: { type: 'string', required: true },
					},
				},
				check: (body) => {
					if (!(INTERNAL_TRANSFER_CURRENCIES as readonly string[]).includes((body.currency as string).toUpperCase())) {
						validationError(`Currency must be one of: ${INTERNAL_TRANSFER_CURRENCIES.join(', ')}`);
					}
					const from = body.from_merchant_id as string;
					const to = body.to_merchant_id as string;
					if (!from.startsWith('merch_') || !to.startsWith('merch_')) throw badRequest('Invalid merchant ID format');
					if (from === to) validationError('To merchant id must be different from from merchant id');
				},
				build: (body, ctx) => {
					const from = body.from_merchant_id as string;
					const to = body.to_merchant_id as string;
					assertKnownMerchant(ctx, from);
					assertKnownMerchant(ctx, to);
					const currency = (body.currency as string).toUpperCase();
					if (from === ctx.merchantId) ctx.balances.assertCovers(currency, body.amount as number);
					return {
						from_merchant_id: from,
						to_merchant_id: to,
						owner_merchant_id: ctx.merchantId,
						transfer_amount: body.amount,
						transfer_currency: currency,
						reference: body.reference,
						fees: { txn_fee: { currency, amount: 0 }, fx_fee: { currency, amount: 0 } },
						error_code: null,
						error_description: null,
					};
				},
				afterInsert: (rec, ctx) => {
					const currency = rec.transfer_currency as string;
					const amount = rec.transfer_amount as number;
					if (rec.from_merchant_id === ctx.merchantId) ctx.balances.debit(currency, amount);
					if (rec.to_merchant_id === ctx.merchantId) ctx.balances.credit(currency, amount);
				},
				event: () => ['internal_transfer', 'success'],
				present: (r) => present(r),
			}),
		},
	],
};
