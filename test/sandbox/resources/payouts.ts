import { badRequest } from '../core/errors';
import { IdempotencyRule } from '../core/idempotency';
import { announce, createHandler, getHandler, listHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { answersFit, rfiAnswers, validateBody, validationError } from '../core/validate';
import { PAYMENT_RAILS, PAYOUT_DESTINATION_CURRENCIES, PAYOUT_SOURCE_CURRENCIES, PAYOUT_STATUSES } from '../data/payouts';
import { priceExchange } from '../data/reference';
import { takeQuote } from './quotes';
import { raiseRfi } from './rfis';

export { PAYMENT_RAILS, PAYOUT_DESTINATION_CURRENCIES, PAYOUT_SOURCE_CURRENCIES, PAYOUT_STATUSES } from '../data/payouts';
const TERMINAL = new Set(['success', 'failed', 'cancelled']);

/** Payouts: a reused request_id is a 409 Conflict. */
export const PAYOUT_IDEMPOTENCY: IdempotencyRule = {
	status: 409,
	error: 'Conflict',
	message: 'A payout with this request_id already exists',
};

/**
 * Sandbox conventions of ours (Glomo documents 6623 for payments only): a payout of this amount
 * (either side) is created `action_required` with a request for documents, as when screening does
 * not clear; one of SCREENING_UNAVAILABLE is created `failed` with no error code, as when
 * screening could not run. Both still answer 201.
 */
export const SCREENING_HIT_AMOUNT = 6623;
export const SCREENING_UNAVAILABLE_AMOUNT = 6624;

/** FX fee (basis points of the source amount) when source and destination currencies differ. */
const FX_FEE_BPS = 50;
const QUOTE_FORBIDDEN = ['source_amount', 'destination_amount', 'source_currency', 'destination_currency', 'payment_rail'];
/** where a payout stands inside `in_progress`: with the bank (funds held), released from the queue by the mock, or under compliance review */
type Stage = 'bank' | 'released' | 'review';

/** A payout as Glomo shows it: the sandbox's own bookkeeping (keys starting with _) left out. */
export function presentPayout(record: StoredRecord): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_')));
}

/**
 * The documents Glomo asks for when a payout's screening does not clear: one requirement on the
 * payout (its rfi_doc_id for the answer), and the RFI that carries it (GET /rfis, PATCH /rfis/{id}/respond).
 */
function requestDocuments(ctx: SandboxContext, payoutId: string): Array<Record<string, unknown>> {
	const rfiDocId = ctx.ids.make('rfidoc_');
	raiseRfi(ctx, { entity_type: 'payout', entity_id: payoutId, documents_required: [{ rfi_doc_id: rfiDocId, description: 'Invoice' }] });
	return [{ id: null, type: 'Invoice', status: 'pending', rfi_doc_id: rfiDocId }];
}

/** An answered RFI (RFI > Respond) puts an action_required payout under review: in progress, funds held. */
export function releaseAfterRfi(ctx: SandboxContext, payout: StoredRecord, answered: Array<{ rfi_doc_id: string; doc_id: string }>): void {
	const documents = (payout.documents as Array<Record<string, unknown>>).map((doc) => {
		const answer = answered.find((a) => a.rfi_doc_id === doc.rfi_doc_id);
		return answer ? { ...doc, id: answer.doc_id, status: 'uploaded' } : doc;
	});
	move(ctx, payout, 'in_progress', { documents, _stage: 'review' });
}

function heldAmount(record: StoredRecord): number {
	return typeof record._held === 'number' ? record._held : 0;
}

/** Moves a payout to `status` (with extra fields), releasing or holding funds, and announces it. */
function move(ctx: SandboxContext, record: StoredRecord, status: string, patch: Record<string, unknown> = {}): StoredRecord {
	const currency = record.source_currency as string;
	let held = heldAmount(record);
	if (status === 'in_progress' && held === 0) {
		// funds are held when the payout goes to the bank or under review
		ctx.balances.debit(currency, record.source_amount as number);
		held = record.source_amount as number;
	}
	if ((status === 'failed' || status === 'cancelled') && held > 0) {
		ctx.balances.credit(currency, held);
		held = 0;
	}
	const updated = ctx.store.collection('payout').update(record.id, { ...patch, status, _held: held });
	announce(ctx, 'payout', status, updated, presentPayout);
	return updated;
}

