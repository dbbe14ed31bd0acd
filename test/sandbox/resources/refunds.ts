import { ApiError, badRequest, notFound } from '../core/errors';
import { IdempotencyRule } from '../core/idempotency';
import { announce, createHandler, getHandler, listHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { answersFit, rfiAnswers, validateBody } from '../core/validate';

/**
 * Refunds of payments (glomo-domain.md §8.5, §9, §11 "Refunds"; the published createRefund and
 * Refund schema). The payments refunded are the rows of the `payment` collection (the payments
 * module's, or seeded with `sandbox.insert('payment', …)`).
 *
 * Create (`POST /refunds`), checked in this order, nothing stored when refused:
 * - the body (payment_id and reason required, reason one of the spec's four values, including its
 *   misspelt `Fradulent`; amount a positive integer); a reused request_id is a 400
 *   `Refund already exists for this request_id`;
 * - the payment must exist (404 `Payment not found`) and be refundable, each refusal a 400 worded
 *   by us (Glomo's wording is not documented): `success` status; not held or rejected by compliance;
 *   made within 180 days (paid_at, else created_at); not pay-via-bank and not an add-funds payin;
 * - the amount: none means what is left to refund (a full refund when nothing was refunded yet);
 *   a partial refund (less than the payment) only of a card payment; refunds already made, pending
 *   ones included (everything but failed and cancelled), plus this one may not pass the payment's
 *   `payment_amount`: 400 `Refund amount exceeds the refundable amount of the payment. Refundable
 *   amount: N.` (N in minor units of the payment currency), or, once nothing is left, 400
 *   `Payment has already been fully refunded`.
 * Then the refund is made in the payment's currency and paid from the available balance of that
 * currency. When the balance cannot cover it, the refund is stored `failed` and answered 422 with
 * the refund object as body (§3), to which we add `error: "Refund creation failed"` (a label
 * Glomo uses on refunds) and the insufficient-balance `message` and `code` Glomo words for payouts,
 * so a client has a message to show; `refund.failed` is announced. Otherwise the balance is
 * debited and the refund answers 202 `in_progress` (no webhook: §7.5 has no refund in_progress
 * event). Sandbox convention of ours, as for orders and payouts: a refund of 6623 is created
 * `action_required` with one document requirement (202, `refund.action_required`).
 *
 * Later steps: `PATCH /refunds/{id}/update_rfi` answers the requirement (action_required →
 * under_review); the sandbox mock `PATCH /refunds/{id}/mock_update_status` {status: success |
 * failed} moves an in_progress or under_review refund to its bank outcome (`refund.success` /
 * `refund.failed`; a failed refund's amount goes back to the balance); any other step is a 400
 * `Refund cannot be marked <status>.` (the older spec's wording). With a production key the mock
 * is a 404, as in live.
 *
 * Records follow the published Refund schema, plus `request_id` (the transport looks a create up by
 * it; inferred, as payouts echo theirs). The status is `in_progress` as the API returns it (the
 * spec's enum says `pending`); the list's `status=pending` finds in_progress refunds too.
 */

export const REFUND_REASONS = ['Requested By Customer', 'Duplicate', 'Fradulent', 'Others'] as const;
export const REFUND_STATUSES = ['in_progress', 'success', 'failed', 'action_required', 'under_review', 'cancelled'] as const;

export const REFUND_IDEMPOTENCY: IdempotencyRule = { status: 400, message: 'Refund already exists for this request_id' };

/** Sandbox convention of ours: a refund of this amount is held for documents at creation. */
export const REFUND_RFI_AMOUNT = 6623;
/** Glomo refunds payments up to 180 days old. */
export const REFUND_WINDOW_DAYS = 180;
const DAY_MS = 86_400_000;

/** Refunds that no longer hold any of the payment's money. */
const RELEASED = new Set(['failed', 'cancelled']);
/** What the mock may move to its bank outcome. */
const MOCKABLE = new Set(['in_progress', 'under_review']);
const NOT_REFUNDABLE_METHODS = new Set(['pay_via_bank']);
const WITHHELD = new Set(['action_required', 'under_review', 'rejected']);

/** A refund as Glomo shows it: the sandbox's bookkeeping (keys starting with _) left out. */
export function presentRefund(record: StoredRecord): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_')));
}

