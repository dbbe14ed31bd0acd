/**
 * Issue 8: what makes the node fast without costing correctness. The credential is decrypted once
 * per run (n8n-core's own Credentials class decrypts it, and the harness counts), pages and reads
 * go a few at a time with output in input order, and the rate limit is waited out, not failed.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import type { RecordedRequest } from '../sandbox';
import { createCustomerParams, customerRecord, rl, runGlomo, uniqueEmail } from './helpers';

const sandbox = useSandbox({ seed: 808 });
const getById = { resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') };
const returnAll = { resource: 'customer', operation: 'getAll', returnAll: true };
const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Delays each request by `delay(request)` ms before the sandbox handles it; tracks how many overlap. */
function slowDown(delay: (request: RecordedRequest, index: number) => number): { most: () => number } {
	let active = 0;
	let most = 0;
	let index = 0;
	sandbox.onRequest(async (request) => {
		active++;
		most = Math.max(most, active);
		await wait(delay(request, index++));
		active--;
	});
	return { most: () => most };
}

async function listDirectly(qs: Record<string, string | number>): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const { data } = await axios.get(`${sandbox.url}/api/v1/customer`, {
			params: { ...qs, per_page: 100, page },
			headers: { Authorization: `Bearer ${sandbox.secretKey}` },
		});
		records.push(...data.data);
		if (data.page_meta.next === null) return records;
	}
}

