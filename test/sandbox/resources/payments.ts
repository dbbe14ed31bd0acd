import { createHmac } from 'node:crypto';

import { ApiError, badRequest, notFound } from '../core/errors';
import { assertFreshRequest, IdempotencyRule } from '../core/idempotency';
import { listOrdered } from '../core/list';
import { announce, ApiRequest, ApiResult, getHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { answersFit, BodySchema, rfiAnswers, validateBody, validationError } from '../core/validate';
import { presentOrder } from './orders';
import { presentPaymentLink } from './paymentLinks';
import { raiseRfi } from './rfis';
import { addSettleableFunds } from './settlements';
import { firstPaymentSucceeded } from './subscriptionBilling';

/**
 * Payments (`/payment`, ids `payt_…`): money received, by bank transfer into a payment link or an
 * order, or by card (server-to-server). Behaviour (glomo-domain.md §3, §4, §8.3, §8.4, §9, §11):
 *
 * - `GET /payment` filters: customer_id, status, compliance_status, payin_id, payment_type (matches
 *   payin_type), subscription_id, currency (requested or converted, any case), request_id. `status`
 *   takes only in_progress|success|failed|action_required (else 400) and `in_progress` also matches
 *   `under_review` payments; payin_id with subscription_id is a 400.
 * - `POST /payment/mock` (sandbox keys only; 404 with a production key, as in live): a bank transfer
 *   of `amount` (≥ 100) `currency` into `payin_id` (a payment link `payin_…` or an order `order_…`),
 *   or with `payment_method: BankTransfer` and no payin (nothing to match). Screening first: the
 *   reserved amount 6623 or `remitter_name: Sanctioned_Entity` is a sanctions hit; without the
 *   account's post-payment screening (`postPaymentScreening`, off by default) the payment is
 *   `action_required` SANCTION_HIT (no RFI, payin untouched); with it the payment is `success`, its
 *   funds held (`funds_available: false`), `compliance_status: action_required` and a compliance RFI
 *   raised (`rfi`, answered with update_rfi or RFI › Respond). Then matching: a payin that is not
 *   `active` (or unknown) → `action_required` PAYIN_NOT_FOUND; an amount or currency other than the
 *   payin's → `action_required` PAYIN_AMOUNT_MISMATCH; else `success`, funds available at once (the
 *   balance is credited) and the payin `paid`. Webhooks: `payment.<status>` (a held hit adds
 *   `payment.compliance_action_required`), then `payment_link.paid` or `orders.paid`.
 * - `GET /payment/{id}/eligible-payins` (our decision, the reference leaves it open): for an unmatched
 *   payment (action_required PAYIN_NOT_FOUND or PAYIN_AMOUNT_MISMATCH), the active payment links and
 *   orders of exactly its amount and currency, newest first, as `{data: [...]}`; for any other
 *   payment an empty list. `POST /payment/{id}/connect-payin {payin_id}` attaches such a payment to
 *   one of them: payment `success` (funds available), payin `paid`, with their webhooks; a payment
 *   that is not unmatched, or a payin that is not active or not of that amount and currency, is a 400.
 * - `PATCH /payment/{id}/mock-funds-available` (sandbox keys only): a `success` payment whose funds
 *   are not available yet becomes `funds_available: true` (balance credited), webhook
 *   `payment.funds_available`; refusals are 400 bodies with only `error` (`Payment must be in success
 *   status`, `Transaction already has funds available`). The LRS-gateway and direct-settlement rules
 *   are not modelled (the sandbox has neither).
 * - `PATCH /payment/{id}/update_rfi {documents: [{id, rfi_doc_id}]}`: answers the payment's open RFI
 *   (every rfi_doc_id one it asks for): compliance hold → `compliance_status: under_review`
 *   (webhook `compliance_under_review`), a payment itself `action_required` → `under_review`.
 * - `POST /payment` (S2S card payments, supplement, inferred): exactly one of order_id /
 *   subscription_id; first payments send `method: card`, `card` {number, expiry_month, expiry_year,
 *   cvv, holder_name} and an HTTPS `callback_url`; later charges of an `as_presented` subscription
 *   send `sequence: subsequent`, `amount` (≤ max_amount), `currency` and nothing of the card. A
 *   reused request_id is 400 `Payment already exists for this request_id`; the order must be active
 *   and hold no other in_progress payment (400 `The order has an existing in progress payment`, as
 *   Glomo says of LRS orders). Test cards: see
 *   TEST_CARDS and test/sandbox/README.md; any other number is 400 `Card is not a valid test card`.
 *   An accepted card gives an `in_progress` payment whose `next_steps.redirect_url` is the 3DS page
 *   (`GET /checkout/3ds/{id}` on the sandbox, no key): opening it completes the payment (`success`,
 *   or `failed` with `?outcome=failed`) and redirects to the callback_url with payment_id, order_id
 *   (the subscription id for subscription payments), status and signature = hex HMAC-SHA256 of
 *   `order_id|payment_id|status` keyed with the secret key that created the payment.
 *   Card numbers and CVVs are never stored: a payment keeps the card's BIN and last 4 digits.
 */

export const PAYMENT_IDEMPOTENCY: IdempotencyRule = { status: 400, message: 'Payment already exists for this request_id' };
/** What the list's `status` filter accepts (the returned status can also be `under_review`). */
export const PAYMENT_STATUS_FILTERS = ['in_progress', 'success', 'failed', 'action_required'] as const;
export const COMPLIANCE_STATUSES = ['under_review', 'action_required', 'approved', 'rejected'] as const;
export const PAYMENT_TYPES = ['payment_link', 'orders', 'add_funds'] as const;
/** The reserved amount (minor units, any currency) that screening always flags (glomo-domain.md §9). */
export const SANCTION_AMOUNT = 6623;
export const MOCK_MIN_AMOUNT = 100;
const UNMATCHED = ['PAYIN_NOT_FOUND', 'PAYIN_AMOUNT_MISMATCH'];

export interface TestCard {
	network: string;
	type: 'credit' | 'debit';
	country: string;
	/** `challenge`: accepted, 3DS page next; otherwise the error code the attempt fails with at once */
	outcome: 'challenge' | 'PAYMENT_DECLINED' | 'INSUFFICIENT_BALANCE' | 'CARD_NOT_SUPPORTED_ON_3DS';
}

/** The sandbox's test cards (our convention: Glomo's own list was not available). */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
	'4242424242424242': { network: 'Visa', type: 'credit', country: 'US', outcome: 'challenge' },
	'5555555555554444': { network: 'Mastercard', type: 'debit', country: 'GB', outcome: 'challenge' },
	'378282246310005': { network: 'American Express', type: 'credit', country: 'US', outcome: 'challenge' },
	'4000000000000002': { network: 'Visa', type: 'credit', country: 'US', outcome: 'PAYMENT_DECLINED' },
	'4000000000009995': { network: 'Visa', type: 'debit', country: 'US', outcome: 'INSUFFICIENT_BALANCE' },
	'4000000000003063': { network: 'Visa', type: 'credit', country: 'US', outcome: 'CARD_NOT_SUPPORTED_ON_3DS' },
};