function methodOf(payment: StoredRecord): string | undefined {
	const method = payment.payment_method as { type?: unknown } | string | null | undefined;
	if (typeof method === 'string') return method;
	return typeof method?.type === 'string' ? method.type : undefined;
}

/** Minor units of the payment held by its refunds so far (pending ones included). */
export function refundedSoFar(ctx: SandboxContext, paymentId: string): number {
	return ctx.store
		.collection('refund')
		.lookup('payment_id', (r) => (typeof r.payment_id === 'string' ? r.payment_id : undefined), paymentId)
		.filter((r) => !RELEASED.has(String(r.status)))
		.reduce((sum, r) => sum + (typeof r.amount === 'number' ? r.amount : 0), 0);
}

/** The payment a refund is asked for, with every eligibility rule checked (400/404 otherwise). */
function refundablePayment(ctx: SandboxContext, paymentId: string): StoredRecord {
	const payment = paymentId.startsWith('payt_') ? ctx.store.collection('payment').get(paymentId) : undefined;
	if (!payment) throw notFound('Payment not found');
	if (payment.status !== 'success') throw badRequest('Only a payment in success status can be refunded');
	if (WITHHELD.has(String(payment.compliance_status))) throw badRequest('Payment is held or rejected by compliance and cannot be refunded');
	const made = Date.parse(String(payment.paid_at ?? payment.created_at));
	if (Date.now() - made > REFUND_WINDOW_DAYS * DAY_MS) throw badRequest(`Payment is older than ${REFUND_WINDOW_DAYS} days and cannot be refunded`);
	if (payment.payin_type === 'add_funds' || payment.payment_type === 'add_funds') throw badRequest('Add funds payments cannot be refunded');
	const method = methodOf(payment);
	if (method !== undefined && NOT_REFUNDABLE_METHODS.has(method)) throw badRequest('Pay via bank payments cannot be refunded');
	if (typeof payment.payment_amount !== 'number' || typeof payment.payment_currency !== 'string') {
		throw badRequest('Payment has no amount to refund');
	}
	return payment;
}

/** The amount of this refund: the given one, or what is left; refused past the payment's amount. */
function refundAmount(ctx: SandboxContext, payment: StoredRecord, given: number | undefined): number {
	const total = payment.payment_amount as number;
	const left = Math.max(0, total - refundedSoFar(ctx, payment.id));
	if (left === 0) throw badRequest('Payment has already been fully refunded');
	const amount = given ?? left;
	if (amount > left) {
		throw badRequest(`Refund amount exceeds the refundable amount of the payment. Refundable amount: ${left}.`);
	}
	if (amount < total && methodOf(payment) !== 'card') throw badRequest('Partial refunds are only supported for card payments');
	return amount;
}

function move(ctx: SandboxContext, refund: StoredRecord, status: string, patch: Record<string, unknown> = {}): StoredRecord {
	const updated = ctx.store.collection('refund').update(refund.id, { status, ...patch });
	if (['success', 'failed', 'action_required'].includes(status)) announce(ctx, 'refund', status, updated, presentRefund);
	return updated;
}

/** `POST /refunds`: 201 success, 202 in progress or held (a failed one is turned into the 422 below). */
const createRefund = createHandler({
	kind: 'refund',
	idempotency: REFUND_IDEMPOTENCY,
	schema: {
		fields: {
			payment_id: { type: 'string', required: true },
			reason: { type: 'string', required: true, enum: REFUND_REASONS },
			amount: { type: 'integer', min: 1 },
			request_id: { type: 'string', maxLength: 64 },
			document_id: { type: 'string', nullable: true, pattern: /^doc_/, patternMessage: "must start with 'doc_'" },
			document_url: { type: 'string', nullable: true },
			file_name: { type: 'string', nullable: true },
		},
	},
	build: (body, ctx) => {
		const payment = refundablePayment(ctx, body.payment_id as string);
		const amount = refundAmount(ctx, payment, body.amount as number | undefined);
		const currency = String(payment.payment_currency).toUpperCase();
		const covered = ctx.balances.availableOf(currency) >= amount;
		const held = covered && amount === REFUND_RFI_AMOUNT;
		const documents: Array<Record<string, unknown>> = [];
		if (body.document_id) documents.push({ id: body.document_id, type: 'refund', status: 'uploaded' });
		if (held) documents.push({ id: null, rfi_doc_id: ctx.ids.make('rfidoc_'), type: 'rfi', status: 'pending' });
		return {
			...(typeof payment.customer_id === 'string' ? { customer_id: payment.customer_id } : {}),
			payment_id: payment.id,
			reason: body.reason,
			fx_fee: { amount: 0, currency },
			txn_fee: { amount: 0, currency },
			documents,
			status: covered ? (held ? 'action_required' : 'in_progress') : 'failed',
			currency,
			amount,
			request_id: body.request_id ?? null,
			_payment_method: methodOf(payment) ?? null,
		};
	},
	afterInsert: (refund, ctx) => {
		if (refund.status !== 'failed') ctx.balances.debit(refund.currency as string, refund.amount as number);
	},
	present: (rec) => presentRefund(rec),
	event: (rec) => (rec.status === 'in_progress' ? null : ['refund', String(rec.status)]),
	status: (rec) => (rec.status === 'success' ? 201 : 202),
});

