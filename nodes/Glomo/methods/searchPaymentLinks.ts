import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from './picker';

/** Recent payment links, filtered by id, reference number or invoice number. */
export async function searchPaymentLinks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/payin',
			searchable: (link) => [link.id, link.reference_number, link.invoice_number],
			label: (link) => `${String(link.id)} - ${String(link.amount ?? '?')} ${String(link.currency ?? '')} (${String(link.status ?? 'unknown')})`,
		},
		filter,
		paginationToken,
	);
}
