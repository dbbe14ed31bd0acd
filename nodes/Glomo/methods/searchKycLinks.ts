import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from './picker';

/** "kyclink_… · asha@example.com · in_progress": what tells KYC links apart in the picker. */
function label(link: IDataObject): string {
	const parts = [String(link.id), link.email ?? link.customer_id, link.status];
	return parts.filter((part) => typeof part === 'string' && part).join(' · ');
}

/** KYC links, newest first, filtered by ID, email, customer ID or status. */
export async function searchKycLinks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{ path: '/kyc-links', searchable: (k) => [k.id, k.email, k.customer_id, k.status], label },
		filter,
		paginationToken,
	);
}
