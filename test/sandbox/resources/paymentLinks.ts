import { ApiError, badRequest, notFound } from '../core/errors';
import { parseIsoTimestamp } from '../core/list';
import { announce, ApiRequest, createHandler, getHandler, Handler, listHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { answersFit, FieldRule, rfiAnswers, validateBody, validationError } from '../core/validate';
import { ORDER_CURRENCIES, PAYIN_METHODS } from './orders';

/** Every status the published spec lists for a payment link (`partially_paid` is legacy, never produced here). */
export const PAYMENT_LINK_STATUSES = ['active', 'paid', 'failed', 'action_required', 'cancelled', 'partially_paid', 'under_review', 'expired'] as const;
/** Statuses after which a link never changes again. */
export const PAYMENT_LINK_FINAL_STATUSES = ['paid', 'failed', 'cancelled', 'expired', 'partially_paid'];
/** Our sandbox convention, as for orders: a link of this amount needs documents at creation. */
export const PAYMENT_LINK_RFI_AMOUNT = 6623;
/** Reminder intervals Glomo accepts, in days (published spec). */
export const REMINDER_FREQUENCIES = [1, 2, 7, 14];
/** How far ahead a link may expire, in calendar months (glomo-domain.md §8.2, §11). */
export const MAX_EXPIRY_MONTHS = 6;

/** The hosted page of a link: Glomo makes one only once the link is active (has passed review). */
export function checkoutUrl(id: string): string {
	return `https://checkout.sandbox.glomopay.test/payin/${id}`;
}

/** Optional fields the spec types without null: left out of a link's JSON when not set. */
const OMITTED_WHEN_NULL = [
	'document_id',
	'purpose_code',
	'invoice_number',
	'invoice_description',
	'invoice_amount',
	'reference_number',
	'last_reminder_sent_at',
	'payment_link',
	'reminder_frequency',
	'price_id',
	'product',
	'bank_account_details',
];
/** Kept on the record for the sandbox's own use, never shown. */
const INTERNAL = ['rfi_responses'];

/** A stored link as Glomo shows it: rfi_documents only while documents are wanted, unset optional fields left out. */
export function presentPaymentLink(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(record).filter(
			([key, value]) =>
				!INTERNAL.includes(key) &&
				!(value === null && OMITTED_WHEN_NULL.includes(key)) &&
				!(key === 'rfi_documents' && record.status !== 'action_required'),
		),
	);
}

/** `ms` plus `months` calendar months in UTC, kept in the last day of a shorter month (Aug 31 + 6 = Feb 28/29). */
export function addMonthsUtc(ms: number, months: number): number {
	const date = new Date(ms);
	const target = date.getUTCMonth() + months;
	const lastDay = new Date(Date.UTC(date.getUTCFullYear(), target + 1, 0)).getUTCDate();
	return Date.UTC(
		date.getUTCFullYear(),
		target,
		Math.min(date.getUTCDate(), lastDay),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
		date.getUTCMilliseconds(),
	);
}

/** An expires_at Glomo accepts: a timestamp strictly after now and at most 6 months ahead. Returns it as ISO-8601 UTC. */
function checkExpiresAt(value: string): string {
	const ms = parseIsoTimestamp(value);
	if (ms === undefined) validationError('Expires at is not a valid timestamp');
	const now = Date.now();
	if (ms <= now) validationError('Expires at must be in the future');
	if (ms > addMonthsUtc(now, MAX_EXPIRY_MONTHS)) validationError(`Expires at cannot be more than ${MAX_EXPIRY_MONTHS} months in the future`);
	return new Date(ms).toISOString();
}

const reminderFrequency: FieldRule = {
	type: 'number',
	nullable: true,
	check: (v) => (REMINDER_FREQUENCIES.includes(v as number) ? undefined : `must be one of: ${REMINDER_FREQUENCIES.join(', ')}`),
};

/** Mock endpoints exist only in the sandbox: a production key finds nothing there. */
function sandboxOnly(req: ApiRequest): void {
	if (req.key?.env === 'production') throw notFound('Not Found');
}

function loadLink(ctx: SandboxContext, id: string): StoredRecord {
	return loadRecord(ctx, 'payment_link', id, 'Payment link not found');
}

