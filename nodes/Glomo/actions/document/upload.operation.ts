import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getString, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { DOCUMENT_NAME_SUGGESTIONS, MAX_DOCUMENT_BYTES } from './shared';

const FIELD = 'Input Binary Field';

export const description = defineOperation(
	'document',
	{
		name: 'Upload',
		value: 'upload',
		action: 'Upload a document',
		description: 'Send a file (PDF, image…) to Glomo; use its ID on payouts, payins or an RFI response',
	},
	[
		{
			displayName: FIELD,
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to be uploaded',
			description: `The binary field of the input item that holds the file, up to ${MAX_DOCUMENT_BYTES / 1_000_000} MB, e.g. data (what the Read/Write Files from Disk and HTTP Request nodes use)`,
		},
		{
			displayName: 'Document Name',
			name: 'documentName',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: `What the document is: pick a name Glomo asks for (${DOCUMENT_NAME_SUGGESTIONS.join(', ')}) or type your own`,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchDocumentNames', searchable: true },
				},
				{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'invoice' },
			],
		},
	],
);

function bytesOf(count: number): string {
	return `${count.toLocaleString('en-US')} bytes`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const property = getString(this, 'binaryPropertyName', itemIndex, FIELD);
	const documentName = optionalText(this.getNodeParameter('documentName', itemIndex, '', { extractValue: true }));
	if (!documentName) {
		throw invalid(this, itemIndex, 'Document Name', 'is required', `Pick a name such as ${DOCUMENT_NAME_SUGGESTIONS[0]}, or type your own.`);
	}

	let binary: IBinaryData;
	try {
		binary = this.helpers.assertBinaryData(itemIndex, property);
	} catch {
		throw invalid(
			this,
			itemIndex,
			FIELD,
			`the input item has no binary field "${property}"`,
			'Give the name under which the previous node outputs the file (often "data"). Nothing was sent to Glomo.',
		);
	}
	const fileName = optionalText(binary.fileName) ?? `document${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const tooLarge = (bytes: number) =>
		invalid(
			this,
			itemIndex,
			FIELD,
			`the file "${fileName}" has ${bytesOf(bytes)}; files up to ${bytesOf(MAX_DOCUMENT_BYTES)} (${MAX_DOCUMENT_BYTES / 1_000_000} MB) can be uploaded`,
			'Compress or split the document. Nothing was sent to Glomo.',
		);
	// the size n8n recorded spares reading a file that is refused anyway
	if (typeof binary.bytes === 'number' && binary.bytes > MAX_DOCUMENT_BYTES) throw tooLarge(binary.bytes);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length === 0) {
		throw invalid(this, itemIndex, FIELD, `the file "${fileName}" is empty`, 'Nothing was sent to Glomo.');
	}
	if (data.length > MAX_DOCUMENT_BYTES) throw tooLarge(data.length);

	return await glomo.request({
		method: 'POST',
		path: '/document',
		upload: {
			fields: { document_name: documentName },
			file: { field: 'file', fileName, mimeType: optionalText(binary.mimeType) ?? 'application/octet-stream', data },
		},
		itemIndex,
	});
}
