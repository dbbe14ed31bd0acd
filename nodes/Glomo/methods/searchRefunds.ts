import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { moneyLabel, pickerPage } from './picker';

/** "refund_… · 25 USD · payt_… · in_progress": what tells refunds apart in the picker. */
function label(refund: IDataObject): string {
	const parts = [String(refund.id), moneyLabel(refund.amount, refund.currency), refund.payment_id, refund.status];
	return parts.filter((part) => typeof part === 'string' && part).join(' · ');
}

/** Refunds, newest first, filtered by ID, payment ID, request_id or status. */
export async function searchRefunds(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{ path: '/refunds', searchable: (r) => [r.id, r.payment_id, r.request_id, r.status], label },
		filter,
		paginationToken,
	);
}
