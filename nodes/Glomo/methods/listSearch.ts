import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createClient } from '../transport';

const PAGE_SIZE = 100;

/** Customers for the "From List" picker: exact email lookup when the filter is an email, else name/email contains. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const term = (filter ?? '').trim().toLowerCase();
	const qs: IDataObject = { page, per_page: PAGE_SIZE };
	if (term.includes('@')) qs.email_address = term;
	const response = await createClient(this).request({ method: 'GET', path: '/customer', qs, expect: 'list', itemIndex: 0 });
	const customers = response.data as IDataObject[];
	const results = customers
		.filter((c) => !term || `${c.name ?? ''} ${c.email ?? ''}`.toLowerCase().includes(term))
		.map((c) => ({ name: `${c.name as string} (${c.email as string})`, value: c.id as string }));
	const next = response.page_meta.next;
	return { results, paginationToken: typeof next === 'number' ? String(next) : undefined };
}
