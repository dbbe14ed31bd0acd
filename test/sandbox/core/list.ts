import { badRequest } from './errors';
import { StoredRecord } from './store';

/**
 * Listing for every list endpoint: page / per_page / before / after, AND-combined filters, newest
 * first, `{data, page_meta}` envelope.
 */

export interface ListFilter {
	/** Query parameter name. */
	param: string;
	/** Record field compared with the value (default: same as `param`). */
	field?: string;
	/** `exact` (default) or `ci` (case-insensitive exact). */
	match?: 'exact' | 'ci';
	/** Allowed values; anything else → 400. */
	enum?: readonly string[];
	/** Applied to the query value before validation/comparison (e.g. trim + upper-case). */
	normalize?: (value: string) => string;
	/** Return a message to reject the value with 400. */
	validate?: (value: string) => string | undefined;
	/** Custom predicate replacing the field comparison. */
	test?: (record: StoredRecord, value: string) => boolean;
}

export interface ListOptions {
	filters?: ListFilter[];
	/** Always-on predicate (e.g. only one sub-type of a collection). */
	where?: (record: StoredRecord) => boolean;
	/** Presentation of each row (default: the stored row). */
	present?: (record: StoredRecord) => unknown;
}

export interface PageMeta {
	current: number;
	previous: number | null;
	next: number | null;
	per_page: number;
	pages: number;
	count: number;
}

export interface ListPage {
	data: unknown[];
	page_meta: PageMeta;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

const ISO_8601 =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Parse an ISO-8601 timestamp (date or date-time; no zone = UTC). Returns epoch ms or undefined. */
export function parseIsoTimestamp(raw: string): number | undefined {
	// A literal '+' in an unencoded query string arrives as a space: put it back in the zone offset.
	const value = raw.trim().replace(/(T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$/, '$1+$2');
	const m = ISO_8601.exec(value);
	if (!m) return undefined;
	const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
	const year = +y;
	const month = +mo;
	const day = +d;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	if (+h > 23 || +mi > 59 || +sec > 59) return undefined;
	let offsetMin = 0;
	if (zone !== 'Z' && zone !== 'z') {
		const digits = zone.slice(1).replace(':', '');
		const oh = +digits.slice(0, 2);
		const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
		if (oh > 23 || om > 59) return undefined;
		offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
	}
	const ms = Math.floor(Number(`0.${frac || '0'}`) * 1000);
	return Date.UTC(year, month - 1, day, +h, +mi, +sec, ms) - offsetMin * 60_000;
}

function parsePositiveInt(query: Record<string, string>, name: string, fallback: number): number {
	const raw = query[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^-?\d+$/.test(raw.trim())) throw badRequest(`${name} must be an integer`);
	return parseInt(raw, 10);
}

export interface Paging {
	page: number;
	perPage: number;
	before?: number;
	after?: number;
}

export function parsePaging(query: Record<string, string>): Paging {
	const page = parsePositiveInt(query, 'page', 1);
	if (page < 1) throw badRequest('page must be greater than or equal to 1');
	let perPage = parsePositiveInt(query, 'per_page', DEFAULT_PER_PAGE);
	if (perPage < 1) throw badRequest('per_page must be between 1 and 100');
	if (perPage > MAX_PER_PAGE) perPage = MAX_PER_PAGE;
	const paging: Paging = { page, perPage };
	for (const name of ['before', 'after'] as const) {
		const raw = query[name];
		if (raw === undefined || raw === '') continue;
		const ms = parseIsoTimestamp(raw);
		if (ms === undefined) throw badRequest(`${name} must be a valid ISO-8601 timestamp`);
		paging[name] = ms;
	}
	return paging;
}

/** Rows in creation order, oldest first, each with its created_at in ms (a Collection's index). */
export type CreationOrder = ReadonlyArray<{ ms: number; row: StoredRecord }>;

/** The first position in `ordered` whose time is above `ms` (upper) or at least `ms` (lower). */
function bound(ordered: CreationOrder, ms: number, upper: boolean): number {
	let lo = 0;
	let hi = ordered.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (ordered[mid].ms < ms || (upper && ordered[mid].ms === ms)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * The one list implementation every list endpoint uses, over rows already in creation order:
 * `before`/`after` narrow the range by binary search, filters are AND-combined, and a page is read
 * backwards from the newest, so no page sorts or scans rows outside its range.
 */
export function listOrdered(ordered: CreationOrder, query: Record<string, string>, opts: ListOptions = {}): ListPage {
	const paging = parsePaging(query);
	const predicates: Array<(r: StoredRecord) => boolean> = [];
	if (opts.where) predicates.push(opts.where);
	for (const f of opts.filters ?? []) {
		const raw = query[f.param];
		if (raw === undefined || raw === '') continue;
		const value = f.normalize ? f.normalize(raw) : raw;
		if (f.enum && !f.enum.includes(value)) {
			throw badRequest(`${f.param} must be one of: ${f.enum.join(', ')}`);
		}
		const problem = f.validate?.(value);
		if (problem) throw badRequest(problem);
		if (f.test) {
			const test = f.test;
			predicates.push((r) => test(r, value));
		} else {
			const field = f.field ?? f.param;
			if (f.match === 'ci') {
				const lower = value.toLowerCase();
				predicates.push((r) => typeof r[field] === 'string' && (r[field] as string).toLowerCase() === lower);
			} else {
				predicates.push((r) => r[field] === value);
			}
		}
	}
	// rows strictly after `after` and strictly before `before`
	const lo = paging.after === undefined ? 0 : bound(ordered, paging.after, true);
	const hi = paging.before === undefined ? ordered.length : bound(ordered, paging.before, false);
	const start = (paging.page - 1) * paging.perPage;
	const slice: StoredRecord[] = [];
	let count: number;
	if (predicates.length === 0) {
		count = Math.max(0, hi - lo);
		for (let at = hi - 1 - start; at >= lo && slice.length < paging.perPage; at--) slice.push(ordered[at].row);
	} else {
		count = 0;
		for (let at = hi - 1; at >= lo; at--) {
			const row = ordered[at].row;
			if (!predicates.every((p) => p(row))) continue;
			if (count >= start && slice.length < paging.perPage) slice.push(row);
			count++;
		}
	}
	const pages = Math.max(1, Math.ceil(count / paging.perPage));
	const present = opts.present ?? ((r: StoredRecord) => r);
	return {
		data: slice.map((r) => present(r)),
		page_meta: {
			current: paging.page,
			previous: paging.page > 1 ? Math.min(paging.page - 1, pages) : null,
			next: paging.page < pages ? paging.page + 1 : null,
			per_page: paging.perPage,
			pages,
			count,
		},
	};
}
