import { idLocator } from '../../helpers/fields';

/**
 * The largest file the node uploads, in bytes. Glomo publishes no limit for POST /document; 10 MB
 * is the usual cap for compliance uploads (invoices, IDs, proofs of address), and a request of
 * that size plus its multipart framing stays inside what our Glomo sandbox accepts (10 MiB).
 * Larger files are refused before anything is sent.
 */
export const MAX_DOCUMENT_BYTES = 10_000_000;

/** Names Glomo's purpose codes and RFIs ask for (glomo-domain.md §10.4); any other text is accepted too. */
export const DOCUMENT_NAME_SUGGESTIONS = [
	'invoice',
	'Customer declaration',
	'Shipping date',
	'Trade documents',
	'Passport',
	'Proof of Address',
];

export const documentIdField = idLocator('document', 'Document', 'searchDocuments', {
	description: 'The document, picked from the list or given by ID (doc_…)',
});