/** error_description and customer_error_description per error_code (our wording). */
const PAYMENT_ERRORS: Record<string, { description: string; customer: string | null }> = {
	PAYMENT_DECLINED: {
		description: 'The payment attempt was declined by the card issuer.',
		customer: 'Your bank declined this payment. Try another card or contact your bank.',
	},
	INSUFFICIENT_BALANCE: { description: 'The card has insufficient funds.', customer: 'Your card has insufficient funds.' },
	CARD_NOT_SUPPORTED_ON_3DS: {
		description: 'The card does not support 3D Secure authentication.',
		customer: 'This card cannot be used for online payments. Try another card.',
	},
	CARD_EXPIRED: { description: 'The card has expired.', customer: 'Your card has expired.' },
	INVALID_CARD_CVV: { description: 'The card security code is invalid.', customer: 'The security code is incorrect.' },
	PAYIN_NOT_FOUND: { description: 'No active payment link or order matches this transfer.', customer: null },
	PAYIN_AMOUNT_MISMATCH: { description: 'The amount or currency received differs from what the payment link or order asks for.', customer: null },
	SANCTION_HIT: { description: 'Sanctions screening flagged the remitter; only Glomo support can release this payment.', customer: null },
};

/** Optional fields the spec types without null: left out of a payment's JSON when not set. */
const OMITTED_WHEN_NULL = [
	'payin_type',
	'customer_id',
	'purpose_code',
	'sender_name',
	'error_code',
	'error_description',
	'settlement_id',
	'country',
	'next_steps',
	'rfi_id',
];

/** A payment as Glomo shows it: its open RFI (if any) as it stands now, unset optional fields left out. */
export function presentPayment(record: StoredRecord, ctx: SandboxContext): Record<string, unknown> {
	const shown: Record<string, unknown> = Object.fromEntries(
		Object.entries(record).filter(([key, value]) => !(value === null && OMITTED_WHEN_NULL.includes(key))),
	);
	const rfi = typeof record.rfi_id === 'string' ? ctx.store.collection('rfi').get(record.rfi_id) : undefined;
	if (rfi) {
		shown.rfi = {
			id: rfi.id,
			reason_code: rfi.reason_code,
			reason_code_description: rfi.reason_code_description,
			response_deadline: rfi.response_deadline ?? null,
			status: rfi.status,
			documents_required: rfi.documents_required ?? [],
		};
	}
	return shown;
}

