import axios from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { startSandbox } from '../sandbox';
import { RATE_LIMIT_BUDGET_MS } from '../../nodes/Glomo/transport/request';
import { virtualClock } from '../harness/clock';
import { payoutBody, probe } from './helpers';
import { createCustomerParams, runGlomo } from '../nodes/helpers';

const sandbox = useSandbox({ seed: 7 });
const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });

async function listPayouts(): Promise<Array<{ id: string }>> {
	const { data } = await axios.get(`${sandbox.url}/api/v1/payouts?per_page=100`, {
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	return data.data;
}

/** Turns a fault on for the first `count` requests only, so each test knows exactly what to expect. */
function failFirst(count: number, fault: 'rate429' | 'rate5xx' | 'dropAfterCommit') {
	let seen = 0;
	sandbox.setFaults({ [fault]: 1 });
	sandbox.onRequest(() => {
		seen++;
		if (seen > count) sandbox.setFaults({ [fault]: 0 });
	});
}


describe('reads are retried', () => {
	test.each(['rate429', 'rate5xx'] as const)('a GET that meets %s twice succeeds on the third attempt', async (fault) => {
		failFirst(2, fault);
		const result = await probe(credentials(), { method: 'GET', path: '/balances' });
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')[0]).toHaveProperty('available');
		expect(sandbox.requests.map((r) => r.status)).toEqual([fault === 'rate429' ? 429 : expect.any(Number), expect.any(Number), 200]);
		expect(sandbox.requests[0].status).toBeGreaterThanOrEqual(429);
		expect(sandbox.requests[1].status).toBeGreaterThanOrEqual(429);
	});

	test('a list operation of the node reads a page again after a 503 (lists are reads)', async () => {
		expect((await runGlomo(sandbox, createCustomerParams())).error).toBeUndefined();
		sandbox.clearRequests();
		failFirst(1, 'rate5xx');
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 5 });
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')).toEqual([expect.objectContaining({ name: 'Asha Rao' })]);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status >= 500])).toEqual([
			['GET', '/api/v1/customer', true],
			['GET', '/api/v1/customer', false],
		]);
	});

	test('a GET refused by 429 past the rate budget gives up with Glomo\'s message, having carried nothing out', async () => {
		virtualClock.reset();
		sandbox.setFaults({ rate429: 1 });
		const result = await probe(credentials(), { method: 'GET', path: '/balances' });
		expect(result.error?.message).toBe('Too Many Requests');
		expect(result.error?.httpCode).toBe('429');
		expect(result.error?.description).toMatch(/rate limit kept refusing it for (4\.\d|5) min; nothing was carried out/);
		expect(result.error?.context?.outcome).toBe('not sent');
		// minutes of patience, not seconds: probes 1, 2, 4 s apart, then every 4 to 8 s, within 5 minutes
		expect(virtualClock.waited).toBeGreaterThan(4 * 60_000);
		expect(virtualClock.waited).toBeLessThanOrEqual(RATE_LIMIT_BUDGET_MS);
		const [first, second, third] = virtualClock.slept;
		expect([first / 1000, second / 2000, third / 4000].every((share) => share >= 0.5 && share <= 1)).toBe(true);
		expect(sandbox.requests.length).toBeGreaterThan(30);
		expect(sandbox.requests.length).toBeLessThan(90);
		expect(sandbox.requests.every((r) => r.status === 429)).toBe(true);
	});

	test('a 429 with Retry-After is waited out exactly as asked before the request goes again', async () => {
		virtualClock.reset();
		failFirst(1, 'rate429');
		sandbox.setFaults({ retryAfterSec: 17 });
		const result = await probe(credentials(), { method: 'GET', path: '/balances' });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
		expect(virtualClock.slept).toEqual([17_000]);
	});

	test('a run cancelled while it waits out a 429 stops at once and sends nothing more', async () => {
		virtualClock.reset();
		sandbox.setFaults({ rate429: 1 });
		const cancel = new AbortController();
		virtualClock.onSleep = (count) => count === 3 && cancel.abort();
		const result = await probe(credentials(), { method: 'GET', path: '/balances' }, { signal: cancel.signal });
		virtualClock.onSleep = undefined;
		expect(result.error).toBeDefined();
		// the wait itself was cut short by the cancellation, not a request that n8n then refused
		expect(result.error?.name).toBe('ManualExecutionCancelledError');
		// nothing goes on in the background after the run ended (waits are instant on this clock)
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sandbox.requests.length).toBe(3);
		expect(virtualClock.slept).toHaveLength(3);
	});
});

