import type { IDataObject } from 'n8n-workflow';

import { openConnection, type GlomoContext } from '../helpers/connection';
import { glomoListError } from '../helpers/errors';
import { sendRequest, type GlomoRequest } from './request';

export interface ListOptions {
	returnAll: boolean;
	limit: number;
	/** Pin `before` to the start of the listing so new records cannot shift pages. Default true. */
	pinWindow?: boolean;
}

const MAX_PER_PAGE = 100;
/** Pages followed past what page 1 announced (records may arrive while listing) before it is a loop. */
const PAGE_MARGIN = 2;
/** When no page count is announced at all (Glomo always announces one): 100,000 records. */
const MAX_PAGES = 1_000;

interface PageMeta {
	next?: unknown;
	pages?: unknown;
	count?: unknown;
}

const wholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Just after the newest created_at among records, as ISO-8601; undefined when none has one. */
function justAfterNewest(records: IDataObject[]): string | undefined {
	const times = records.map((record) => Date.parse(String(record.created_at))).filter((time) => !Number.isNaN(time));
	return times.length ? new Date(Math.max(...times) + 1).toISOString() : undefined;
}

/** The last page a listing may reach: what page 1 announced (pages, or count / per_page), plus a margin. */
function lastPageAllowed(meta: PageMeta, perPage: number): number {
	if (wholeNumber(meta.pages)) return meta.pages + PAGE_MARGIN;
	if (wholeNumber(meta.count)) return Math.ceil(meta.count / perPage) + PAGE_MARGIN;
	return MAX_PAGES;
}

/**
 * Lists every page of a Glomo list endpoint: per_page 100 (or the limit), next page from
 * page_meta.next until null, and a stop at the limit. After the first page, `before` is pinned
 * just after the newest record that page showed (Glomo's clock, not ours), so records created
 * during the listing cannot push older ones onto the next page (duplicates) or be half-listed.
 *
 * A listing never loops and never loses records silently: `next` must be the following page, a
 * page must bring a record not yet listed, no page may lie past what page 1 announced, and a
 * Return All must end with exactly the page_meta.count records Glomo reported.
 */
export async function glomoApiRequestAllItems(
	this: GlomoContext,
	request: GlomoRequest,
	list: ListOptions,
): Promise<IDataObject[]> {
	const itemIndex = request.itemIndex ?? 0;
	const connection = await openConnection.call(this, itemIndex, request.sandboxOnly === true);
	const perPage = list.returnAll ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, list.limit));
	const qs: IDataObject = { ...request.qs, per_page: perPage };
	const pin = list.pinWindow !== false && qs.before === undefined;
	const fail = (problem: string) => glomoListError(this.getNode(), problem, page, itemIndex);

	const records: IDataObject[] = [];
	const seen = new Set<unknown>();
	let count: number | undefined;
	let lastAllowed = MAX_PAGES;
	let page = 1;
	for (;;) {
		const response = (await sendRequest.call(this, connection, {
			...request,
			qs: { ...qs, page },
			expect: 'list',
		})) as { data: IDataObject[]; page_meta: PageMeta };
		const { data, page_meta: meta } = response;
		if (page === 1) {
			lastAllowed = lastPageAllowed(meta, perPage);
			if (pin) qs.before = justAfterNewest(data);
		}
		if (wholeNumber(meta.count)) count = meta.count;

		let fresh = 0;
		for (const record of data) {
			// a safety net for a record seen on two pages (equal timestamps at the pin)
			if (record.id !== undefined) {
				if (seen.has(record.id)) continue;
				seen.add(record.id);
			}
			fresh++;
			records.push(record);
			if (!list.returnAll && records.length >= list.limit) return records;
		}

		const next = meta.next;
		if (next === null || next === undefined) break;
		if (next !== page + 1) throw fail(`page_meta.next is ${JSON.stringify(next)}, not the next page (${page + 1})`);
		if (fresh === 0) throw fail(`the page brought no record that was not listed already, yet page_meta.next asks for page ${next}`);
		if (next > lastAllowed) throw fail(`page_meta.next asks for page ${next}, past the pages Glomo announced on page 1`);
		page = next;
	}
	if (list.returnAll && count !== undefined && records.length !== count) {
		throw fail(`the pages held ${records.length} distinct records, but page_meta.count says ${count}`);
	}
	return records;
}