const present = (ctx: SandboxContext) => (record: StoredRecord) => presentPayment(record, ctx);

// ---------------------------------------------------------------------------------------------
// payins (payment links and orders)
// ---------------------------------------------------------------------------------------------

interface Payin {
	record: StoredRecord;
	/** the payment's payin_type */
	type: 'payment_link' | 'orders';
	/** collection */
	kind: 'payment_link' | 'order';
}

function findPayin(ctx: SandboxContext, id: string): Payin | undefined {
	if (id.startsWith('payin_')) {
		const record = ctx.store.collection('payment_link').get(id);
		return record && { record, type: 'payment_link', kind: 'payment_link' };
	}
	if (id.startsWith('order_')) {
		const record = ctx.store.collection('order').get(id);
		return record && { record, type: 'orders', kind: 'order' };
	}
	return undefined;
}

/** A payin paid in full: `paid`, with its webhook (`payment_link.paid` or `orders.paid`). */
function markPaid(ctx: SandboxContext, payin: Payin): void {
	const paid = ctx.store.collection(payin.kind).update(payin.record.id, { status: 'paid' });
	if (payin.kind === 'order') announce(ctx, 'orders', 'paid', paid, presentOrder);
	else announce(ctx, 'payment_link', 'paid', paid, presentPaymentLink);
}

// ---------------------------------------------------------------------------------------------
// making and moving payments
// ---------------------------------------------------------------------------------------------

interface NewPayment {
	amount: number;
	currency: string;
	status: string;
	payin?: Payin;
	subscriptionId?: string;
	customerId?: unknown;
	purposeCode?: unknown;
	senderName?: string | null;
	country?: string | null;
	method: Record<string, unknown>;
	errorCode?: string;
	requestId?: unknown;
	nextSteps?: Record<string, unknown> | null;
	autoDebit?: boolean | null;
	productName?: unknown;
	productDescription?: unknown;
}

/** A new payment's fields in the shape of GET /payment/{id}; amounts all in the one currency (no FX or fees in the sandbox). */
function paymentFields(ctx: SandboxContext, p: NewPayment): Record<string, unknown> {
	const now = ctx.clock.tickIso();
	const error = p.errorCode === undefined ? undefined : PAYMENT_ERRORS[p.errorCode];
	const product = (p.payin?.record.product ?? null) as { name?: unknown; description?: unknown } | null;
	return {
		id: ctx.ids.make('payt_'),
		payin_id: p.payin?.record.id ?? null,
		payin_type: p.payin?.type ?? null,
		subscription_id: p.subscriptionId ?? null,
		merchant_id: ctx.merchantId,
		customer_id: p.customerId ?? p.payin?.record.customer_id ?? null,
		status: p.status,
		compliance_status: null,
		payment_amount: p.amount,
		payment_currency: p.currency,
		requested_amount: p.amount,
		requested_currency: p.currency,
		converted_amount: p.amount,
		converted_currency: p.currency,
		purpose_code: p.purposeCode ?? p.payin?.record.purpose_code ?? null,
		sender_name: p.senderName ?? null,
		notes: {},
		error_code: p.errorCode ?? null,
		error_description: error?.description ?? null,
		customer_error_description: error?.customer ?? null,
		paid_at: p.status === 'success' ? now : null,
		fee_bearer: 'merchant',
		fee_collection_mode: 'immediate',
		fee_breakdown: { fx_fee: [], txn_fee: [], referral_fee: [] },
		documents: [],
		settlement_id: null,
		funds_available: false,
		payment_method: p.method,
		auto_debit: p.autoDebit ?? null,
		product_name: p.productName ?? product?.name ?? null,
		product_description: p.productDescription ?? product?.description ?? null,
		country: p.country ?? null,
		rfi_id: null,
		next_steps: p.nextSteps ?? null,
		request_id: p.requestId ?? null,
		created_at: now,
		updated_at: now,
	};
}

/** The amount and currency a payment brings to the balance. */
function fundsOf(payment: StoredRecord): { amount: number; currency: string } {
	const amount = payment.converted_amount ?? payment.requested_amount ?? payment.payment_amount;
	const currency = payment.converted_currency ?? payment.requested_currency ?? payment.payment_currency;
	return { amount: typeof amount === 'number' ? amount : 0, currency: String(currency ?? '').toUpperCase() };
}

/** Funds of a successful payment made available: the balance is credited, the payment marked (no webhook here). */
function makeAvailable(ctx: SandboxContext, payment: StoredRecord): StoredRecord {
	return addSettleableFunds(ctx, { ...fundsOf(payment), payment_id: payment.id });
}

/**
 * A payment that just succeeded with nothing held: funds available, `payment.success`, then the payin
 * it pays `paid` and a subscription's first payment turning it `active`.
 */
