import { badRequest } from '../core/errors';
import { IdempotencyRule } from '../core/idempotency';
import { createHandler, getHandler, listHandler, ResourceModule, V1 } from '../core/resource';
import { validationError } from '../core/validate';
import { priceExchange } from '../data/reference';

export const PAYOUT_SOURCE_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD'] as const;
export const PAYOUT_DESTINATION_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD', 'INR'] as const;
export const PAYMENT_RAILS = ['upi', 'rtgs', 'neft', 'imps', 'ipp', 'fts', 'sepa', 'fps', 'swift'] as const;
export const PAYOUT_STATUSES = [
	'pending_approval',
	'queued',
	'in_progress',
	'action_required',
	'success',
	'failed',
	'cancelled',
	'under_review',
] as const;

/** Payouts: a reused request_id is a 409 Conflict. */
export const PAYOUT_IDEMPOTENCY: IdempotencyRule = {
	status: 409,
	error: 'Conflict',
	message: 'A payout with this request_id already exists',
};

/** FX fee (basis points of the source amount) when source and destination currencies differ. */
const FX_FEE_BPS = 50;
const QUOTE_FORBIDDEN = ['source_amount', 'destination_amount', 'source_currency', 'destination_currency', 'payment_rail'];

/**
 * Payouts (minimal): create with request_id idempotency, list (status, beneficiary_id, request_id), get by id.
 * The source amount (fees included) is debited from the available balance; insufficient → 400 INSUFFICIENT_BALANCE.
 */
export const payoutsModule: ResourceModule = {
	name: 'payouts',
	kinds: [
		{ kind: 'payout', prefix: 'payout_', aliases: ['payouts'] },
		// Referenced by payouts; their own endpoints come with the beneficiary/quote resources.
		{ kind: 'beneficiary', prefix: 'bene_', aliases: ['beneficiaries'] },
		{ kind: 'quote', prefix: 'quote_', aliases: ['quotes'] },
	],
	routes: [
		{
			method: 'POST',
			path: `${V1}/payouts`,
			handler: createHandler({
				kind: 'payout',
				idempotency: PAYOUT_IDEMPOTENCY,
				schema: {
					additionalProperties: false,
					fields: {
						quote_id: { type: 'string' },
						beneficiary_id: { type: 'string', required: true },
						purpose_code: { type: 'string', required: true },
						source_currency: { type: 'string', enum: PAYOUT_SOURCE_CURRENCIES },
						destination_currency: { type: 'string', enum: PAYOUT_DESTINATION_CURRENCIES },
						source_amount: { type: 'integer', min: 1 },
						destination_amount: { type: 'integer', min: 1 },
						payment_rail: { type: 'string', enum: PAYMENT_RAILS },
						invoice_number: { type: 'string', nullable: true, maxLength: 50 },
						request_id: { type: 'string', maxLength: 64 },
						documents: { type: 'array', items: { type: 'string' } },
						notes: { type: 'object', nullable: true, values: { type: 'string', nullable: true } },
					},
				},
				check: (body) => {
					const bene = body.beneficiary_id as string;
					if (!bene.startsWith('bene_')) throw badRequest("beneficiary_id must start with 'bene_'");
					if (body.quote_id !== undefined) {
						const clash = QUOTE_FORBIDDEN.find((k) => body[k] !== undefined);
						if (clash) throw badRequest(`${clash} cannot be specified when quote_id is present`);
						return;
					}
					const missing = ['source_currency', 'destination_currency'].filter((k) => body[k] === undefined);
					if (missing.length) validationError(...missing.map((k) => `${k === 'source_currency' ? 'Source' : 'Destination'} currency can't be blank`));
					const hasSource = body.source_amount !== undefined;
					const hasDestination = body.destination_amount !== undefined;
					if (hasSource && hasDestination) {
						throw badRequest('You can only send source_amount or destination_amount, not both.');
					}
					if (!hasSource && !hasDestination) throw badRequest('You must send either source_amount or destination_amount.');
				},
				build: (body, ctx) => {
					const beneficiary = ctx.store.collection('beneficiary').get(body.beneficiary_id as string);
					// Beneficiaries are not simulated yet: unknown ids are accepted; known ones must be active.
					if (beneficiary && beneficiary.status === 'pending') throw badRequest('Beneficiary verification is pending');
					if (beneficiary && beneficiary.status === 'rejected') throw badRequest('Beneficiary has been rejected');
					if (body.quote_id !== undefined) {
						const quote = ctx.store.collection('quote').get(body.quote_id as string);
						if (!quote) throw badRequest('quote_id not found');
						throw badRequest('Quote is not a payout quote');
					}
					const source = body.source_currency as string;
					const destination = body.destination_currency as string;
					const priced = priceExchange(
						source,
						destination,
						{
							sourceAmount: body.source_amount as number | undefined,
							targetAmount: body.destination_amount as number | undefined,
						},
						source === destination ? 0 : FX_FEE_BPS,
					);
					if (!priced) throw badRequest('Validation failed: Source amount is too small to cover fees');
					const { rate, sourceAmount, targetAmount: destinationAmount, fee: fxFee } = priced;
					ctx.balances.assertCovers(source, sourceAmount);
					const documents = (body.documents as string[] | undefined) ?? [];
					return {
						status: 'in_progress',
						source_amount: sourceAmount,
						source_currency: source,
						destination_amount: destinationAmount,
						destination_currency: destination,
						beneficiary_id: body.beneficiary_id,
						purpose_code: body.purpose_code,
						documents: documents.map((id) => ({ id, type: 'invoice', status: 'uploaded', rfi_doc_id: null })),
						mid_market_rate: { currency: destination, rate },
						fees: {
							fx_fee: { amount: fxFee, currency: source },
							txn_fee: { amount: 0, currency: source },
						},
						utr: null,
						request_id: body.request_id ?? null,
						payment_rail: body.payment_rail ?? 'swift',
						invoice_number: body.invoice_number ?? null,
						fee_collection_mode: 'deducted',
						error_code: null,
						error_description: null,
						customer_error_description: null,
						quote_id: null,
						taxes: [],
						notes: body.notes ?? null,
					};
				},
				afterInsert: (rec, ctx) => {
					ctx.balances.debit(rec.source_currency as string, rec.source_amount as number);
				},
				event: (rec) => ['payout', rec.status as string],
			}),
		},
		{
			method: 'GET',
			path: `${V1}/payouts`,
			handler: listHandler({
				kind: 'payout',
				filters: [{ param: 'status', enum: PAYOUT_STATUSES }, { param: 'beneficiary_id' }, { param: 'request_id' }],
			}),
		},
		{
			method: 'GET',
			path: `${V1}/payouts/:id`,
			handler: getHandler({ kind: 'payout', notFound: 'Payout not found' }),
		},
	],
};
