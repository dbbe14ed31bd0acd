import { badRequest, notFound } from '../core/errors';
import { IdempotencyRule } from '../core/idempotency';
import { announce, createHandler, getHandler, listHandler, loadRecord, ResourceModule, V1 } from '../core/resource';
import { answersFit, rfiAnswers, validationError } from '../core/validate';

export const ORDER_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD'] as const;
export const ORDER_STATUSES = ['active', 'paid', 'failed', 'action_required', 'cancelled', 'under_review', 'expired'] as const;
export const PAYIN_METHODS = ['bank_transfer', 'pay_via_bank', 'card'] as const;

/** Orders: a reused request_id is a 400 with its own message. */
export const ORDER_IDEMPOTENCY: IdempotencyRule = {
	status: 400,
	message: 'Order already exists for this request_id',
};

const QUOTE_FORBIDDEN = ['amount', 'currency', 'price_id', 'payment_methods', 'split_ids'];
/** Optional fields the spec types without null: left out of an order's JSON when not set, as Glomo's serializer would. */
const OMITTED_WHEN_NULL = ['document_id', 'invoice_number', 'invoice_description', 'invoice_amount', 'reference_number', 'bank_account_details', 'purpose_code', 'product'];

export function presentOrder(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key, value]) => !(value === null && OMITTED_WHEN_NULL.includes(key))));
}

/** Our sandbox convention (as for payments in glomo-domain.md §9): an order of this amount needs documents at creation. */
export const ORDER_RFI_AMOUNT = 6623;

/**
 * Orders (minimal): create (customer must exist, request_id idempotency), list (customer_id, status, request_id),
 * get by id. Creation emits the `orders` / `active` webhook.
 */
export const ordersModule: ResourceModule = {
	name: 'orders',
	kinds: [{ kind: 'order', prefix: 'order_', aliases: ['orders'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/orders`,
			handler: createHandler({
				kind: 'order',
				idempotency: ORDER_IDEMPOTENCY,
				schema: {
					fields: {
						customer_id: { type: 'string', required: true },
						quote_id: { type: 'string' },
						amount: { type: 'integer', min: 1 },
						currency: { type: 'string' },
						purpose_code: { type: 'string' },
						document_id: { type: 'string', nullable: true },
						invoice_number: { type: 'string', nullable: true },
						invoice_description: { type: 'string', nullable: true },
						invoice_amount: { type: 'integer', nullable: true, min: 0 },
						reference_number: { type: 'string', nullable: true },
						product: {
							type: 'object',
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
						payment_methods: { type: 'array', items: { type: 'string', enum: PAYIN_METHODS } },
						price_id: { type: 'string' },
						split_ids: { type: 'array', items: { type: 'string' } },
						request_id: { type: 'string', maxLength: 64 },
					},
				},
				check: (body) => {
					if (body.quote_id !== undefined) {
						const clash = QUOTE_FORBIDDEN.find((k) => body[k] !== undefined);
						if (clash) throw badRequest(`${clash} cannot be specified when quote_id is present`);
					} else {
						const problems: string[] = [];
						if (body.amount === undefined) problems.push("Amount can't be blank");
						if (body.currency === undefined) problems.push("Currency can't be blank");
						if (problems.length) validationError(...problems);
						if (!(ORDER_CURRENCIES as readonly string[]).includes(body.currency as string)) {
							throw badRequest('Currency not supported');
						}
					}
					const doc = body.document_id;
					if (typeof doc === 'string' && !doc.startsWith('doc_')) throw badRequest("document_id must start with 'doc_'");
				},
				build: (body, ctx) => {
					const customerId = body.customer_id as string;
					if (!customerId.startsWith('cust_') || !ctx.store.collection('customer').get(customerId)) {
						throw notFound('Customer not found');
					}
					if (body.quote_id !== undefined) {
						if (!ctx.store.collection('quote').get(body.quote_id as string)) throw badRequest('quote_id not found');
						throw badRequest('Quote is not a payin quote');
					}
					const held = body.amount === ORDER_RFI_AMOUNT;
					return {
						customer_id: customerId,
						document_id: body.document_id ?? null,
						status: held ? 'action_required' : 'active',
						currency: body.currency,
						amount: body.amount,
						purpose_code: body.purpose_code ?? null,
						invoice_number: body.invoice_number ?? null,
						invoice_description: body.invoice_description ?? null,
						invoice_amount: body.invoice_amount ?? null,
						reference_number: body.reference_number ?? null,
						product: body.product ?? null,
						notes: body.notes ?? {},
						bank_account_details: body.bank_account_details ?? null,
						payment_methods: body.payment_methods ?? ['bank_transfer', 'card'],
						rfi_documents: held ? [{ rfi_doc_id: ctx.ids.make('rfidoc_'), name: 'Passport' }] : [],
						request_id: body.request_id ?? null,
					};
				},
				present: (rec) => presentOrder(rec),
				event: (rec) => ['orders', rec.status as string],
			}),
		},
		{
			method: 'GET',
			path: `${V1}/orders`,
			handler: listHandler({
				kind: 'order',
				filters: [{ param: 'customer_id' }, { param: 'status', enum: ORDER_STATUSES }, { param: 'request_id' }],
				present: (rec) => presentOrder(rec),
			}),
		},
		{
			method: 'GET',
			path: `${V1}/orders/:id`,
			handler: getHandler({ kind: 'order', notFound: 'Order not found', present: (rec) => presentOrder(rec) }),
		},
		{
			// the current path is hyphenated; the older underscore form answers 404 (glomo-domain.md §8.2)
			method: 'PATCH',
			path: `${V1}/orders/:id/update-rfi`,
			handler: (req, ctx) => {
				const order = loadRecord(ctx, 'order', req.params.id, 'Order not found');
				const answers = rfiAnswers(req.body);
				const wanted = (order.rfi_documents ?? []) as Array<{ rfi_doc_id: string }>;
				const fits = answersFit(answers, wanted);
				if (order.status !== 'action_required' || !fits) throw badRequest('Invalid rfi_doc_id or order not in action_required status');
				const updated = ctx.store.collection('order').update(order.id, { status: 'under_review', rfi_documents: [], documents: answers });
				announce(ctx, 'orders', 'under_review', updated, presentOrder);
				return { status: 200, body: presentOrder(updated) };
			},
		},
	],
};
