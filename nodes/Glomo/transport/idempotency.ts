import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { excerpt } from '../helpers/errors';

/**
 * A create Glomo de-duplicates by its request_id (payouts; orders, payments and refunds): what the
 * transport needs to hand back the record a request_id already made, and only when it is the
 * same payment.
 */
export interface IdempotentCreate {
	/** what the record is called in messages: "payout" */
	noun: string;
	/**
	 * Body fields that say what is created. A record found under the same request_id must hold, in
	 * each of these fields the body sends, the value sent; otherwise it is another payment that
	 * happens to share the key, and it is never handed back as this one. A pair names a field the
	 * record shows under another name: `['order_id', 'payin_id']`.
	 */
	identity: ReadonlyArray<string | readonly [sent: string, kept: string]>;
	/** a request_id that an earlier run used: hand back that record marked duplicate (default), or fail */
	onDuplicate: 'existing' | 'error';
}

/** The fields of `identity` whose sent value differs from the record's, with both values. */
function differences(body: IDataObject, record: IDataObject, identity: IdempotentCreate['identity']): string[] {
	const shown = (value: unknown) => excerpt(JSON.stringify(value) ?? 'nothing', 60);
	return identity
		.map((field) => (typeof field === 'string' ? [field, field] : field))
		.filter(([sent, kept]) => body[sent] !== undefined && JSON.stringify(body[sent]) !== JSON.stringify(record[kept]))
		.map(([sent, kept]) => `${sent} ${shown(body[sent])} was sent, the existing one has ${sent === kept ? '' : `${kept} `}${shown(record[kept])}`);
}

function conflict(node: INode, itemIndex: number, message: string, description: string, context: IDataObject): NodeApiError {
	// n8n takes the error's httpCode from the response given, as for Glomo's own errors
	const error = new NodeApiError(node, { httpCode: '409', message }, { message, description, itemIndex });
	for (const [key, value] of Object.entries(context)) error.context[key] = value;
	return error;
}

/**
 * The record a create with a request_id found already in Glomo, as the operation's output:
 * marked `duplicate` when an earlier run made it (Glomo refused this run's first attempt as a
 * reuse), not when an attempt of this very call did (its answer was lost). A record that is not
 * the same payment, or a duplicate the user wants as an error, ends in a NodeApiError: nothing
 * was carried out either way.
 */
export function acceptExisting(
	node: INode,
	itemIndex: number,
	spec: IdempotentCreate,
	body: IDataObject,
	requestId: string,
	record: IDataObject,
	earlierRun: boolean,
): IDataObject {
	const id = typeof record.id === 'string' ? record.id : 'no id';
	const differs = differences(body, record, spec.identity);
	if (differs.length) {
		throw conflict(
			node,
			itemIndex,
			`The request_id "${requestId}" already belongs to another ${spec.noun} (${id})`,
			`It is not the same ${spec.noun}: ${differs.join('; ')}. Nothing was carried out. Give each ${spec.noun} its own Request ID (for example its invoice number), or leave Request ID empty to derive one from the ${spec.noun}'s details.`,
			{ outcome: 'not sent', requestId, existingId: id },
		);
	}
	if (earlierRun && spec.onDuplicate === 'error') {
		throw conflict(
			node,
			itemIndex,
			`A ${spec.noun} with the request_id "${requestId}" already exists (${id}, status ${String(record.status ?? 'unknown')})`,
			`An earlier run created it; nothing new was carried out. Set On Duplicate to "Output the Existing ${spec.noun[0].toUpperCase()}${spec.noun.slice(1)}" to continue with it instead of failing.`,
			{ outcome: 'not sent', requestId, existingId: id },
		);
	}
	return { ...record, duplicate: earlierRun };
}
