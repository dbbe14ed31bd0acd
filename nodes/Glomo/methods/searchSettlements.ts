import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toMajorUnits } from '../helpers/amounts';
import { pickerPage } from './picker';

/** "setl_… · 1000.5 USD · success": what tells settlements apart in the picker. */
function label(settlement: IDataObject): string {
	const currency = typeof settlement.currency === 'string' ? settlement.currency : '';
	const amount = typeof settlement.amount === 'number' ? `${toMajorUnits(settlement.amount, currency || 'USD')} ` : '';
	const parts = [String(settlement.id), `${amount}${currency}`.trim(), typeof settlement.status === 'string' ? settlement.status : ''];
	return parts.filter(Boolean).join(' · ');
}

/** Settlements, newest first, filtered by ID, currency, status or UTR. */
export async function searchSettlements(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{ path: '/settlements', searchable: (s) => [s.id, s.currency, s.status, s.utr], label },
		filter,
		paginationToken,
	);
}