/** Store a change of a link, send its webhook (event = the status it is now in) and answer it. */
function change(ctx: SandboxContext, link: StoredRecord, patch: Record<string, unknown>) {
	const updated = ctx.store.collection('payment_link').update(link.id, patch);
	announce(ctx, 'payment_link', String(updated.status), updated, presentPaymentLink);
	return { status: 200, body: presentPaymentLink(updated) };
}

const updateRfi: Handler = (req, ctx) => {
	const link = loadLink(ctx, req.params.id);
	const answers = rfiAnswers(req.body);
	const wanted = (link.rfi_documents ?? []) as Array<{ rfi_doc_id: string }>;
	const fits = answersFit(answers, wanted);
	if (link.status !== 'action_required' || !fits) throw badRequest('Invalid rfi_doc_id or payment link not in action_required status');
	return change(ctx, link, { status: 'under_review', rfi_documents: [], rfi_responses: answers });
};

/**
 * Payment links (`/payin`, ids `payin_…`): create (customer must exist; request_id accepted and
 * ignored, as Glomo does, so a resend makes a second link), list (customer_id, status), get,
 * update of expires_at / reminder_frequency, cancel (active only), update_rfi (both spellings),
 * and the sandbox's mock review. Lifecycle: created `active` with its hosted URL, or, for the
 * reserved amount 6623, `action_required` with rfi_documents → update_rfi → `under_review` →
 * mock_mark_reviewed → `active` (URL made then). Every change sends a `payment_link` webhook whose
 * event is the new status. Another module (payments) marks a link `paid`.
 */
