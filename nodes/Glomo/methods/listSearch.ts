import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from './picker';

export { searchBeneficiaries } from './searchBeneficiaries';
export { searchDocumentNames, searchDocuments } from './searchDocuments';
export { searchKycLinks } from './searchKycLinks';
export { searchMerchantSubCategories } from './searchMerchantSubCategories';
export { searchPaymentLinks } from './searchPaymentLinks';
export { searchPayments } from './searchPayments';
export { searchPrices } from './searchPrices';
export { searchRefunds } from './searchRefunds';
export { searchRfis } from './searchRfis';
export { searchSettlements } from './searchSettlements';
export { searchSubscriptions } from './searchSubscriptions';
export { searchVirtualAccounts } from './searchVirtualAccounts';

/** Customers: an exact email lookup when the term is an email, else name or email contains it. */
export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/customer',
			query: (term) => (term.includes('@') ? { email_address: term } : {}),
			searchable: (c) => [`${String(c.name ?? '')} ${String(c.email ?? '')}`],
			label: (c) => `${c.name as string} (${c.email as string})`,
		},
		filter,
		paginationToken,
	);
}

/** Recent payouts, filtered by id, invoice number or request_id. */
export async function searchPayouts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const amount = (p: IDataObject) => `${String(p.destination_amount ?? '?')} ${String(p.destination_currency ?? '')}`.trim();
	return await pickerPage(
		this,
		{
			path: '/payouts',
			searchable: (p) => [p.id, p.invoice_number, p.request_id],
			label: (p) => `${p.id as string} - ${amount(p)} (${String(p.status ?? 'unknown')})`,
		},
		filter,
		paginationToken,
	);
}

/** Recent orders, filtered by id, invoice number, reference or request_id. */
export async function searchOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/orders',
			searchable: (o) => [o.id, o.invoice_number, o.reference_number, o.request_id],
			label: (o) => `${o.id as string} - ${String(o.amount ?? '?')} ${String(o.currency ?? '')} (${String(o.status ?? 'unknown')})`,
		},
		filter,
		paginationToken,
	);
}
