import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid, optionalText } from './params';

/** Glomo keeps request_ids of up to 64 characters. */
export const REQUEST_ID_MAX = 64;

/**
 * The request_id a create sends when the user sets none: derived from what identifies the payment
 * and nothing else, so the same payment always gets the same key (a Retry On Fail, a retried
 * execution or the same rows run again the next day) and any difference in it gives another key.
 * It is "n8n-" and 40 hex digits of the SHA-256 of the JSON of [operation, [[key, value]…]],
 * keys sorted; `identity` holds only the fields sent. Never the execution, the date or the item's position.
 */
export function derivedRequestId(operation: string, identity: IDataObject): string {
	// the caller leaves out what is not sent
	const fields = Object.keys(identity)
		.sort()
		.map((key) => [key, identity[key]]);
	const digest = createHash('sha256').update(JSON.stringify([operation, fields])).digest('hex');
	return `n8n-${digest.slice(0, 40)}`;
}

/** The Request ID field of a create that Glomo de-duplicates. */
export function requestIdField(noun: string, builtFrom: string): INodeProperties {
	return {
		displayName: 'Request ID (Idempotency Key)',
		name: 'requestId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.invoice_number }}',
		description: `Glomo creates at most one ${noun} per Request ID: sending it again returns the existing ${noun} instead of a second one. Set it from what identifies this ${noun} in your data, such as an invoice number (up to ${REQUEST_ID_MAX} characters). Left empty, it is derived from ${builtFrom}, so the same ${noun} run again never goes out twice; two ${noun}s identical in all of these are then one: give them different invoice numbers.`,
	};
}

/**
 * The request_id for one item: the user's, checked, or the one derived from the `identity` fields
 * of the body (those that identify the payment; fields not sent take no part).
 */
export function getRequestId(ctx: IExecuteFunctions, itemIndex: number, operation: string, body: IDataObject, identityFields: readonly string[]): string {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	const given = optionalText(ctx.getNodeParameter('requestId', itemIndex, ''));
	if (given === undefined) {
		const identity = Object.fromEntries(identityFields.filter((field) => (body[field] ?? '') !== '').map((field) => [field, body[field]]));
		return derivedRequestId(operation, identity);
	}
	if (given.length > REQUEST_ID_MAX) {
		throw invalid(ctx, itemIndex, 'Request ID', `is ${given.length} characters long; Glomo accepts at most ${REQUEST_ID_MAX}`, 'Nothing was sent to Glomo.');
	}
	if (/[^\x20-\x7e]/.test(given)) {
		throw invalid(ctx, itemIndex, 'Request ID', 'may hold only printable ASCII characters (letters, digits, - _ . / and the like)', 'Nothing was sent to Glomo.');
	}
	return given;
}