describe('writes', () => {
	test('a create with request_id is retried after 5xx and creates one payout', async () => {
		failFirst(1, 'rate5xx');
		const result = await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody('run-5xx-1') });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
		expect(sandbox.requests.every((r) => (r.body as { request_id: string }).request_id === 'run-5xx-1')).toBe(true);
		const { data } = await axios.get(`${sandbox.url}/api/v1/payouts?request_id=run-5xx-1`, {
			headers: { Authorization: `Bearer ${sandbox.secretKey}` },
		});
		expect(data.data).toHaveLength(1);
		expect(result.json('Probe')[0].id).toBe(data.data[0].id);
	});

	test('a create with request_id whose answer was lost returns the payout the first attempt made', async () => {
		failFirst(1, 'dropAfterCommit');
		const result = await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody('run-drop-1') });
		expect(result.error).toBeUndefined();
		// first POST committed but got no answer; the transport looked it up by its request_id instead of sending it again
		expect(sandbox.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 0', 'GET 200']);
		expect(sandbox.requests[1].query.request_id).toBe('run-drop-1');
		const { data } = await axios.get(`${sandbox.url}/api/v1/payouts?request_id=run-drop-1`, {
			headers: { Authorization: `Bearer ${sandbox.secretKey}` },
		});
		expect(data.data).toHaveLength(1);
		expect(result.json('Probe')).toEqual([data.data[0]]);
	});

	test('a duplicate request_id on the first attempt is an error, not a silent success', async () => {
		await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody('run-dup-1') });
		sandbox.clearRequests();
		const result = await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody('run-dup-1') });
		expect(result.error?.message).toBe('A payout with this request_id already exists');
		expect(result.error?.httpCode).toBe('409');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a create without request_id is not retried after a 5xx', async () => {
		sandbox.setFaults({ rate5xx: 1 });
		const result = await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody() });
		expect(sandbox.requests).toHaveLength(1);
		expect(Number(result.error?.httpCode)).toBeGreaterThanOrEqual(500);
	});

	test('a create without request_id refused by 429 is sent again and created once: the gateway refused it before any processing', async () => {
		const before = (await listPayouts()).length;
		sandbox.clearRequests();
		failFirst(2, 'rate429');
		const result = await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody() });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 429', 'POST 429', 'POST 201']);
		const after = await listPayouts();
		expect(after).toHaveLength(before + 1);
		expect(after[0].id).toBe(result.json('Probe')[0].id);
	});

	test('a create without request_id whose answer was lost fails once and is never resent', async () => {
		sandbox.setFaults({ dropAfterCommit: 1 });
		const before = (sandbox.insert('customer', { name: 'marker' }), sandbox.requests.length);
		const result = await probe(credentials(), { method: 'POST', path: '/payouts', body: payoutBody() });
		expect(sandbox.requests.length - before).toBe(1);
		// it was sent: the error must not read as if nothing happened (that invites a duplicate)
		expect(result.error?.message).toBe(
			'Glomo did not answer: the request was sent and whether it was carried out is unknown (the connection was closed before an answer)',
		);
		expect(result.error?.description).toMatch(/^ECONNRESET\. No complete answer after 1 attempt\(s\) in [\d.]+ s\. Check in Glomo/);
		expect(result.error?.description).toContain('running it again could do it twice');
		expect(result.error?.context?.outcome).toBe('unknown');
	});

	test('a PATCH is never retried', async () => {
		sandbox.setFaults({ rate5xx: 1 });
		const result = await probe(credentials(), { method: 'PATCH', path: '/customer/cust_0000000000000', body: { phone: '+91-9023456789' } });
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error).toBeDefined();
	});
});

test('a network failure of a read is retried, then reported without the request', async () => {
	const closed = await startSandbox();
	const url = closed.url;
	await closed.close();
	const result = await probe({ secretKey: sandbox.secretKey, baseUrl: url }, { method: 'GET', path: '/balances' });
	expect(result.error?.message).toBe('Glomo could not be reached: the connection was refused');
	expect(result.error?.description).toMatch(/^ECONNREFUSED\. Nothing was sent \(5 attempt\(s\) in [\d.]+ s\)/);
});