/** The legal sandbox mock steps (glomo-domain.md §8.1); anything else is "State change not allowed". */
function mockStep(ctx: SandboxContext, record: StoredRecord, target: string): StoredRecord {
	const status = record.status as string;
	const stage = record._stage as Stage | undefined;
	const refuse = (): never => {
		throw badRequest('State change not allowed');
	};
	if (TERMINAL.has(status)) refuse();
	switch (target) {
		case 'pending':
			// released from the queue to the rail; reads back in_progress
			if (status !== 'queued') refuse();
			return move(ctx, record, 'in_progress', { _stage: 'released' });
		case 'success':
			if (status !== 'in_progress') refuse();
			return move(ctx, record, 'success', { utr: `UTR${ctx.prng.alnum(12).toUpperCase()}`, _stage: undefined });
		case 'failed':
			if (status !== 'in_progress') refuse();
			return move(ctx, record, 'failed', { error_code: null, error_description: null, _stage: undefined });
		case 'action_required':
			if (!(status === 'pending_approval' || status === 'queued' || (status === 'in_progress' && stage === 'review'))) refuse();
			return move(ctx, record, 'action_required', { documents: [...(record.documents as unknown[]), ...requestDocuments(ctx, record.id)] });
		case 'cancelled':
			// with the bank, a payout can no longer be called back
			if (status === 'in_progress' && stage !== 'review') refuse();
			return move(ctx, record, 'cancelled');
		default:
			throw validationError(`Status must be one of: pending, success, failed, action_required, cancelled`);
	}
}

