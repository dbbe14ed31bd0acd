import type { IDataObject } from 'n8n-workflow';

import { settleInOrder } from '../helpers/concurrency';
import type { GlomoContext } from '../helpers/connection';
import { glomoListError } from '../helpers/errors';
import type { GlomoSession } from './client';
import { sendRequest, type GlomoRequest } from './request';

export interface ListOptions {
	returnAll: boolean;
	limit: number;
}

const MAX_PER_PAGE = 100;
/** Pages followed past what page 1 announced (records may arrive while listing) before it is a loop. */
const PAGE_MARGIN = 2;
/** When no page count is announced at all (Glomo always announces one): 100,000 records. */
const MAX_PAGES = 1_000;
/** Pages fetched at once after page 1: enough to hide the round trip, few enough to be polite. */
export const PAGES_AT_ONCE = 4;

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

interface Page {
	data: IDataObject[];
	page_meta: PageMeta;
}

/**
 * Lists every page of a Glomo list endpoint: per_page 100 (or the limit), and a stop at the limit.
 *
 * Page 1 is fetched alone: it announces how many pages there are and shows the newest record, and
 * `before` is then pinned just after it (Glomo's clock, not ours), so records created during the
 * listing cannot push older ones onto the next page (duplicates) or be half-listed. The pages
 * page 1 announced (or the limit needs) are then fetched PAGES_AT_ONCE at a time and taken in page
 * order; past them, the listing goes on one page at a time while Glomo says there is a next one.
 *
 * A listing never loops and never loses records silently: `next` must be the following page, a
 * page must bring a record not yet listed, no page may lie past what page 1 announced, and a
 * Return All must end with exactly the page_meta.count records Glomo reported.
 */
export async function listAll(
	this: GlomoContext,
	session: GlomoSession,
	request: GlomoRequest,
	list: ListOptions,
): Promise<IDataObject[]> {
	const { itemIndex } = request;
	const perPage = list.returnAll ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, list.limit));
	const qs: IDataObject = { ...request.qs, per_page: perPage };
	// `before` is pinned after page 1 unless the user chose one
	const pin = qs.before === undefined;
	const fetchPage = async (page: number) =>
		(await sendRequest.call(this, session, { ...request, qs: { ...qs, page }, expect: 'list' })) as Page;

	const records: IDataObject[] = [];
	const seen = new Set<unknown>();
	let count: number | undefined;
	/** takes one page in order; true when the listing is complete */
	const take = (page: number, { data, page_meta: meta }: Page, lastAllowed: number): boolean => {
		const fail = (problem: string) => glomoListError(this.getNode(), problem, page, itemIndex);
		if (wholeNumber(meta.count)) count = meta.count;
		let fresh = false;
		for (const record of data) {
			// a safety net for a record seen on two pages (equal timestamps at the pin)
			if (record.id !== undefined) {
				if (seen.has(record.id)) continue;
				seen.add(record.id);
			}
			fresh = true;
			records.push(record);
			if (!list.returnAll && records.length >= list.limit) return true;
		}
		const next = meta.next;
		if (next === null || next === undefined) return true;
		if (next !== page + 1) throw fail(`page_meta.next is ${JSON.stringify(next)}, not the next page (${page + 1})`);
		if (!fresh) throw fail(`the page brought no record that was not listed already, yet page_meta.next asks for page ${next}`);
		if (next > lastAllowed) throw fail(`page_meta.next asks for page ${next}, past the pages Glomo announced on page 1`);
		return false;
	};

	const first = await fetchPage(1);
	const lastAllowed = lastPageAllowed(first.page_meta, perPage);
	if (pin) qs.before = justAfterNewest(first.data);
	let done = take(1, first, lastAllowed);
	let page = 1;

	// the pages page 1 announced, a few at a time; a Limit needs no more than its own pages
	// Stryker disable next-line ConditionalExpression: with no page count announced, `last` is NaN and settleInOrder starts nothing; the pages are then read one at a time below
	if (!done && wholeNumber(first.page_meta.pages)) {
		const wanted = list.returnAll ? Infinity : Math.ceil(list.limit / perPage);
		const last = Math.min(first.page_meta.pages, wanted, lastAllowed);
		const pages = await settleInOrder(Math.max(0, last - 1), PAGES_AT_ONCE, async (index) => await fetchPage(index + 2), true);
		for (const settled of pages) {
			if (!settled.ok) throw settled.error;
			page++;
			done = take(page, settled.value, lastAllowed);
			if (done) break;
		}
	}
	// beyond what was announced (records arrived unpinned), one at a time
	while (!done) {
		page++;
		done = take(page, await fetchPage(page), lastAllowed);
	}
	if (list.returnAll && count !== undefined && records.length !== count) {
		throw glomoListError(this.getNode(), `the pages held ${records.length} distinct records, but page_meta.count says ${count}`, page, itemIndex);
	}
	return records;
}
