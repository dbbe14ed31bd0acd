import axios from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { probe } from './helpers';

const sandbox = useSandbox({ seed: 11 });
const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });
const originalIds: string[] = [];

const customer = (n: number) => ({
	name: `Customer ${n}`,
	customer_type: 'individual',
	email: `c${n}@example.com`,
	country: 'IND',
	status: 'active',
});

beforeAll(() => {
	for (let n = 0; n < 250; n++) originalIds.push(sandbox.insert('customer', customer(n)).id as string);
});

test('return all: 100 per page, page_meta.next followed until null, before pinned after page 1', async () => {
	const result = await probe(credentials(), { method: 'GET', path: '/customer' }, { list: { returnAll: true, limit: 0 } });
	const ids = result.json('Probe').map((c) => c.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect(new Set(ids)).toEqual(new Set(originalIds));
	expect(sandbox.requests.map((r) => [r.query.page, r.query.per_page])).toEqual([
		['1', '100'],
		['2', '100'],
		['3', '100'],
	]);
	// page 1 asks for the newest records; later pages are pinned just after the newest one it showed
	expect(sandbox.requests[0].query.before).toBeUndefined();
	const newest = result.json('Probe')[0].created_at as string;
	const pinned = new Date(Date.parse(newest) + 1).toISOString();
	expect(sandbox.requests.slice(1).map((r) => r.query.before)).toEqual([pinned, pinned]);
});

test('records created during the listing shift no page: no duplicates, no gaps', async () => {
	let inserted = 0;
	sandbox.onRequest((request) => {
		// between every two pages, five new customers arrive (newest first pushes old ones down)
		if (request.query.page !== '1') {
			for (let k = 0; k < 5; k++) sandbox.insert('customer', customer(1000 + inserted++));
		}
	});
	const result = await probe(credentials(), { method: 'GET', path: '/customer' }, { list: { returnAll: true, limit: 0 } });
	const ids = result.json('Probe').map((c) => c.id as string);
	expect(inserted).toBe(10);
	expect(new Set(ids).size).toBe(ids.length); // no duplicates
	expect([...ids].sort()).toEqual([...originalIds].sort()); // no gaps, and nothing newer than the listing

	// and the pages themselves were disjoint (the id safety net had nothing to do): replaying the
	// pinned queries now, after all inserts, gives the same pages
	const pinnedPages = await Promise.all(
		sandbox.requests.slice(1).map(async (r) => {
			const { data } = await axios.get(`${sandbox.url}${r.path}`, {
				params: r.query,
				headers: { Authorization: `Bearer ${sandbox.secretKey}` },
			});
			return (data.data as Array<{ id: string }>).map((c) => c.id);
		}),
	);
	const page1 = ids.slice(0, 100);
	const replayed = [page1, ...pinnedPages].flat();
	expect(replayed).toEqual(ids);
});

test('without the pinned window the same inserts would have shifted pages (the hazard is real)', async () => {
	let inserted = 0;
	sandbox.onRequest((request) => {
		if (request.query.page !== '1') {
			for (let k = 0; k < 5; k++) sandbox.insert('customer', customer(2000 + inserted++));
		}
	});
	const pages: string[][] = [];
	for (const page of [1, 2, 3]) {
		const result = await probe(credentials(), { method: 'GET', path: '/customer', qs: { page, per_page: 100 } });
		pages.push((result.json('Probe')[0].data as Array<{ id: string }>).map((c) => c.id));
	}
	const all = pages.flat();
	expect(new Set(all).size).toBeLessThan(all.length);
});

test('a limit stops the listing: per_page follows the limit and no page after it is fetched', async () => {
	const result = await probe(credentials(), { method: 'GET', path: '/customer' }, { list: { returnAll: false, limit: 30 } });
	expect(result.json('Probe')).toHaveLength(30);
	expect(sandbox.requests).toHaveLength(1);
	expect(sandbox.requests[0].query.per_page).toBe('30');

	sandbox.clearRequests();
	const larger = await probe(credentials(), { method: 'GET', path: '/customer' }, { list: { returnAll: false, limit: 150 } });
	expect(larger.json('Probe')).toHaveLength(150);
	expect(sandbox.requests.map((r) => r.query.page)).toEqual(['1', '2']);
	expect(sandbox.requests.every((r) => r.query.per_page === '100')).toBe(true);
});

test('a before the user chose is kept', async () => {
	const chosen = new Date(Date.now() - 3600_000).toISOString();
	await probe(credentials(), { method: 'GET', path: '/customer', qs: { before: chosen } }, { list: { returnAll: true, limit: 0 } });
	expect(sandbox.requests[0].query.before).toBe(chosen);
});
