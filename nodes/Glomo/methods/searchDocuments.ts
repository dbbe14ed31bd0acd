import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { DOCUMENT_NAME_SUGGESTIONS } from '../actions/document/shared';
import { pickerPage } from './picker';


/** "invoice · invoice_march.pdf · uploaded": what tells documents apart in the picker. */
function label(document: IDataObject): string {
	const parts = [document.document_name, document.file_name, document.status].filter((v) => typeof v === 'string' && v);
	return parts.length ? (parts as string[]).join(' · ') : String(document.id);
}

/** Uploaded documents, newest first, filtered by ID, name or file name. */
export async function searchDocuments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(this, { path: '/document', searchable: (d) => [d.id, d.document_name, d.file_name], label }, filter, paginationToken);
}

/**
 * Document names for Upload's "From List": the names Glomo's purpose codes and RFIs ask for,
 * narrowed by what the user types; the typed text itself is offered first, since any name is accepted.
 */
export async function searchDocumentNames(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const typed = (filter ?? '').trim();
	const term = typed.toLowerCase();
	const results = DOCUMENT_NAME_SUGGESTIONS.filter((name) => name.toLowerCase().includes(term)).map((name) => ({ name, value: name }));
	if (typed && !DOCUMENT_NAME_SUGGESTIONS.some((name) => name.toLowerCase() === term)) {
		results.unshift({ name: typed, value: typed });
	}
	return { results };
}
