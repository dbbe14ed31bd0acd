import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkId, invalid } from './params';

/**
 * The documents that answer a request for information (RFI › Respond, Payout › Update RFI): one
 * pair per required document, the requirement (rfi_doc_id, from the RFI's documents_required or
 * the record's rfi_documents) and the uploaded document (doc_…, from Document › Upload).
 */
export function rfiDocumentsField(description: string): INodeProperties {
	return {
		displayName: 'Documents',
		name: 'documents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		required: true,
		placeholder: 'Add Document',
		description,
		options: [
			{
				displayName: 'Document',
				name: 'document',
				values: [
					{
						displayName: 'RFI Document ID',
						name: 'rfiDocId',
						type: 'string',
						default: '',
						placeholder: 'rfidoc_5JU9yv0lGSUP',
						description: 'What the RFI asks for: an rfi_doc_id from its documents_required',
					},
					{
						displayName: 'Document ID',
						name: 'docId',
						type: 'string',
						default: '',
						placeholder: 'doc_nYUqLpuYQ0M8',
						description: 'The uploaded document (doc_…) that answers it',
					},
				],
			},
		],
	};
}

/** The pairs of the Documents field, each id checked by name; at least one. */
export function getRfiDocuments(ctx: IExecuteFunctions, itemIndex: number): Array<{ rfiDocId: string; docId: string }> {
	const given = ctx.getNodeParameter('documents', itemIndex, {}) as IDataObject;
	const pairs = Array.isArray(given.document) ? (given.document as Array<{ rfiDocId?: unknown; docId?: unknown }>) : [];
	if (!pairs.length) {
		throw invalid(
			ctx,
			itemIndex,
			'Documents',
			'add one pair (RFI Document ID and Document ID) for every document the RFI asks for',
			'Get the RFI to see its documents_required. Nothing was sent to Glomo.',
		);
	}
	return pairs.map((pair, n) => ({
		rfiDocId: checkId(ctx, pair.rfiDocId, itemIndex, 'rfiDocument', `Documents > RFI Document ID (pair ${n + 1})`),
		docId: checkId(ctx, pair.docId, itemIndex, 'document', `Documents > Document ID (pair ${n + 1})`),
	}));
}

/** The body of every update_rfi call (payment link, order, payment, refund, payout): each document by the requirement it answers. */
export function rfiAnswerBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return { documents: getRfiDocuments(ctx, itemIndex).map(({ rfiDocId, docId }) => ({ id: docId, rfi_doc_id: rfiDocId })) };
}