export const refundsModule: ResourceModule = {
	name: 'refunds',
	kinds: [{ kind: 'refund', prefix: 'refund_', aliases: ['refunds'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/refunds`,
			handler: async (req, ctx) => {
				const result = await createRefund(req, ctx);
				const refund = result.body as Record<string, unknown>;
				if (refund.status !== 'failed') return result;
				const shortfall = (refund.amount as number) - ctx.balances.availableOf(refund.currency as string);
				return {
					status: 422,
					body: {
						...refund,
						error: 'Refund creation failed',
						message: `Account has insufficient balance to process this transaction. Additional amount required: ${shortfall}.`,
						code: 'INSUFFICIENT_BALANCE',
					},
				};
			},
		},
		{
			method: 'GET',
			path: `${V1}/refunds`,
			handler: listHandler({
				kind: 'refund',
				filters: [
					{ param: 'customer_id' },
					{ param: 'payment_id' },
					{ param: 'payment_method', field: '_payment_method' },
					{
						param: 'status',
						enum: [...REFUND_STATUSES, 'pending'],
						// the spec's `pending` is the API's in_progress
						test: (r, value) => r.status === (value === 'pending' ? 'in_progress' : value),
					},
					{ param: 'request_id' },
				],
				present: (rec) => presentRefund(rec),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/refunds/:id`,
			handler: getHandler({ kind: 'refund', notFound: 'Refund not found', present: (rec) => presentRefund(rec) }),
		},
		{
			method: 'PATCH',
			path: `${V1}/refunds/:id/update_rfi`,
			handler: (req, ctx) => {
				const refund = loadRecord(ctx, 'refund', req.params.id, 'Refund not found');
				const answers = rfiAnswers(req.body);
				const documents = refund.documents as Array<Record<string, unknown>>;
				const wanted = documents.filter((doc) => typeof doc.rfi_doc_id === 'string' && doc.id === null);
				const fits = answersFit(answers, wanted);
				if (refund.status !== 'action_required' || !fits) throw badRequest('Invalid rfi_doc_id or refund not in action_required status');
				const answered = documents.map((doc) => {
					const answer = answers.find((a) => a.rfi_doc_id === doc.rfi_doc_id);
					return answer ? { ...doc, id: answer.id, status: 'uploaded' } : doc;
				});
				return { status: 200, body: presentRefund(move(ctx, refund, 'under_review', { documents: answered })) };
			},
		},
		{
			method: 'PATCH',
			path: `${V1}/refunds/:id/mock_update_status`,
			handler: (req, ctx) => {
				// mock endpoints do not exist in live
				if (req.key?.env === 'production') throw new ApiError(404, `No route matches ${req.method} ${req.path}`);
				const refund = loadRecord(ctx, 'refund', req.params.id, 'Refund not found');
				const body = validateBody(req.body, { fields: { status: { type: 'string', required: true, enum: ['success', 'failed'] } } });
				const target = body.status as string;
				if (!MOCKABLE.has(String(refund.status))) throw badRequest(`Refund cannot be marked ${target}.`);
				// a failed refund's money goes back to the balance it was paid from
				if (target === 'failed') ctx.balances.credit(refund.currency as string, refund.amount as number);
				return { status: 200, body: presentRefund(move(ctx, refund, target)) };
			},
		},
	],
};