describe('the credential is read once per node run', () => {
	it('is decrypted once for 25 items of a read, whatever the concurrency', async () => {
		const customers = Array.from({ length: 25 }, () => sandbox.insert('customer', customerRecord()));
		const result = await runGlomo(sandbox, getById, { items: customers.map((c) => ({ id: String(c.id) })) });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(25);
		expect(result.decrypts).toBe(1);
		// every request still carried the key, and the key is in no output
		expect(new Set(sandbox.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${sandbox.secretKey}`]));
		expect(result.dump()).not.toContain(sandbox.secretKey);
	});

	it('is decrypted once for a listing of several pages and for 10 sequential creates', async () => {
		for (let n = 0; n < 230; n++) sandbox.insert('customer', customerRecord());
		const listing = await runGlomo(sandbox, returnAll);
		expect(listing.error).toBeUndefined();
		expect(sandbox.requests.length).toBeGreaterThanOrEqual(3);
		expect(listing.decrypts).toBe(1);

		sandbox.clearRequests();
		const emails = Array.from({ length: 10 }, () => uniqueEmail('once'));
		const creates = await runGlomo(sandbox, createCustomerParams({ email: '={{ $json.email }}' }), { items: emails.map((email) => ({ email })) });
		expect(creates.error).toBeUndefined();
		expect(sandbox.requests.map((r) => (r.body as IDataObject).email)).toEqual(emails);
		expect(creates.decrypts).toBe(1);
	});

	it('a credential refused before sending is refused for every item, with nothing sent and one decryption', async () => {
		const result = await runGlomo(sandbox, getById, {
			items: [{ id: 'cust_aaaaaaaaaaaaa' }, { id: 'cust_bbbbbbbbbbbbb' }],
			continueOnFail: true,
			credentials: { requestsPerMinute: 0 },
		});
		expect(sandbox.requests).toHaveLength(0);
		expect(result.json('Glomo').map((item) => item.error)).toEqual([
			'Glomo credential, Rate Limit (Requests per Minute): must be from 1 to 100000, got 0',
			'Glomo credential, Rate Limit (Requests per Minute): must be from 1 to 100000, got 0',
		]);
		expect(result.decrypts).toBe(1);
	});
});

describe('concurrent pages', () => {
	it('give exactly the records of a sequential listing, in the same order, while records are created mid-listing', async () => {
		for (let n = 0; n < 640; n++) sandbox.insert('customer', customerRecord());
		const before = await listDirectly({});
		sandbox.clearRequests();
		// after page 1, each page request lands while a new customer is being created, and answers come back out of order
		const overlap = slowDown((request, index) => {
			if (index > 0) sandbox.insert('customer', customerRecord({ name: `Mid-listing ${index}` }));
			return [40, 5, 25, 0, 60, 10][index % 6];
		});

		const result = await runGlomo(sandbox, returnAll);
		expect(result.error).toBeUndefined();
		const ids = result.json('Glomo').map((record) => record.id);
		expect(ids).toEqual(before.map((record) => record.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(result.json('Glomo').some((record) => String(record.name).startsWith('Mid-listing'))).toBe(false);
		// the pages did overlap: page 1 alone, then up to 4 at a time, each asked once
		const pages = sandbox.requests.map((r) => Number(r.query.page));
		expect(pages[0]).toBe(1);
		expect([...pages].sort((a, b) => a - b)).toEqual(Array.from({ length: Math.ceil(before.length / 100) }, (_, i) => i + 1));
		expect(overlap.most()).toBeGreaterThan(1);
		expect(overlap.most()).toBeLessThanOrEqual(4);
		expect(new Set(sandbox.requests.slice(1).map((r) => r.query.before)).size).toBe(1);
		expect(result.items('Glomo').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a Limit fetches only the pages it needs', async () => {
		for (let n = 0; n < 450; n++) sandbox.insert('customer', customerRecord());
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 250 });
		expect(result.json('Glomo')).toHaveLength(250);
		expect(sandbox.requests.map((r) => Number(r.query.page)).sort()).toEqual([1, 2, 3]);
	});

	it('a page that fails ends the listing with its error, not a partial list', async () => {
		for (let n = 0; n < 450; n++) sandbox.insert('customer', customerRecord());
		sandbox.onRequest((request) => {
			if (request.query.page === '3') sandbox.setFaults({ rate5xx: 1 });
			else sandbox.setFaults({ rate5xx: 0 });
		});
		const result = await runGlomo(sandbox, returnAll, { credentials: { timeout: 2 } });
		expect(result.error?.httpCode).toMatch(/^50/);
		expect(result.items('Glomo')).toEqual([]);
	});
});

describe('concurrent reads per item', () => {
	it('keep input order and pairedItem when answers come back in another order', async () => {
		const customers = Array.from({ length: 12 }, (_, n) => sandbox.insert('customer', customerRecord({ name: `Order ${n}` })));
		// early items answer slowly, later ones fast
		const overlap = slowDown((request) => {
			const position = customers.findIndex((c) => request.path.endsWith(String(c.id)));
			return Math.max(0, 80 - position * 10);
		});
		const items = customers.map((c) => ({ id: String(c.id) }));
		const result = await runGlomo(sandbox, getById, { items });
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((record) => record.name)).toEqual(customers.map((_, n) => `Order ${n}`));
		expect(result.items('Glomo').map((item) => item.pairedItem)).toEqual(customers.map((_, item) => ({ item })));
		expect(overlap.most()).toBeGreaterThan(1);
		expect(overlap.most()).toBeLessThanOrEqual(4);
	});

	it('with continue on fail, errors stay on their own items in order', async () => {
		const known = Array.from({ length: 5 }, () => sandbox.insert('customer', customerRecord()));
		const ids = [known[0].id, 'cust_missing00001', known[1].id, known[2].id, 'cust_missing00002', known[3].id, known[4].id];
		slowDown((_request, index) => (index % 2 ? 30 : 0));
		const result = await runGlomo(sandbox, getById, { items: ids.map((id) => ({ id: String(id) })), continueOnFail: true });
		const out = result.json('Glomo');
		expect(out.map((item) => item.id ?? item.error)).toEqual(ids.map((id) => (String(id).includes('missing') ? 'Customer not found' : id)));
		expect(result.items('Glomo').map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	it('writes still go one at a time, in input order', async () => {
		const overlap = slowDown((_request, index) => [30, 0, 20, 0, 10][index % 5]);
		const emails = Array.from({ length: 5 }, () => uniqueEmail('seq'));
		const result = await runGlomo(sandbox, createCustomerParams({ email: '={{ $json.email }}' }), { items: emails.map((email) => ({ email })) });
		expect(result.error).toBeUndefined();
		expect(overlap.most()).toBe(1);
		expect(sandbox.requests.map((r) => (r.body as IDataObject).email)).toEqual(emails);
		expect(result.json('Glomo').map((c) => c.email)).toEqual(emails);
	});
});

describe('the rate limit', () => {
	it('a create refused by 429 and then accepted is created once, and the run goes on', async () => {
		let refusals = 2;
		sandbox.onRequest(() => {
			sandbox.setFaults({ rate429: refusals-- > 0 ? 1 : 0 });
		});
		const email = uniqueEmail('after429');
		const result = await runGlomo(sandbox, createCustomerParams({ email }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.status)).toEqual([429, 429, 201]);
		const created = await listDirectly({ email_address: email });
		expect(created).toHaveLength(1);
		expect(result.json('Glomo')[0].id).toBe(created[0].id);
	});

	it('a 429 with Retry-After is honoured: nothing is sent before it ends', async () => {
		const customers = Array.from({ length: 3 }, () => sandbox.insert('customer', customerRecord()));
		let refusals = 1;
		sandbox.setFaults({ retryAfterSec: 1 });
		sandbox.onRequest(() => {
			sandbox.setFaults({ rate429: refusals-- > 0 ? 1 : 0 });
		});
		// on the real clock: what is measured is when requests reach the server
		const result = await runGlomo(sandbox, getById, { items: customers.map((c) => ({ id: String(c.id) })), clock: 'real' });
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((c) => c.id)).toEqual(customers.map((c) => c.id));
		const refusedAt = Date.parse(sandbox.requests.find((r) => r.status === 429)!.at);
		const later = sandbox.requests.filter((r) => Date.parse(r.at) > refusedAt + 50);
		// the other items were in flight already; what came after the 429 waited the whole second
		for (const request of later) expect(Date.parse(request.at) - refusedAt).toBeGreaterThanOrEqual(990);
		expect(later.length).toBeGreaterThanOrEqual(1);
	});
});