function succeeded(ctx: SandboxContext, payment: StoredRecord, payin?: Payin): StoredRecord {
	const row = makeAvailable(ctx, payment);
	announce(ctx, 'payment', 'success', row, present(ctx));
	if (payin) markPaid(ctx, payin);
	return row;
}

function errorFields(code: string): Record<string, unknown> {
	const error = PAYMENT_ERRORS[code];
	return { error_code: code, error_description: error.description, customer_error_description: error.customer };
}

// ---------------------------------------------------------------------------------------------
// POST /payment/mock
// ---------------------------------------------------------------------------------------------

/** Mock endpoints do not exist in live: a production key gets the router's 404. */
function sandboxOnly(req: ApiRequest): void {
	if (req.key?.env === 'production') throw new ApiError(404, `No route matches ${req.method} ${req.path}`);
}

const MOCK_SCHEMA: BodySchema = {
	additionalProperties: false,
	fields: {
		amount: { type: 'integer', required: true, min: MOCK_MIN_AMOUNT },
		currency: { type: 'string', required: true, pattern: /^[A-Za-z]{3}$/ },
		payment_method: { type: 'string', enum: ['BankTransfer'] },
		payin_id: { type: 'string' },
		remitter_name: { type: 'string', enum: ['Sanctioned_Entity', 'Non_Sanctioned_Entity'] },
	},
};

function mockPayment(req: ApiRequest, ctx: SandboxContext): ApiResult {
	sandboxOnly(req);
	const body = validateBody(req.body, MOCK_SCHEMA);
	const payinId = typeof body.payin_id === 'string' && body.payin_id.trim() ? body.payin_id.trim() : undefined;
	if (payinId === undefined && body.payment_method === undefined) {
		throw badRequest('Either payin_id or payment_method is required');
	}
	const amount = body.amount as number;
	const currency = (body.currency as string).toUpperCase();
	const remitter = (body.remitter_name as string | undefined) ?? 'Non_Sanctioned_Entity';
	const payin = payinId === undefined ? undefined : findPayin(ctx, payinId);
	if (payinId !== undefined && !payin) throw notFound('Payin not found');

	const method = {
		type: 'bank_transfer',
		details: {
			sender_name: remitter,
			sender_country: 'USA',
			sender_account_number: String(1_000_000_000 + ctx.prng.int(9_000_000_000)),
			sender_bank_name: 'Sandbox Remitter Bank',
			transfer_type: 'swift',
			remittance_information: payin?.record.id ?? null,
		},
	};
	const base = { amount, currency, method, senderName: remitter, country: 'USA' };
	const payments = ctx.store.collection('payment');

	// screening runs before matching
	if (amount === SANCTION_AMOUNT || remitter === 'Sanctioned_Entity') {
		if (!ctx.account.postPaymentScreening) {
			const held = payments.insert(paymentFields(ctx, { ...base, status: 'action_required', errorCode: 'SANCTION_HIT' }));
			announce(ctx, 'payment', 'action_required', held, present(ctx));
			return { status: 201, body: presentPayment(held, ctx) };
		}
		// money received and matched, settlement held until compliance has its documents
		const matched = payin && payin.record.status === 'active' && payin.record.amount === amount && payin.record.currency === currency;
		const row = payments.insert(paymentFields(ctx, { ...base, status: 'success', payin: matched ? payin : undefined }));
		const rfi = raiseRfi(ctx, {
			entity_type: 'payment',
			entity_id: row.id,
			documents_required: [{ description: 'Proof of source of funds' }],
			reason_code: 'COMPLIANCE_REVIEW',
			reason_code_description: 'Payment screening needs documents about the remitter',
		});
		const flagged = payments.update(row.id, { compliance_status: 'action_required', rfi_id: rfi.id });
		announce(ctx, 'payment', 'success', flagged, present(ctx));
		announce(ctx, 'payment', 'compliance_action_required', flagged, present(ctx));
		if (matched) markPaid(ctx, payin);
		return { status: 201, body: presentPayment(flagged, ctx) };
	}

	let problem: string | undefined;
	if (!payin || payin.record.status !== 'active') problem = 'PAYIN_NOT_FOUND';
	else if (payin.record.amount !== amount || String(payin.record.currency).toUpperCase() !== currency) problem = 'PAYIN_AMOUNT_MISMATCH';
	if (problem) {
		const unmatched = payments.insert(paymentFields(ctx, { ...base, status: 'action_required', errorCode: problem }));
		announce(ctx, 'payment', 'action_required', unmatched, present(ctx));
		return { status: 201, body: presentPayment(unmatched, ctx) };
	}
	const row = payments.insert(paymentFields(ctx, { ...base, status: 'success', payin }));
	return { status: 201, body: presentPayment(succeeded(ctx, row, payin), ctx) };
}