/**
 * Payouts: create (request_id idempotency, account capabilities, quotes, reserved screening amounts),
 * list (status, beneficiary_id, request_id), get, cancel, update_rfi, and the sandbox mock of §8.1.
 * Funds are held from the source balance while a payout is in progress and released when it fails
 * or is cancelled; nothing is held while it waits (approval, queue, documents).
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
					// Unknown beneficiaries are accepted (tests may pay ids they never created); known ones must be active.
					if (beneficiary && beneficiary.status === 'pending') throw badRequest('Beneficiary verification is pending');
					if (beneficiary && beneficiary.status === 'rejected') throw badRequest('Beneficiary has been rejected');
					let source: string;
					let destination: string;
					let requested: { sourceAmount?: number; targetAmount?: number };
					let rail = (body.payment_rail as string | undefined) ?? 'swift';
					let quoteId: string | null = null;
					const id = ctx.ids.make('payout_');
					if (body.quote_id !== undefined) {
						// a quote fixes both amounts, the rate and the fees: nothing is priced again
						const quote = takeQuote(ctx, body.quote_id as string, { resource: 'payout', by: id, beneficiaryId: body.beneficiary_id as string });
						source = quote.source_currency as string;
						destination = quote.destination_currency as string;
						requested = { sourceAmount: quote.source_amount as number, targetAmount: quote.destination_amount as number };
						rail = (quote.payment_rail as string | undefined) ?? rail;
						quoteId = quote.id;
					} else {
						source = body.source_currency as string;
						destination = body.destination_currency as string;
						requested = { sourceAmount: body.source_amount as number | undefined, targetAmount: body.destination_amount as number | undefined };
					}
					const quote = quoteId ? ctx.store.collection('quote').get(quoteId) : undefined;
					const priced = quote
						? {
								rate: quote.fx_rate as number,
								sourceAmount: quote.source_amount as number,
								targetAmount: quote.destination_amount as number,
								fee: ((quote.fees as Record<string, { amount: number }> | undefined)?.fx_fee?.amount ?? 0),
							}
						: priceExchange(source, destination, requested, source === destination ? 0 : FX_FEE_BPS);
					if (!priced) throw badRequest('Validation failed: Source amount is too small to cover fees');
					const { rate, sourceAmount, targetAmount: destinationAmount, fee: fxFee } = priced;
					const reserved = [body.source_amount, body.destination_amount];
					let status = 'in_progress';
					const documents: Array<Record<string, unknown>> = ((body.documents as string[] | undefined) ?? []).map((id) => ({
						id,
						type: 'invoice',
						status: 'uploaded',
						rfi_doc_id: null,
					}));
					if (ctx.account.makerChecker) status = 'pending_approval';
					else if (ctx.account.payoutQueueing) status = 'queued';
					else if (reserved.includes(SCREENING_UNAVAILABLE_AMOUNT)) status = 'failed';
					else if (reserved.includes(SCREENING_HIT_AMOUNT)) {
						status = 'action_required';
						documents.push(...requestDocuments(ctx, id));
					} else ctx.balances.assertCovers(source, sourceAmount);
					return {
						id,
						status,
						source_amount: sourceAmount,
						source_currency: source,
						destination_amount: destinationAmount,
						destination_currency: destination,
						beneficiary_id: body.beneficiary_id,
						purpose_code: body.purpose_code,
						documents,
						mid_market_rate: { currency: destination, rate },
						fees: {
							fx_fee: { amount: fxFee, currency: source },
							txn_fee: { amount: 0, currency: source },
						},
						utr: null,
						request_id: body.request_id ?? null,
						payment_rail: rail,
						invoice_number: body.invoice_number ?? null,
						fee_collection_mode: 'deducted',
						error_code: null,
						error_description: null,
						customer_error_description: null,
						quote_id: quoteId,
						taxes: [],
						notes: body.notes ?? null,
						_held: 0,
						_stage: status === 'in_progress' ? 'bank' : undefined,
					};
				},
				afterInsert: (rec, ctx) => {
					if (rec.status !== 'in_progress') return;
					ctx.balances.debit(rec.source_currency as string, rec.source_amount as number);
					ctx.store.collection('payout').update(rec.id, { _held: rec.source_amount });
				},
				present: (rec) => presentPayout(rec),
				event: (rec) => ['payout', rec.status as string],
			}),
		},
		{
			method: 'GET',
			path: `${V1}/payouts`,
			handler: listHandler({
				kind: 'payout',
				filters: [{ param: 'status', enum: PAYOUT_STATUSES }, { param: 'beneficiary_id' }, { param: 'request_id' }],
				present: (rec) => presentPayout(rec),
			}),
		},
		{
			method: 'PATCH',
			path: `${V1}/payouts/mock`,
			handler: (req, ctx) => {
				const body = validateBody(req.body, {
					fields: {
						id: { type: 'string', required: true },
						status: { type: 'string', required: true },
					},
				});
				const record = loadRecord(ctx, 'payout', body.id as string, 'Payout not found');
				return { status: 200, body: presentPayout(mockStep(ctx, record, body.status as string)) };
			},
		},
		{
			method: 'GET',
			path: `${V1}/payouts/:id`,
			handler: getHandler({ kind: 'payout', notFound: 'Payout not found', present: (rec) => presentPayout(rec) }),
		},
		{
			method: 'PATCH',
			path: `${V1}/payouts/:id/cancel`,
			handler: (req, ctx) => {
				const record = loadRecord(ctx, 'payout', req.params.id, 'Payout not found');
				const status = record.status as string;
				const cancellable = ['pending_approval', 'queued', 'action_required'].includes(status) || (status === 'in_progress' && record._stage === 'review');
				if (!cancellable) throw badRequest('Payout cannot be cancelled in its current state');
				return { status: 200, body: presentPayout(move(ctx, record, 'cancelled')) };
			},
		},
		{
			method: 'PATCH',
			path: `${V1}/payouts/:id/update_rfi`,
			handler: (req, ctx) => {
				const record = loadRecord(ctx, 'payout', req.params.id, 'Payout not found');
				const answers = rfiAnswers(req.body);
				const documents = record.documents as Array<Record<string, unknown>>;
				const wanted = documents.filter((doc) => doc.rfi_doc_id && doc.status === 'pending');
				const fits = answersFit(answers, wanted);
				if (record.status !== 'action_required' || !fits) {
					throw badRequest('Invalid rfi_doc_id or payout not in action_required status');
				}
				for (const answer of answers) {
					const requirement = documents.find((doc) => doc.rfi_doc_id === answer.rfi_doc_id);
					if (requirement) Object.assign(requirement, { id: answer.id, status: 'uploaded' });
				}
				const still = documents.some((doc) => doc.rfi_doc_id && doc.status === 'pending');
				if (still) {
					const updated = ctx.store.collection('payout').update(record.id, { documents });
					return { status: 200, body: presentPayout(updated) };
				}
				// answered: under compliance review, funds held again
				return { status: 200, body: presentPayout(move(ctx, record, 'in_progress', { documents, _stage: 'review' })) };
			},
		},
	],
};