export const paymentLinksModule: ResourceModule = {
	name: 'paymentLinks',
	kinds: [{ kind: 'payment_link', prefix: 'payin_', aliases: ['payment_links', 'payin', 'payins'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/payin`,
			handler: createHandler({
				kind: 'payment_link',
				schema: {
					fields: {
						customer_id: { type: 'string', required: true },
						amount: { type: 'integer', required: true, min: 1 },
						currency: { type: 'string', required: true },
						purpose_code: { type: 'string', required: true },
						expires_at: { type: 'string', required: true },
						payment_methods: {
							type: 'array',
							required: true,
							items: { type: 'string', enum: PAYIN_METHODS },
							check: (v) => ((v as unknown[]).length ? undefined : "can't be blank"),
						},
						document_id: { type: 'string', nullable: true },
						invoice_number: { type: 'string', nullable: true },
						invoice_description: { type: 'string', nullable: true },
						invoice_amount: { type: 'integer', nullable: true, min: 0 },
						reference_number: { type: 'string', nullable: true },
						reminder_frequency: reminderFrequency,
						price_id: { type: 'string', nullable: true },
						product: {
							type: 'object',
							nullable: true,
							fields: { name: { type: 'string', required: true }, description: { type: 'string', nullable: true } },
						},
						notes: { type: 'object', nullable: true, values: { type: 'string', nullable: true } },
						bank_account_details: {
							type: 'object',
							nullable: true,
							fields: {
								account_number: { type: 'string', required: true },
								bic_primary: { type: 'string', nullable: true },
								bic_secondary: { type: 'string', nullable: true },
								bank_customer_id: { type: 'string', nullable: true },
							},
						},
						// accepted, never used: Glomo does not de-duplicate payment links (glomo-domain.md §4)
						request_id: { type: 'string', nullable: true },
					},
				},
				check: (body) => {
					if (!(ORDER_CURRENCIES as readonly string[]).includes(body.currency as string)) throw badRequest('Currency not supported');
					body.expires_at = checkExpiresAt(body.expires_at as string);
					const doc = body.document_id;
					if (typeof doc === 'string' && !doc.startsWith('doc_')) throw badRequest("document_id must start with 'doc_'");
					const bank = body.bank_account_details as Record<string, unknown> | null | undefined;
					if (bank && !bank.bic_primary && !bank.bic_secondary) validationError('Bank account details must include bic_primary or bic_secondary');
				},
				build: (body, ctx) => {
					const customerId = body.customer_id as string;
					if (!customerId.startsWith('cust_') || !ctx.store.collection('customer').get(customerId)) throw notFound('Customer not found');
					const held = body.amount === PAYMENT_LINK_RFI_AMOUNT;
					const id = ctx.ids.make('payin_');
					const bank = body.bank_account_details as Record<string, unknown> | null | undefined;
					return {
						id,
						customer_id: customerId,
						document_id: body.document_id ?? null,
						status: held ? 'action_required' : 'active',
						payment_methods: [...new Set(body.payment_methods as string[])],
						currency: body.currency,
						amount: body.amount,
						purpose_code: body.purpose_code,
						invoice_number: body.invoice_number ?? null,
						invoice_description: body.invoice_description ?? null,
						invoice_amount: body.invoice_amount ?? null,
						reference_number: body.reference_number ?? null,
						expires_at: body.expires_at,
						last_reminder_sent_at: null,
						payment_link: held ? null : checkoutUrl(id),
						reminder_frequency: body.reminder_frequency ?? null,
						price_id: body.price_id ?? null,
						product: body.product ?? null,
						rfi_documents: held ? [{ rfi_doc_id: ctx.ids.make('rfidoc_'), name: 'Passport' }] : [],
						bank_account_details: bank
							? { account_number: bank.account_number, bic_primary: bank.bic_primary ?? null, bic_secondary: bank.bic_secondary ?? null, bank_customer_id: bank.bank_customer_id ?? null }
							: null,
						notes: body.notes ?? {},
					};
				},
				present: (rec) => presentPaymentLink(rec),
				event: (rec) => ['payment_link', String(rec.status)],
			}),
		},
		{
			method: 'GET',
			path: `${V1}/payin`,
			handler: listHandler({
				kind: 'payment_link',
				filters: [
					{ param: 'customer_id', validate: (v) => (v.startsWith('cust_') ? undefined : 'Invalid customer_id') },
					{ param: 'status', enum: PAYMENT_LINK_STATUSES },
				],
				present: (rec) => presentPaymentLink(rec),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/payin/:id`,
			handler: getHandler({ kind: 'payment_link', notFound: 'Payment link not found', present: (rec) => presentPaymentLink(rec) }),
		},
		{
			method: 'PATCH',
			path: `${V1}/payin/:id`,
			handler: (req, ctx) => {
				const link = loadLink(ctx, req.params.id);
				const body = validateBody(req.body, {
					additionalProperties: false,
					fields: { expires_at: { type: 'string' }, reminder_frequency: { ...reminderFrequency, nullable: false } },
				});
				if (body.expires_at === undefined && body.reminder_frequency === undefined) {
					validationError('Expires at or reminder frequency must be present');
				}
				if (PAYMENT_LINK_FINAL_STATUSES.includes(String(link.status))) {
					throw badRequest(`Payment link cannot be updated from current state: ${String(link.status)}`);
				}
				const patch: Record<string, unknown> = {};
				if (body.expires_at !== undefined) patch.expires_at = checkExpiresAt(body.expires_at as string);
				if (body.reminder_frequency !== undefined) patch.reminder_frequency = body.reminder_frequency;
				return change(ctx, link, patch);
			},
		},
		{
			method: 'PATCH',
			path: `${V1}/payin/:id/cancel`,
			handler: (req, ctx) => {
				const link = loadLink(ctx, req.params.id);
				if (link.status !== 'active') throw badRequest(`Payment link cannot be cancelled from current state: ${String(link.status)}`);
				return change(ctx, link, { status: 'cancelled' });
			},
		},
		// the published spec and the docs index write update_rfi; the payins skill writes update-rfi: both answer
		{ method: 'PATCH', path: `${V1}/payin/:id/update_rfi`, handler: updateRfi },
		{ method: 'PATCH', path: `${V1}/payin/:id/update-rfi`, handler: updateRfi },
		{
			method: 'PATCH',
			path: `${V1}/payin/:id/mock_mark_reviewed`,
			handler: (req, ctx) => {
				sandboxOnly(req);
				const link = loadLink(ctx, req.params.id);
				// this one 400 carries only a message (published spec)
				if (link.status !== 'under_review') throw new ApiError(400, 'Payment link is not under review.', { error: null });
				return change(ctx, link, { status: 'active', payment_link: checkoutUrl(link.id) });
			},
		},
	],
};