// ---------------------------------------------------------------------------------------------
// unmatched payments: eligible payins, connect
// ---------------------------------------------------------------------------------------------

function isUnmatched(payment: StoredRecord): boolean {
	return payment.status === 'action_required' && UNMATCHED.includes(String(payment.error_code));
}

/** Active payment links and orders of exactly the payment's amount and currency, newest first. */
function eligiblePayins(ctx: SandboxContext, payment: StoredRecord): Array<Record<string, unknown>> {
	if (!isUnmatched(payment)) return [];
	const fits = (r: StoredRecord) =>
		r.status === 'active' && r.amount === payment.payment_amount && String(r.currency).toUpperCase() === String(payment.payment_currency).toUpperCase();
	const links = ctx.store.collection('payment_link').all().filter(fits).map((r) => ({ r, shown: presentPaymentLink(r) }));
	const orders = ctx.store.collection('order').all().filter(fits).map((r) => ({ r, shown: presentOrder(r) }));
	return [...links, ...orders]
		.sort((a, b) => b.r.created_at.localeCompare(a.r.created_at) || (a.r.id < b.r.id ? 1 : -1))
		.map(({ shown }) => shown);
}

function connectPayin(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const payment = loadRecord(ctx, 'payment', req.params.id, 'Payment not found');
	const body = validateBody(req.body, { additionalProperties: false, fields: { payin_id: { type: 'string', required: true } } });
	const payinId = (body.payin_id as string).trim();
	const payin = findPayin(ctx, payinId);
	if (!payin) throw notFound('Payin not found');
	if (!isUnmatched(payment)) throw badRequest('Only an unmatched payment (PAYIN_NOT_FOUND or PAYIN_AMOUNT_MISMATCH) can be connected to a payin');
	if (payin.record.status !== 'active') throw badRequest('Payin is not active');
	const sameMoney = payin.record.amount === payment.payment_amount && String(payin.record.currency).toUpperCase() === String(payment.payment_currency).toUpperCase();
	if (!sameMoney) throw badRequest('Payin amount and currency must match the payment');
	const connected = ctx.store.collection('payment').update(payment.id, {
		status: 'success',
		payin_id: payin.record.id,
		payin_type: payin.type,
		customer_id: payin.record.customer_id ?? payment.customer_id ?? null,
		purpose_code: payin.record.purpose_code ?? payment.purpose_code ?? null,
		error_code: null,
		error_description: null,
		customer_error_description: null,
		paid_at: ctx.clock.tickIso(),
	});
	return { status: 200, body: presentPayment(succeeded(ctx, connected, payin), ctx) };
}

// ---------------------------------------------------------------------------------------------
// RFI, funds
// ---------------------------------------------------------------------------------------------

function updateRfi(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const payment = loadRecord(ctx, 'payment', req.params.id, 'Payment not found');
	const answers = rfiAnswers(req.body);
	const rfi = typeof payment.rfi_id === 'string' ? ctx.store.collection('rfi').get(payment.rfi_id) : undefined;
	const wanted = (rfi?.status === 'action_required' ? rfi.documents_required : []) as Array<{ rfi_doc_id: string }>;
	const held = payment.status === 'action_required' || payment.compliance_status === 'action_required';
	const fits = answersFit(answers, wanted);
	if (!held || !fits || !rfi) throw badRequest('Invalid rfi_doc_id or payment not in action_required status');
	if (answers.some((a) => !a.id.startsWith('doc_'))) throw badRequest("Document id must start with 'doc_'");
	ctx.store.collection('rfi').update(rfi.id, {
		status: 'under_review',
		responses: [...((rfi.responses ?? []) as unknown[]), ...answers.map((a) => ({ rfi_doc_id: a.rfi_doc_id, doc_id: a.id }))],
	});
	const documents = [...((payment.documents ?? []) as unknown[]), ...answers.map((a) => ({ id: a.id, type: 'rfi', status: 'uploaded', rfi_doc_id: a.rfi_doc_id }))];
	const compliance = payment.compliance_status === 'action_required';
	const updated = ctx.store.collection('payment').update(payment.id, compliance ? { compliance_status: 'under_review', documents } : { status: 'under_review', documents });
	announce(ctx, 'payment', compliance ? 'compliance_under_review' : 'under_review', updated, present(ctx));
	return { status: 200, body: presentPayment(updated, ctx) };
}

/** A 400 whose body has only `error`, as the funds-available mock answers. */
const fundsRefusal = (message: string) => new ApiError(400, message, { body: { error: message } });

