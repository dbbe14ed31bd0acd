import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption, idLocator } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, checkId, compact, getCurrency, getId, invalid } from '../../helpers/params';
import { getRequestId, requestIdField } from '../../helpers/requestId';
import type { GlomoClient } from '../../transport';
import { paymentOfItem, refundProblem } from './shared';

/**
 * What identifies a refund: the payment and the amount (none for a full refund). Its request_id is
 * derived from these, and a refund found under a reused one must match them. The reason is left
 * out: a run again with the reason corrected is the same refund, never a second one.
 */
const IDENTITY = ['payment_id', 'amount'];

const partial = { show: { refundAmount: ['partial'] } };

export const description = defineOperation(
	'refund',
	{
		name: 'Create',
		value: 'create',
		action: 'Refund a payment',
		description: 'Give back all or part of a successful payment to the payer; never twice for the same Request ID',
	},
	[
		idLocator('payment', 'Payment', 'searchPayments', {
			description:
				'The payment to refund, picked from the list or given by ID (payt_…): a successful one, at most 180 days old, not paid by Pay via Bank or as added funds',
		}),
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'options',
			options: [
				{ name: 'Duplicate', value: 'Duplicate', description: 'The payer paid twice' },
				// Glomo's API spells this value "Fradulent"; it is sent as Glomo expects it
				{ name: 'Fraudulent', value: 'Fradulent', description: 'The payment was not made by the card or account holder' },
				{ name: 'Others', value: 'Others' },
				{ name: 'Requested By Customer', value: 'Requested By Customer' },
			],
			default: 'Requested By Customer',
			required: true,
			description: 'Why the payment is refunded',
		},
		{
			displayName: 'Refund',
			name: 'refundAmount',
			type: 'options',
			options: [
				{ name: 'All of It', value: 'full', description: 'What is left of the payment: all of it when nothing was refunded yet' },
				{ name: 'Part of It', value: 'partial', description: 'An amount you give (card payments only, when partial refunds are enabled on your account)' },
			],
			default: 'full',
			description: 'How much to give back: what is left of the payment, or an amount you give',
		},
		amountField('amount', 'Amount', {
			displayOptions: partial,
			description:
				'How much to give back, in the smallest unit of the payment\'s currency: 10050 is 100.50 USD (turn on Amount in Decimal Units to type 100.50). At most what is left of the payment.',
		}),
		{ ...decimalAmountsOption, displayName: 'Amount in Decimal Units', displayOptions: partial },
		currencyField('currency', 'Currency', {
			required: true,
			displayOptions: { show: { refundAmount: ['partial'], decimalAmounts: [true] } },
			description:
				'The payment\'s currency, to turn the decimal amount into minor units (ISO 4217). A refund is always paid in the payment\'s currency; this is not sent.',
		}),
		{
			...requestIdField('refund', 'the payment and the amount'),
			description:
				'Glomo makes at most one refund per Request ID: sending it again returns the existing refund instead of a second one. Left empty, it is derived from the payment and the amount (none for All of It), so the same refund run again never goes out twice. Two partial refunds of the same amount of one payment are then one: give each its own Request ID (up to 64 characters). A failed refund keeps its Request ID: to try again, give another.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings: a supporting document, and what to do when the Request ID was used before',
			options: [
				{
					displayName: 'Document ID',
					name: 'documentId',
					type: 'string',
					default: '',
					placeholder: 'doc_5JU9yv0lGSUP',
					description: 'An uploaded document (Document › Upload) that supports the refund',
				},
				{
					displayName: 'On Duplicate',
					name: 'onDuplicate',
					type: 'options',
					options: [
						{
							name: 'Output the Existing Refund',
							value: 'existing',
							description: 'Output the refund an earlier run made with this Request ID, with duplicate = true; nothing is refunded again',
						},
						{ name: 'Fail', value: 'error', description: 'Stop with an error naming the existing refund (nothing is refunded again either)' },
					],
					default: 'existing',
					description: 'What to do when Glomo already has a refund with this Request ID',
				},
			],
		},
	],
);

