import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toMajorUnits } from '../helpers/amounts';
import { createClient } from '../transport';

const PAGE_SIZE = 100;

export interface PickerSpec {
	/** the list endpoint, newest first */
	path: string;
	/** query parameters a typed term adds (a list that can filter by it); none by default */
	query?: (term: string) => IDataObject;
	/** the texts of a record that what the user types is looked for in (case-insensitive) */
	searchable: (record: IDataObject) => unknown[];
	/** how a record reads in the picker */
	label: (record: IDataObject) => string;
	/** the records the picker offers at all; every one by default */
	keep?: (record: IDataObject) => boolean;
	/** what picking a record gives; its id by default */
	value?: (record: IDataObject) => string;
}

/**
 * One page of a "From List" picker: a page of the list endpoint, filtered by what the user typed
 * (Glomo's lists have no search parameter) and labelled; the next page is the pagination token.
 */
export async function pickerPage(
	ctx: ILoadOptionsFunctions,
	spec: PickerSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const term = (filter ?? '').trim().toLowerCase();
	const qs: IDataObject = { page, per_page: PAGE_SIZE, ...(term ? spec.query?.(term) : {}) };
	const response = await createClient(ctx).request({ method: 'GET', path: spec.path, qs, expect: 'list', itemIndex: 0 });
	const matches = (record: IDataObject) =>
		spec.searchable(record).some((value) => (typeof value === 'string' || typeof value === 'number') && String(value).toLowerCase().includes(term));
	const results = (response.data as IDataObject[])
		.filter((record) => (spec.keep ? spec.keep(record) : true) && (!term || matches(record)))
		.map((record) => ({ name: spec.label(record), value: spec.value ? spec.value(record) : String(record.id) }));
	const next = response.page_meta.next;
	return { results, paginationToken: typeof next === 'number' ? String(next) : undefined };
}

/** "43.21 USD" from minor units and a currency as a record gives them; what is missing is left out. */
export function moneyLabel(amount: unknown, currency: unknown): string {
	const code = typeof currency === 'string' ? currency : '';
	const shown = typeof amount === 'number' ? `${toMajorUnits(amount, code || 'USD')} ` : '';
	return `${shown}${code}`.trim();
}