function mockFundsAvailable(req: ApiRequest, ctx: SandboxContext): ApiResult {
	sandboxOnly(req);
	const payment = loadRecord(ctx, 'payment', req.params.id, 'Payment not found');
	if (payment.status !== 'success') throw fundsRefusal('Payment must be in success status');
	if (payment.funds_available === true) throw fundsRefusal('Transaction already has funds available');
	const row = makeAvailable(ctx, payment);
	announce(ctx, 'payment', 'funds_available', row, present(ctx));
	return { status: 200, body: { data: presentPayment(row, ctx), message: 'Payment funds available status updated successfully' } };
}

// ---------------------------------------------------------------------------------------------
// POST /payment (S2S card payments) and the 3DS page
// ---------------------------------------------------------------------------------------------

const CREATE_SCHEMA: BodySchema = {
	additionalProperties: false,
	fields: {
		order_id: { type: 'string' },
		subscription_id: { type: 'string' },
		method: { type: 'string', enum: ['card'] },
		card: {
			type: 'object',
			additionalProperties: false,
			fields: {
				number: { type: 'string', required: true, pattern: /^\d{12,19}$/ },
				expiry_month: { type: 'string', required: true, pattern: /^(0[1-9]|1[0-2])$/ },
				expiry_year: { type: 'string', required: true, pattern: /^\d{4}$/ },
				cvv: { type: 'string', required: true, pattern: /^\d{3,4}$/ },
				holder_name: { type: 'string', required: true, maxLength: 128 },
			},
		},
		callback_url: { type: 'string' },
		request_id: { type: 'string', maxLength: 64 },
		sequence: { type: 'string', enum: ['subsequent'] },
		amount: { type: 'integer', min: 1 },
		currency: { type: 'string', pattern: /^[A-Za-z]{3}$/ },
	},
};

const CARD_FIELDS = ['method', 'card', 'callback_url'];

/** The request's own rules: one of order/subscription, the fields of a first payment or of a later charge. */
function checkCreate(body: Record<string, unknown>): void {
	if (body.order_id !== undefined && body.subscription_id !== undefined) throw badRequest('You can only send order_id or subscription_id, not both.');
	if (body.order_id === undefined && body.subscription_id === undefined) throw badRequest('You must send either order_id or subscription_id.');
	if (body.sequence === 'subsequent') {
		if (body.subscription_id === undefined) throw badRequest('sequence can only be sent with subscription_id');
		const clash = CARD_FIELDS.find((key) => body[key] !== undefined);
		if (clash) throw badRequest(`${clash} cannot be specified for a subsequent charge`);
		const missing: string[] = [];
		if (body.amount === undefined) missing.push("Amount can't be blank");
		if (body.currency === undefined) missing.push("Currency can't be blank");
		if (missing.length) validationError(...missing);
		return;
	}
	const clash = ['amount', 'currency'].find((key) => body[key] !== undefined);
	if (clash) throw badRequest(`${clash} can only be specified for a subsequent charge`);
	const missing: string[] = [];
	if (body.method === undefined) missing.push("Method can't be blank");
	if (body.card === undefined) missing.push("Card can't be blank");
	if (body.callback_url === undefined) missing.push("Callback url can't be blank");
	if (missing.length) validationError(...missing);
	let url: URL | undefined;
	try {
		url = new URL(body.callback_url as string);
	} catch {
		url = undefined;
	}
	if (url?.protocol !== 'https:') validationError('Callback url must be an HTTPS URL');
}

const TERMINAL_SUBSCRIPTION = ['cancelled', 'completed', 'expired', 'failed'];

/** What a S2S payment is for: an active order, or a subscription that can still be charged. */
function s2sTarget(ctx: SandboxContext, body: Record<string, unknown>): { payin?: Payin; subscription?: StoredRecord; amount: number; currency: string } {
	if (typeof body.order_id === 'string') {
		const payin = body.order_id.startsWith('order_') ? findPayin(ctx, body.order_id) : undefined;
		if (!payin) throw notFound('Order not found');
		if (payin.record.status !== 'active') throw badRequest(`Order cannot be paid in its current state: ${String(payin.record.status)}`);
		const busy = ctx.store.collection('payment').find((p) => p.payin_id === payin.record.id && p.status === 'in_progress');
		if (busy) throw badRequest('The order has an existing in progress payment');
		return { payin, amount: payin.record.amount as number, currency: String(payin.record.currency) };
	}
	const id = body.subscription_id as string;
	const subscription = id.startsWith('sub_') ? ctx.store.collection('subscription').get(id) : undefined;
	if (!subscription) throw notFound('Subscription not found');
	const status = String(subscription.status);
	if (TERMINAL_SUBSCRIPTION.includes(status)) throw badRequest(`Subscription cannot be charged from current state: ${status}`);
	if (body.sequence === 'subsequent') {
		if (subscription.interval_type !== 'as_presented') throw badRequest('Subsequent charges are only allowed for as_presented subscriptions');
		if (status !== 'active') throw badRequest(`Subscription cannot be charged from current state: ${status}`);
		const currency = (body.currency as string).toUpperCase();
		if (currency !== String(subscription.currency).toUpperCase()) throw badRequest('Currency must match the subscription currency');
		const most = subscription.max_amount;
		if (typeof most === 'number' && (body.amount as number) > most) throw badRequest(`Amount cannot exceed the subscription's max_amount of ${most}`);
		return { subscription, amount: body.amount as number, currency };
	}
	const amount = (subscription.amount ?? subscription.max_amount) as number;
	return { subscription, amount, currency: String(subscription.currency) };
}