/**
 * A refund that failed at creation: Glomo answers 422 with the refund itself (glomo-domain.md §3,
 * §8.5), which the transport reports by its message. The refund is looked up by its request_id so
 * the error names it (its id and status, in the description and the context); nothing was refunded.
 */
/** A refund refused with 422: Glomo's answer is the refund it made, failed or cancelled at creation. */
function failedAtCreation(error: NodeApiError, requestId: string): NodeApiError {
	const before = error.description ? ` ${error.description}.` : '';
	const id = error.context.recordId as string | undefined;
	if (!id) {
		error.description = `Glomo did not make the refund (HTTP 422).${before} Look it up by its request_id "${requestId}" (Refund › Get Many filtered by Request ID).`;
		return error;
	}
	const status = (error.context.recordStatus as string | undefined) ?? 'unknown';
	if (/^Glomo answered HTTP/.test(error.message)) error.message = `The refund ${id} failed at creation (status ${status})`;
	error.description = `Glomo made the refund ${id}, which is ${status}: nothing was refunded.${before} It keeps the request_id "${requestId}": to try again after fixing the cause, give another Request ID.`;
	error.context.refundId = id;
	error.context.refundStatus = status;
	error.context.requestId = requestId;
	return error;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const paymentId = getId(this, 'paymentId', itemIndex, 'payment', 'Payment');
	const body: IDataObject = { payment_id: paymentId, reason: this.getNodeParameter('reason', itemIndex) as string };
	if (this.getNodeParameter('refundAmount', itemIndex) === 'partial') {
		const decimal = this.getNodeParameter('decimalAmounts', itemIndex, false) === true;
		const currency = decimal ? getCurrency(this, 'currency', itemIndex, 'Currency') : undefined;
		// minor units need no currency: they are the payment's, whatever it is
		body.amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency ?? 'USD', decimal);
		const payment = paymentOfItem(this.getInputData()[itemIndex]?.json ?? {}, paymentId);
		const problem = payment && refundProblem(payment, body.amount as number, currency);
		if (problem) throw invalid(this, itemIndex, problem.field, problem.problem, 'The input item is this payment. Nothing was sent to Glomo.');
	}
	body.request_id = getRequestId(this, itemIndex, 'refund', body, IDENTITY);
	if (options.documentId) body.document_id = checkId(this, options.documentId, itemIndex, 'document', 'Options > Document ID');
	const requestId = body.request_id as string;
	const refund = (await glomo
		.request({
			method: 'POST',
			path: '/refunds',
			body: compact(body),
			itemIndex,
			idempotent: { noun: 'refund', identity: IDENTITY, onDuplicate: options.onDuplicate === 'error' ? 'error' : 'existing' },
		})
		.catch((error: unknown) => {
			throw error instanceof NodeApiError && String(error.httpCode) === '422' ? failedAtCreation(error, requestId) : error;
		})) as IDataObject;
	// a refund this Request ID made before, which failed (Glomo answered that run 422): still a failure,
	// not an output that reads like a refund made
	if (FAILED.has(String(refund.status))) throw failedBefore(this, itemIndex, refund, requestId);
	return refund;
}

/** Statuses of a refund that gave nothing back. */
const FAILED: ReadonlySet<string> = new Set(['failed', 'cancelled']);

function failedBefore(ctx: IExecuteFunctions, itemIndex: number, refund: IDataObject, requestId: string): NodeApiError {
	const id = String(refund.id ?? 'no id');
	const status = String(refund.status);
	const message = `The refund ${id} with the request_id "${requestId}" is ${status}: nothing was refunded`;
	const error = new NodeApiError(ctx.getNode(), { httpCode: '422', message }, {
		message,
		itemIndex,
		description: `An earlier run made it with this Request ID, and it ${status === 'failed' ? 'failed' : 'was cancelled'}${refund.error_description ? ` (${String(refund.error_description)})` : ''}. Nothing new was sent to the bank. To try again after fixing the cause, give another Request ID.`,
	});
	error.context.refundId = id;
	error.context.refundStatus = status;
	error.context.requestId = requestId;
	error.context.outcome = 'not sent';
	return error;
}
