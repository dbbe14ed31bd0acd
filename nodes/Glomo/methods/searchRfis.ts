import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from './picker';


/** "rfi_… · Compliance review · action_required": what tells RFIs apart in the picker. */
function label(rfi: IDataObject): string {
	const reason = [rfi.reason_code_description, rfi.reason_code].find((v) => typeof v === 'string' && v);
	return [rfi.id, reason, rfi.status].filter((v) => typeof v === 'string' && v).join(' · ');
}

/** RFIs, newest first, filtered by ID, reason or status. */
export async function searchRfis(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{ path: '/rfis', searchable: (r) => [r.id, r.reason_code, r.reason_code_description, r.status], label },
		filter,
		paginationToken,
	);
}