/**
 * A scheduled charge of a fixed-frequency subscription, made by the daily renewal run (test-only,
 * subscriptions.ts): merchant-initiated on the card on file, `success` at once, funds available,
 * `payment.success`.
 */
export function renewalPayment(ctx: SandboxContext, subscription: StoredRecord): StoredRecord {
	const method = { type: 'card', details: (subscription.card_details as Record<string, unknown> | undefined) ?? {} };
	const row = ctx.store.collection('payment').insert(
		paymentFields(ctx, {
			amount: subscription.amount as number,
			currency: String(subscription.currency),
			status: 'success',
			subscriptionId: subscription.id,
			customerId: subscription.customer_id,
			method,
			autoDebit: true,
			productName: subscription.product_name,
			productDescription: subscription.product_description,
		}),
	);
	return succeeded(ctx, row);
}

/** The problem a first payment's card has (expired, wrong CVV length), or its test outcome. */
function cardOutcome(ctx: SandboxContext, card: Record<string, string>, test: TestCard): TestCard['outcome'] | 'CARD_EXPIRED' | 'INVALID_CARD_CVV' {
	const now = new Date(ctx.clock.tick());
	const year = Number(card.expiry_year);
	const month = Number(card.expiry_month);
	if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) return 'CARD_EXPIRED';
	if (card.cvv.length !== (test.network === 'American Express' ? 4 : 3)) return 'INVALID_CARD_CVV';
	return test.outcome;
}

function createPayment(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const body = validateBody(req.body, CREATE_SCHEMA);
	checkCreate(body);
	const payments = ctx.store.collection('payment');
	assertFreshRequest(payments, body, PAYMENT_IDEMPOTENCY);
	const target = s2sTarget(ctx, body);
	const common = {
		amount: target.amount,
		currency: target.currency,
		payin: target.payin,
		subscriptionId: target.subscription?.id,
		customerId: target.payin?.record.customer_id ?? target.subscription?.customer_id,
		requestId: body.request_id,
		autoDebit: target.subscription ? body.sequence === 'subsequent' : null,
		productName: target.subscription?.product_name,
		productDescription: target.subscription?.product_description,
	};

	if (body.sequence === 'subsequent') {
		// a merchant-initiated charge of the card on file: no customer step
		const method = { type: 'card', details: (target.subscription?.card_details as Record<string, unknown> | undefined) ?? {} };
		const row = payments.insert(paymentFields(ctx, { ...common, status: 'success', method }));
		return { status: 201, body: presentPayment(succeeded(ctx, row), ctx) };
	}

	const card = body.card as Record<string, string>;
	const test = TEST_CARDS[card.number];
	if (!test) throw badRequest('Card is not a valid test card');
	const details = {
		card_network: test.network,
		card_type: test.type,
		end_digits: card.number.slice(-4),
		country_code: test.country,
		card_holder_name: card.holder_name,
		card_bin: card.number.slice(0, 6),
		issuer_name: 'Sandbox Issuing Bank',
	};
	const method = { type: 'card', details };
	const outcome = cardOutcome(ctx, card, test);
	if (outcome !== 'challenge') {
		const failed = payments.insert(paymentFields(ctx, { ...common, status: 'failed', method, errorCode: outcome, senderName: card.holder_name }));
		announce(ctx, 'payment', 'failed', failed, present(ctx));
		return { status: 201, body: presentPayment(failed, ctx) };
	}
	const fields = paymentFields(ctx, { ...common, status: 'in_progress', method, senderName: card.holder_name });
	const host = typeof req.headers.host === 'string' ? req.headers.host : '127.0.0.1';
	fields.next_steps = { type: 'redirect', redirect_url: `http://${host}/checkout/3ds/${String(fields.id)}` };
	const row = payments.insert(fields);
	// what the 3DS page needs, kept apart from the payment (never shown): where to send the customer, what signs it
	ctx.store.collection('payment_challenge').insert({ payment_id: row.id, callback_url: body.callback_url, signing_key: req.token ?? '', done: false });
	if (target.subscription) ctx.store.collection('subscription').update(target.subscription.id, { card_details: details });
	// Glomo sends payment.in_progress only for some flows (LRS): none here
	return { status: 201, body: presentPayment(row, ctx) };
}

