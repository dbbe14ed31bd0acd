/**
 * List endpoints that never end or contradict themselves: every listing stops within a bounded
 * number of requests with an error, never loops and never returns a partial list without a word.
 */
import { attack, fakeKey, page } from './helpers';
import { useHostile } from './hostile';
import { useTally } from './tally';

const tally = useTally(__filename);
const glomo = useHostile();
const key = fakeKey();
const returnAll = { list: { returnAll: true, limit: 0 } };

const pageOf = (url: string | undefined) => Number(new URL(url ?? '', 'http://x').searchParams.get('page'));
const records = (from: number, count = 100) => Array.from({ length: count }, (_v, i) => ({ id: `cust_rec${String(from + i).padStart(6, '0')}` }));

/** A Return All against pages that `behaviour` writes; unless `consistent`, success would be a silent loss. */
async function list(behaviour: (pageNo: number) => string, consistent = false) {
	glomo.behave((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(behaviour(pageOf(req.url))));
	const result = await attack(glomo.url, key, { method: 'GET', path: '/customer' }, returnAll);
	tally.add('cases');
	if (!consistent && !result.error) tally.add('silentLosses');
	return result;
}

test('next = page + 1 forever with records already seen: stopped at page 2', async () => {
	const result = await list((n) => page(records(0), { current: n, next: n + 1 }));
	expect(result.error?.message).toBe(
		'Glomo\'s list pages are inconsistent: the page brought no record that was not listed already, yet page_meta.next asks for page 3',
	);
	expect(glomo.received).toHaveLength(2);
	expect(result.error?.description).toBe(
		'Stopped at page 2 and returned nothing, rather than loop or return a partial list. Run it again; if it persists, narrow the listing with Filters or a Limit.',
	);
	expect(result.error?.context).toEqual({ itemIndex: 0, page: 2 });
	expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({ message: result.error?.message });
	tally.add('loopsStopped');
});

test('an empty page that still points to a next one: stopped', async () => {
	const result = await list((n) => page([], { current: n, next: n + 1 }));
	expect(result.error?.message).toMatch(/^Glomo's list pages are inconsistent: the page brought no record/);
	expect(glomo.received).toHaveLength(1);
	tally.add('loopsStopped');
});

test('endless fresh records past what page 1 announced: stopped at the announced pages plus a margin', async () => {
	const result = await list((n) => page(records(n * 100), { current: n, next: n + 1, pages: 3, count: 300 }));
	expect(result.error?.message).toBe('Glomo\'s list pages are inconsistent: page_meta.next asks for page 6, past the pages Glomo announced on page 1');
	expect(glomo.received).toHaveLength(5);
	tally.add('loopsStopped');
});

test('endless fresh records with nothing announced: stopped at the hard cap', async () => {
	const result = await list((n) => page(records(n * 100, 1), { current: n, next: n + 1 }));
	expect(result.error?.message).toMatch(/^Glomo's list pages are inconsistent: page_meta.next asks for page 1001/);
	expect(glomo.received).toHaveLength(1000);
	tally.add('loopsStopped');
});

test.each([
	['a string', '"2"'],
	['a fraction', '1.5'],
	['the same page', '1'],
	['a page back', '0'],
	['a jump that would skip pages', '5'],
	['a negative number', '-1'],
	['an object', '{"page":2}'],
	['true', 'true'],
])('next that is %s is an error, not a silent stop', async (_name, next) => {
	const result = await list((n) => `{"data":${JSON.stringify(records(n * 100, 2))},"page_meta":{"current":${n},"next":${next}}}`);
	expect(result.error?.message).toMatch(/^Glomo's list pages are inconsistent: page_meta.next is .+, not the next page \(2\)$/);
	expect(glomo.received).toHaveLength(1);
	tally.add('loopsStopped');
});

test('a consistent listing of 150 records over two pages is returned whole', async () => {
	const result = await list((n) => page(records((n - 1) * 100, n === 1 ? 100 : 50), { current: n, next: n === 1 ? 2 : null, pages: 2, count: 150 }), true);
	expect(result.error).toBeUndefined();
	expect(result.json('Probe')).toHaveLength(150);
});

test.each([
	['stops early and is not held to the total count', 25, (n: number) => page(records(n * 10, 10), { current: n, next: n + 1, count: 1000 }), 3],
	['that page 1 fills fetches no announced page', 10, (n: number) => page(records(0, 10), { current: n, next: 2, pages: 50, count: 500 }), 1],
])('a Limit %s', async (_name, limit, pages, requests) => {
	glomo.behave((req, res) => res.writeHead(200).end(pages(pageOf(req.url))));
	const result = await attack(glomo.url, key, { method: 'GET', path: '/customer' }, { list: { returnAll: false, limit } });
	tally.add('cases');
	expect(result.json('Probe')).toHaveLength(limit);
	expect(glomo.received).toHaveLength(requests);
});

test('page 1 announced one page, yet records arrived and next says 2: page 2 is read on its own and taken', async () => {
	const result = await list(
		(n) => page(records((n - 1) * 100, n === 1 ? 100 : 3), { current: n, next: n === 1 ? 2 : null, pages: n === 1 ? 1 : 2, count: n === 1 ? 100 : 103 }),
		true,
	);
	expect(result.error).toBeUndefined();
	expect(result.json('Probe')).toHaveLength(103);
	expect(glomo.received.map((request) => pageOf(request.url))).toEqual([1, 2]);
});

describe('what page 1 announces bounds the listing', () => {
	// endless fresh records: the listing must stop after the announced pages plus a margin of 2
	test.each([
		['pages: 2', { pages: 2 }, 4],
		['count: 250 alone (3 pages of 100)', { count: 250 }, 5],
		['pages as text, so count decides', { pages: '9', count: 250 }, 5],
		['pages negative, so count decides', { pages: -1, count: 250 }, 5],
		['pages a fraction, so count decides', { pages: 2.5, count: 250 }, 5],
		['pages beyond a safe integer, so count decides', { pages: 2 ** 60, count: 250 }, 5],
		['pages: 0', { pages: 0, count: 250 }, 2],
	])('%s: stopped in time', async (_name, meta, requests) => {
		const result = await list((n) => page(records(n * 100), { current: n, next: n + 1, ...(n === 1 ? meta : {}) }));
		expect(result.error?.message).toBe(
			`Glomo's list pages are inconsistent: page_meta.next asks for page ${requests + 1}, past the pages Glomo announced on page 1`,
		);
		expect(glomo.received).toHaveLength(requests);
		tally.add('loopsStopped');
	});

	test('a count that is not a whole number is not held against the listing', async () => {
		const result = await list((n) => page(records((n - 1) * 100, n === 1 ? 100 : 50), { current: n, next: n === 1 ? 2 : null, pages: 2, count: '150' }), true);
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')).toHaveLength(150);
	});

	test('a listing that announces no count is returned whole', async () => {
		const result = await list((n) => page(records((n - 1) * 100, n === 1 ? 100 : 7), { current: n, next: n === 1 ? 2 : null }), true);
		expect(result.json('Probe')).toHaveLength(107);
	});

	test('a page_meta with no next at all ends the listing', async () => {
		const result = await list(() => page(records(0, 3), { current: 1, count: 3 }), true);
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')).toHaveLength(3);
	});

	test('records without an id are all kept', async () => {
		const result = await list(() => page([{ currency: 'USD' }, { currency: 'EUR' }, { currency: 'USD' }], { current: 1, next: null, count: 3 }), true);
		expect(result.json('Probe')).toEqual([{ currency: 'USD' }, { currency: 'EUR' }, { currency: 'USD' }]);
	});

	test('a listing that ends early (next: null on page 2 of 4 announced) takes nothing from the pages after it', async () => {
		const result = await list(
			(n) => page(records((n - 1) * 100, n === 2 ? 50 : 100), { current: n, next: n === 2 ? null : n + 1, pages: n === 1 ? 4 : 2, count: n === 1 ? 400 : 150 }),
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')).toHaveLength(150);
	});

	test('once an announced page fails, no further page is asked for', async () => {
		glomo.behave(async (req, res) => {
			const n = pageOf(req.url);
			if (n === 2) return res.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"page 2 is broken"}');
			await new Promise((resolve) => setTimeout(resolve, 30));
			return res.writeHead(200).end(page(records((n - 1) * 100), { current: n, next: n + 1, pages: 20, count: 2000 }));
		});
		const result = await attack(glomo.url, key, { method: 'GET', path: '/customer' }, returnAll);
		tally.add('cases');
		expect(result.error?.message).toBe('page 2 is broken');
		// page 1, then pages 2 to 5 at once; none after page 2 failed
		expect(glomo.received.map((request) => pageOf(request.url)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
	});

	test('a before the user chose is kept on every page', async () => {
		const chosen = '2026-01-01T00:00:00.000Z';
		glomo.behave((req, res) => {
			const n = pageOf(req.url);
			res.writeHead(200).end(page(records((n - 1) * 100, n === 1 ? 100 : 20), { current: n, next: n === 1 ? 2 : null, pages: 2, count: 120 }));
		});
		const result = await attack(glomo.url, key, { method: 'GET', path: '/customer', qs: { before: chosen } }, returnAll);
		tally.add('cases');
		expect(result.json('Probe')).toHaveLength(120);
		expect(glomo.received.map((request) => new URL(request.url, 'http://x').searchParams.get('before'))).toEqual([chosen, chosen]);
	});
});
