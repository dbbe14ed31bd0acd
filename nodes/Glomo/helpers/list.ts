import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GlomoClient } from '../transport';
import { getListOptions, listQuery, type FilterSpec } from './params';

/**
 * Everything a list operation does: read Return All / Limit and the Filters collection (validated
 * and mapped to Glomo's query names by `filters`), then page through `path`.
 */
export async function listRecords(
	this: IExecuteFunctions,
	glomo: GlomoClient,
	itemIndex: number,
	path: string,
	filters: Record<string, FilterSpec>,
): Promise<IDataObject[]> {
	const qs = listQuery(this, itemIndex, filters);
	return await glomo.list({ method: 'GET', path, qs, itemIndex }, getListOptions(this, itemIndex));
}