/** The customer's visit to the 3DS page: the payment completes, then the browser goes to the callback. */
function completeChallenge(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const payment = ctx.store.collection('payment').get(req.params.id);
	const challenge = payment && ctx.store.collection('payment_challenge').find((c) => c.payment_id === payment.id && c.done === false);
	if (!payment || !challenge || payment.status !== 'in_progress') throw badRequest('Payment is not awaiting authentication');
	ctx.store.collection('payment_challenge').update(challenge.id, { done: true });
	const payments = ctx.store.collection('payment');
	let row: StoredRecord;
	if (req.query.outcome === 'failed') {
		row = payments.update(payment.id, { ...errorFields('PAYMENT_DECLINED'), status: 'failed', next_steps: null });
		announce(ctx, 'payment', 'failed', row, present(ctx));
	} else {
		const payin = typeof payment.payin_id === 'string' ? findPayin(ctx, payment.payin_id) : undefined;
		const done = payments.update(payment.id, { status: 'success', paid_at: ctx.clock.tickIso(), next_steps: null });
		row = succeeded(ctx, done, payin?.record.status === 'active' ? payin : undefined);
		const subscription = typeof payment.subscription_id === 'string' ? ctx.store.collection('subscription').get(payment.subscription_id) : undefined;
		// a subscription waiting for its first payment becomes active, its schedule set (subscriptionBilling.ts)
		if (subscription) firstPaymentSucceeded(ctx, subscription);
	}
	const orderId = String(row.payin_id ?? row.subscription_id ?? '');
	const status = String(row.status);
	const signature = createHmac('sha256', String(challenge.signing_key)).update(`${orderId}|${row.id}|${status}`).digest('hex');
	const target = new URL(String(challenge.callback_url));
	for (const [key, value] of Object.entries({ order_id: orderId, payment_id: row.id, status, signature })) target.searchParams.set(key, value);
	return { status: 302, headers: { Location: target.toString() } };
}

// ---------------------------------------------------------------------------------------------
// the module
// ---------------------------------------------------------------------------------------------

function listPayments(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const given = (name: string) => (req.query[name] ?? '') !== '';
	if (given('payin_id') && given('subscription_id')) throw badRequest('You can only send payin_id or subscription_id, not both.');
	const body = listOrdered(ctx.store.collection('payment').byCreation(), req.query, {
		filters: [
			{ param: 'customer_id' },
			{
				param: 'status',
				enum: PAYMENT_STATUS_FILTERS,
				// a coarse filter: payments under review are listed as in progress
				test: (r, value) => r.status === value || (value === 'in_progress' && r.status === 'under_review'),
			},
			{ param: 'compliance_status', enum: COMPLIANCE_STATUSES },
			{ param: 'payin_id' },
			{ param: 'payment_type', field: 'payin_type', enum: PAYMENT_TYPES },
			{ param: 'subscription_id' },
			{
				param: 'currency',
				test: (r, value) => [r.requested_currency, r.converted_currency].some((c) => typeof c === 'string' && c.toUpperCase() === value.toUpperCase()),
			},
			{ param: 'request_id' },
		],
		present: present(ctx),
	});
	return { status: 200, body };
}

export const paymentsModule: ResourceModule = {
	name: 'payments',
	kinds: [
		{ kind: 'payment', prefix: 'payt_', aliases: ['payments'] },
		// the 3DS step of a card payment: callback URL and signing key, never shown
		{ kind: 'payment_challenge', prefix: 'pchal_', aliases: ['payment_challenges'] },
	],
	routes: [
		{ method: 'POST', path: `${V1}/payment`, handler: createPayment },
		{ method: 'GET', path: `${V1}/payment`, handler: listPayments },
		{ method: 'POST', path: `${V1}/payment/mock`, handler: mockPayment },
		{
			method: 'GET',
			path: `${V1}/payment/:id`,
			handler: getHandler({ kind: 'payment', notFound: 'Payment not found', present: (r, ctx) => presentPayment(r, ctx) }),
		},
		{ method: 'PATCH', path: `${V1}/payment/:id/update_rfi`, handler: updateRfi },
		{ method: 'PATCH', path: `${V1}/payment/:id/mock-funds-available`, handler: mockFundsAvailable },
		{
			method: 'GET',
			path: `${V1}/payment/:id/eligible-payins`,
			handler: (req, ctx) => {
				const payment = loadRecord(ctx, 'payment', req.params.id, 'Payment not found');
				return { status: 200, body: { data: eligiblePayins(ctx, payment) } };
			},
		},
		{ method: 'POST', path: `${V1}/payment/:id/connect-payin`, handler: connectPayin },
		{ method: 'GET', path: '/checkout/3ds/:id', handler: completeChallenge, auth: false },
	],
};
