/**
 * Servers that go silent, drip, cut answers off or ask to wait: a read is bounded by the
 * credential's timeout (two of them across all retries), a write is never sent twice without a
 * request_id, and an unanswered write says that it was sent and its outcome is unknown.
 */
import { virtualClock } from '../harness/clock';
import { attack, fakeKey } from './helpers';
import { useHostile } from './hostile';
import { useTally } from './tally';

const tally = useTally(__filename);
const glomo = useHostile();
const key = fakeKey();
const TIMEOUT_S = 1;

const silent = () => glomo.behave(() => undefined);
const elapsed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
	const started = Date.now();
	const result = await work();
	return [result, Date.now() - started];
};

describe('silence', () => {
	test('a read gives up within two timeouts, whatever the retries', async () => {
		silent();
		const [result, ms] = await elapsed(async () => await attack(glomo.url, key, { method: 'GET', path: '/balances' }, { timeout: TIMEOUT_S }));
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo did not answer: the request timed out');
		expect(result.error?.description).toContain('nothing was changed');
		// bounded: not 5 attempts of a full timeout each; a second attempt only when time is left for it
		// (under load the first one may use up that time), and the seconds are the ones spent
		expect(ms).toBeLessThan(2 * TIMEOUT_S * 1000 + 1500);
		expect(glomo.received.length).toBeGreaterThanOrEqual(1);
		expect(glomo.received.length).toBeLessThanOrEqual(2);
		expect(result.error?.description).toMatch(/No complete answer after [12] attempt\(s\) in [12](\.\d)? s;/);
	});

	test('a create without request_id is sent once and reported as sent with an unknown outcome', async () => {
		silent();
		const result = await attack(glomo.url, key, { method: 'POST', path: '/customer', body: { name: 'Asha' } }, { timeout: TIMEOUT_S });
		tally.add('cases');
		expect(glomo.received).toHaveLength(1);
		expect(result.error?.message).toBe('Glomo did not answer: the request was sent and whether it was carried out is unknown (the request timed out)');
		expect(result.error?.message).not.toContain('could not be reached');
		expect(result.error?.description).toContain('running it again could do it twice');
		expect(result.error?.context?.outcome).toBe('unknown');
		tally.add('unknownOutcomesSaid');
	});

	test('an update is sent once, outcome unknown', async () => {
		silent();
		const result = await attack(glomo.url, key, { method: 'PATCH', path: '/customer/cust_5JU9yv0lGSUP', body: { phone: '1' } }, { timeout: TIMEOUT_S });
		tally.add('cases');
		expect(glomo.received).toHaveLength(1);
		expect(result.error?.context?.outcome).toBe('unknown');
		tally.add('unknownOutcomesSaid');
	});

	test('a create with request_id names it and says how to check, in continueOnFail items too', async () => {
		silent();
		const result = await attack(
			glomo.url,
			key,
			{ method: 'POST', path: '/payouts', body: { request_id: 'run-silent-7', source_amount: 100 } },
			{ timeout: TIMEOUT_S, continueOnFail: true },
		);
		tally.add('cases');
		const [item] = result.json('Probe');
		expect(item.error).toBe('Glomo did not answer: the request was sent and whether it was carried out is unknown (the request timed out)');
		// every attempt carried the same request_id
		const posts = glomo.received.filter((r) => r.method === 'POST');
		expect(new Set(posts.map((r) => JSON.parse(r.body).request_id))).toEqual(new Set(['run-silent-7']));
		expect(posts.length).toBeLessThanOrEqual(2);
		tally.add('unknownOutcomesSaid');
	});

	test('the request_id advice reaches the Glomo node\'s continueOnFail item', async () => {
		silent();
		const { linearWorkflow, runWorkflow } = await import('../harness');
		const result = await runWorkflow({
			...linearWorkflow({
				continueOnFail: true,
				parameters: { resource: 'balanceConversion', operation: 'create', sourceCurrency: 'USD', targetCurrency: 'EUR', fixedSide: 'source', amount: 100 },
			}),
			credentials: { secretKey: key, baseUrl: glomo.url, timeout: TIMEOUT_S },
		});
		tally.add('cases');
		expect(result.json('Glomo')).toEqual([
			expect.objectContaining({ outcome: 'unknown', description: expect.stringContaining('Check in Glomo') }),
		]);
		expect(glomo.received).toHaveLength(1);
	});
});

describe('answers that start and never finish', () => {
	test('a body that drips forever is cut at the deadline, and its connection closed', async () => {
		let open = 0;
		glomo.behave((_req, res) => {
			open++;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{"data":[');
			const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 100);
			res.on('close', () => {
				open--;
				clearInterval(drip);
			});
		});
		const [result, ms] = await elapsed(async () => await attack(glomo.url, key, { method: 'GET', path: '/balances' }, { timeout: TIMEOUT_S }));
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo\'s answer (HTTP 200) was cut off: the request timed out');
		expect(ms).toBeLessThan(2 * TIMEOUT_S * 1000 + 1500);
		// the node hung up on it: the server does not keep dripping into a socket nobody reads
		for (let wait = 0; wait < 20 && open > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 25));
		expect(open).toBe(0);
	});

	test('a create whose 201 is cut off mid-body: accepted, outcome unknown, not sent again', async () => {
		glomo.behave((_req, res) => {
			res.writeHead(201, { 'content-type': 'application/json', 'content-length': '500' });
			res.write('{"id":"cust_');
			setTimeout(() => res.destroy(), 20);
		});
		const result = await attack(glomo.url, key, { method: 'POST', path: '/customer', body: { name: 'x' } }, { timeout: TIMEOUT_S });
		tally.add('cases');
		expect(glomo.received).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Glomo did not answer: the request was sent and whether it was carried out is unknown \(its answer \(HTTP 201\) was cut off\)$/);
		tally.add('unknownOutcomesSaid');
	});

	test('a payout create whose 201 is cut off is recovered by its request_id: one payout, no second POST', async () => {
		const payout = { id: 'payout_cut0000001', request_id: 'run-cut-1', status: 'queued' };
		glomo.behave((req, res) => {
			if (req.method === 'POST') {
				res.writeHead(201, { 'content-type': 'application/json', 'content-length': '500' });
				res.write('{"id":"payout_');
				setTimeout(() => res.destroy(), 20);
			} else {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [payout], page_meta: { next: null, count: 1 } }));
			}
		});
		const result = await attack(glomo.url, key, { method: 'POST', path: '/payouts', body: { request_id: 'run-cut-1' } }, { timeout: TIMEOUT_S });
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')).toEqual([payout]);
		const posts = glomo.received.filter((r) => r.method === 'POST').length;
		tally.add('duplicateWrites', posts - 1);
		expect(glomo.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/payouts', 'GET /api/v1/payouts?request_id=run-cut-1']);
	});
});

describe('Retry-After', () => {
	test('a 429 asking for one second is waited out, then the read succeeds', async () => {
		glomo.behave((_req, res, _r, count) =>
			count === 1
				? res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"message":"Too Many Requests"}')
				: res.writeHead(200, { 'content-type': 'application/json' }).end('{"available":[]}'),
		);
		virtualClock.reset();
		const result = await attack(glomo.url, key, { method: 'GET', path: '/balances' }, { timeout: 5 });
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(glomo.received).toHaveLength(2);
		// the second asked for, counted from the refusal (so the wait starts a few real milliseconds
		// short of it when the next request is queued), with no jitter added to a server's wish
		expect(virtualClock.slept).toHaveLength(1);
		expect(virtualClock.slept[0]).toBeGreaterThan(900);
		expect(virtualClock.slept[0]).toBeLessThanOrEqual(1000);
	});

	test('an HTTP-date Retry-After is honoured as well', async () => {
		glomo.behave((_req, res, _r, count) =>
			count === 1
				? res.writeHead(429, { 'retry-after': new Date(Date.now() + 1500).toUTCString() }).end('{"message":"slow down"}')
				: res.writeHead(200).end('{"available":[]}'),
		);
		virtualClock.reset();
		const result = await attack(glomo.url, key, { method: 'GET', path: '/balances' }, { timeout: 5 });
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(glomo.received).toHaveLength(2);
		// the date has whole seconds: 1.5 s ahead is 0.5 to 1.5 s away when it is read
		expect(virtualClock.slept).toHaveLength(1);
		expect(virtualClock.slept[0]).toBeGreaterThanOrEqual(400);
		expect(virtualClock.slept[0]).toBeLessThanOrEqual(1500);
	});

	test('a wait longer than the time budget ends the call at once with Glomo\'s message', async () => {
		glomo.answer(429, '{"message":"Too Many Requests"}', { 'retry-after': '3600', 'content-type': 'application/json' });
		const [result, ms] = await elapsed(async () => await attack(glomo.url, key, { method: 'GET', path: '/balances' }, { timeout: 5 }));
		tally.add('cases');
		expect(glomo.received).toHaveLength(1);
		expect(result.error?.httpCode).toBe('429');
		expect(result.error?.message).toBe('Too Many Requests');
		expect(ms).toBeLessThan(2000);
	});
});

describe('request_id recovery hands back only the record that request made', () => {
	const mine = { id: 'payout_mine00000001', request_id: 'run-own-1', status: 'queued' };
	const other = { id: 'payout_other0000001', request_id: 'run-own-0', status: 'processed' };
	const list = (data: object[]) => JSON.stringify({ data, page_meta: { next: null, count: data.length } });
	const json = { 'content-type': 'application/json' };
	/**
	 * The first POST is cut off; the lookup that follows finds nothing yet (Glomo had not committed
	 * it), so it is sent again; the retry meets `retry`; a lookup after it lists `found`.
	 */
	const committedThenLost = (retry: [number, string], found: object[]) => {
		let lookups = 0;
		glomo.behave((req, res, _r, count) => {
			if (req.method === 'GET') return res.writeHead(200, json).end(list(++lookups === 1 ? [] : found));
			if (count === 1) return res.destroy();
			return res.writeHead(retry[0], json).end(retry[1]);
		});
	};
	const LOOKUP = 'GET /api/v1/payouts?request_id=run-own-1';
	const create = async (method: 'POST' | 'PATCH' = 'POST') =>
		await attack(glomo.url, key, { method, path: '/payouts', body: { request_id: 'run-own-1' } }, { timeout: TIMEOUT_S });
	const sent = () => glomo.received.map((r) => `${r.method} ${r.url}`);

	test.each([
		['a 409', 409, '{"message":"Payout already exists for this request_id"}'],
		['a 400 (orders, payments, refunds)', 400, '{"message":"Order already exists for this request_id"}'],
		['a 409 that says it in its error field', 409, '{"error":"request_id already exists"}'],
	])('a retry met by %s takes the record with its own request_id, never the first one listed', async (_what, status, body) => {
		committedThenLost([status, body], [other, mine]);
		const result = await create();
		tally.add('cases');
		expect(sent()).toEqual(['POST /api/v1/payouts', LOOKUP, 'POST /api/v1/payouts', LOOKUP]);
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')).toEqual([mine]);
	});

	test('a retry met by "already exists" whose lookup finds no such request_id is an error, not an empty success', async () => {
		committedThenLost([409, '{"message":"Payout already exists for this request_id"}'], [other]);
		const result = await create();
		tally.add('cases');
		expect(sent()).toEqual(['POST /api/v1/payouts', LOOKUP, 'POST /api/v1/payouts', LOOKUP]);
		expect(result.error?.message).toBe('Payout already exists for this request_id');
		expect(result.error?.httpCode).toBe('409');
		expect(result.json('Probe')).toEqual([]);
		tally.add('silentLosses', result.error ? 0 : 1);
	});

	test.each([
		['another 409', 409, 'Beneficiary is not approved'],
		['a 422 that says "already exists"', 422, 'Payout already exists for this request_id'],
	])('a retry met by %s is reported as it is, without a lookup', async (_what, status, message) => {
		committedThenLost([status, JSON.stringify({ message })], [mine]);
		const result = await create();
		tally.add('cases');
		expect(sent()).toEqual(['POST /api/v1/payouts', LOOKUP, 'POST /api/v1/payouts']);
		expect(result.error?.message).toBe(message);
		expect(result.error?.httpCode).toBe(String(status));
	});

	test('a create met by 503 every time is sent five times at most, within the time it may take', async () => {
		glomo.answer(503, '{"message":"unavailable"}');
		const result = await attack(glomo.url, key, { method: 'POST', path: '/payouts', body: { request_id: 'run-503-1', amount: 100 } }, { timeout: 60 });
		tally.add('cases');
		expect(glomo.received).toHaveLength(5);
		expect(result.error?.message).toBe('unavailable');
	});

	test('a 2xx cut off whose lookup finds no such request_id says the outcome is unknown', async () => {
		glomo.behave((req, res) => {
			if (req.method === 'GET') return res.writeHead(200, json).end(list([other]));
			res.writeHead(201, { ...json, 'content-length': '500' });
			res.write('{"id":"payout_');
			return setTimeout(() => res.destroy(), 20);
		});
		const result = await create();
		tally.add('cases');
		expect(result.json('Probe')).toEqual([]);
		expect(result.error?.message).toBe(
			'Glomo did not answer: the request was sent and whether it was carried out is unknown (its answer (HTTP 201) was cut off)',
		);
		expect(result.error?.context?.outcome).toBe('unknown');
		expect(result.error?.context?.requestId).toBe('run-own-1');
		// sent again only under the same request_id (Glomo cannot carry it out twice), each time
		// after a lookup that found nothing
		const posts = glomo.received.filter((r) => r.method === 'POST');
		expect(posts.length).toBeGreaterThan(1);
		expect(posts.every((r) => r.body === '{"request_id":"run-own-1"}')).toBe(true);
		expect(sent().slice(0, 4)).toEqual(['POST /api/v1/payouts', 'GET /api/v1/payouts?request_id=run-own-1', 'POST /api/v1/payouts', 'GET /api/v1/payouts?request_id=run-own-1']);
		tally.add('silentLosses', result.error ? 0 : 1);
	});

	test.each([
		['finds it', [other, mine], undefined],
		['does not find it', [other], 'Glomo answered HTTP 201 with a body that is not valid JSON'],
	])('a 2xx whose body is broken is looked up by its request_id, which %s', async (_what, found, error) => {
		glomo.behave((req, res) =>
			req.method === 'GET' ? res.writeHead(200, json).end(list(found)) : res.writeHead(201, { 'content-type': 'text/html' }).end('<html>ok</html>'),
		);
		const result = await create();
		tally.add('cases');
		expect(sent()).toEqual(['POST /api/v1/payouts', 'GET /api/v1/payouts?request_id=run-own-1']);
		expect(result.error?.message).toBe(error);
		expect(result.json('Probe')).toEqual(error ? [] : [mine]);
	});

	test('a PATCH is never sent twice, even with a request_id in its body', async () => {
		glomo.answer(503, '{"message":"Service Unavailable"}');
		const result = await create('PATCH');
		tally.add('cases');
		expect(sent()).toEqual(['PATCH /api/v1/payouts']);
		expect(result.error?.httpCode).toBe('503');
		tally.add('duplicateWrites', glomo.received.length - 1);
	});
});

describe('connections that fail', () => {
	const read = { method: 'GET', path: '/balances' } as const;
	const payout = { method: 'POST', path: '/payouts', body: { request_id: 'run-net-1', source_amount: 100 } } as const;
	const customer = { method: 'POST', path: '/customer', body: { name: 'Asha' } } as const;
	// port 9 (discard) has no listener on loopback; a .invalid name never resolves (RFC 6761)
	const CLOSED = 'http://127.0.0.1:9';
	const NO_HOST = 'http://glomo-api.invalid';

	test.each([
		['a read from a closed port', CLOSED, read, 'ECONNREFUSED', 'Glomo could not be reached: the connection was refused', /^ECONNREFUSED\. Nothing was sent \(5 attempt\(s\) in [\d.]+ s\): check the Base URL in the credential and the network\.$/, undefined],
		['a create without request_id to a closed port', CLOSED, customer, 'ECONNREFUSED', 'Glomo could not be reached: the connection was refused', /^ECONNREFUSED\. Nothing was sent \(1 attempt\(s\) in [\d.]+ s\)/, 'not sent'],
		['a read from a host that does not exist (not retried)', NO_HOST, read, 'ENOTFOUND', 'Glomo could not be reached: the host name does not exist', /^ENOTFOUND\. Nothing was sent \(1 attempt\(s\) in [\d.]+ s\)/, undefined],
		['a payout to a host that does not exist (not retried)', NO_HOST, payout, 'ENOTFOUND', 'Glomo could not be reached: the host name does not exist', /^ENOTFOUND\. Nothing was sent \(1 attempt\(s\) in [\d.]+ s\)/, 'not sent'],
	])('%s says that nothing was sent', async (_name, url, request, code, message, description, outcome) => {
		virtualClock.reset();
		const result = await attack(url, key, request, { timeout: 5 });
		tally.add('cases');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(description);
		expect(result.error?.context?.outcome).toBe(outcome);
		expect(result.error?.context?.glomoCode).toBe(code);
	});

	test.each([
		['a read', read, 5, 'Glomo did not answer: the connection was closed before an answer', /^ECONNRESET\. No complete answer after 5 attempt\(s\) in [\d.]+ s; nothing was changed\. Check the Base URL in the credential and the network, or raise the credential's Timeout\.$/, undefined],
		['a payout with request_id', payout, 5, 'Glomo did not answer: the request was sent and whether it was carried out is unknown (the connection was closed before an answer)', /^ECONNRESET\. No complete answer after 5 attempt\(s\) in [\d.]+ s\. Look it up by its request_id "run-net-1" \(Get Many filtered by request_id, or GET \/payouts\?request_id=run-net-1\) before doing anything else; sending it again with the same request_id cannot carry it out twice\.$/, 'unknown'],
		['a create without request_id', customer, 1, 'Glomo did not answer: the request was sent and whether it was carried out is unknown (the connection was closed before an answer)', /^ECONNRESET\. No complete answer after 1 attempt\(s\) in [\d.]+ s\. Check in Glomo \(Get or Get Many, or the dashboard\) whether it was carried out before running this again: running it again could do it twice\.$/, 'unknown'],
	])('%s whose connection is cut every time: its attempts and outcome are said', async (_name, request, attempts, message, description, outcome) => {
		// the create is looked up by its request_id between attempts: the lookups are cut as well
		glomo.behave((req) => req.socket.destroy());
		virtualClock.reset();
		const result = await attack(glomo.url, key, request, { timeout: 5 });
		tally.add('cases');
		expect(glomo.received.filter((r) => r.method === request.method)).toHaveLength(attempts);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(description);
		expect(result.error?.context?.outcome).toBe(outcome);
		expect(result.error?.context?.glomoCode).toBe('ECONNRESET');
		expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({ message });
	});

	// a reset (TCP RST) after the request was read comes back from Node as "read ECONNRESET", its
	// system call first: unlike a connect that failed, the request had gone out
	test.each([
		['a payout with request_id', payout, 5, /^ECONNRESET\. No complete answer after 5 attempt\(s\) in [\d.]+ s\. Look it up by its request_id "run-net-1" /],
		['a create without request_id', customer, 1, /^ECONNRESET\. No complete answer after 1 attempt\(s\) in [\d.]+ s\. Check in Glomo .* running it again could do it twice\.$/],
	])('%s reset by the server after it read the body ("read ECONNRESET"): sent, its outcome unknown', async (_name, request, attempts, description) => {
		glomo.behave((req) => req.socket.resetAndDestroy());
		virtualClock.reset();
		const result = await attack(glomo.url, key, request, { timeout: 5 });
		tally.add('cases');
		const posts = glomo.received.filter((r) => r.method === 'POST');
		expect(posts).toHaveLength(attempts);
		expect(posts.every((r) => r.body === JSON.stringify(request.body))).toBe(true);
		expect(result.error?.message).toBe('Glomo did not answer: the request was sent and whether it was carried out is unknown (the connection was closed before an answer)');
		expect(result.error?.description).toMatch(description);
		expect(result.error?.context?.outcome).toBe('unknown');
		expect(result.error?.context?.glomoCode).toBe('ECONNRESET');
		tally.add('unknownOutcomesSaid');
	});

	test.each([
		['a read', read, 5, 'Glomo did not answer: the connection failed', /^EPROTO\. No complete answer after 5 attempt\(s\) in [\d.]+ s; nothing was changed\./, undefined],
		['a create without request_id', customer, 1, 'Glomo did not answer: the request was sent and whether it was carried out is unknown (the connection failed)', /^EPROTO\. No complete answer after 1 attempt\(s\) in [\d.]+ s\. Check in Glomo /, 'unknown'],
	])('%s over https to a server that speaks plain HTTP: a code without words of its own is "the connection failed"', async (_name, request, attempts, message, description, outcome) => {
		// the TLS handshake fails with "write EPROTO ...": a code the error has no sentence for
		glomo.behave((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
		virtualClock.reset();
		const result = await attack(glomo.url.replace('http://127.0.0.1', 'https://localhost'), key, request, { timeout: 5 });
		tally.add('cases');
		expect(glomo.received).toHaveLength(0);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(description);
		expect(result.error?.description).toContain(`after ${attempts} attempt(s)`);
		expect(result.error?.context?.outcome).toBe(outcome);
		expect(result.error?.context?.glomoCode).toBe('EPROTO');
	});

	test('a server that speaks no HTTP: no answer, not retried, no code made up', async () => {
		glomo.behave((req) => req.socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
		virtualClock.reset();
		const result = await attack(glomo.url, key, read, { timeout: 5 });
		tally.add('cases');
		expect(glomo.received).toHaveLength(1);
		expect(result.error?.message).toBe('Glomo did not answer: no answer');
		expect(result.error?.description).toMatch(/^No complete answer after 1 attempt\(s\) in [\d.]+ s; nothing was changed\./);
		expect(result.error?.context).not.toHaveProperty('glomoCode');
	});

});

describe('an idempotent create (as Payout › Create sends it) against broken, refused and odd answers', () => {
	const json = { 'content-type': 'application/json' };
	const list = (data: object[]) => JSON.stringify({ data, page_meta: { next: null, count: data.length } });
	const idempotent = (onDuplicate: 'existing' | 'error' = 'existing') => ({ noun: 'payout', identity: ['amount', 'beneficiary_id'], onDuplicate });
	const create = async (onDuplicate: 'existing' | 'error' = 'existing') =>
		await attack(
			glomo.url,
			key,
			{ method: 'POST', path: '/payouts', body: { request_id: 'idem-1', amount: 500, beneficiary_id: 'bene_abcdefgh' }, idempotent: idempotent(onDuplicate) },
			{ timeout: TIMEOUT_S },
		);
	const sent = () => glomo.received.map((r) => r.method);

	test('a 503 whose request was committed, then 409 on the retry: this run made it (duplicate = false)', async () => {
		const mine = { id: 'payout_mine00000001', request_id: 'idem-1', amount: 500, beneficiary_id: 'bene_abcdefgh', status: 'in_progress' };
		glomo.behave((req, res, _r, count) => {
			if (req.method === 'GET') return res.writeHead(200, json).end(list([mine]));
			if (count === 1) return res.writeHead(503, json).end('{"message":"unavailable"}');
			return res.writeHead(409, json).end('{"message":"A payout with this request_id already exists"}');
		});
		virtualClock.reset();
		const result = await create();
		tally.add('cases');
		expect(sent()).toEqual(['POST', 'POST', 'GET']);
		expect(result.json('Probe')).toEqual([{ ...mine, duplicate: false }]);
	});

	test('a 201 with a broken body is looked up, and what it made is this run\'s (duplicate = false)', async () => {
		const mine = { id: 'payout_mine00000002', request_id: 'idem-1', amount: 500, beneficiary_id: 'bene_abcdefgh', status: 'in_progress' };
		glomo.behave((req, res) => (req.method === 'GET' ? res.writeHead(200, json).end(list([mine])) : res.writeHead(201, json).end('{"id":"payout_')));
		const result = await create();
		tally.add('cases');
		expect(sent()).toEqual(['POST', 'GET']);
		expect(result.json('Probe')).toEqual([{ ...mine, duplicate: false }]);
	});

	test.each([
		['a 503', 503],
		['a 300', 300],
	])('%s whose body is cut off is no lost success: no lookup, Glomo\'s status decides', async (_what, status) => {
		glomo.behave((req, res) => {
			if (req.method === 'GET') return res.writeHead(200, json).end(list([]));
			res.writeHead(status, { ...json, 'content-length': '200' });
			res.write('{"message":"unav');
			return setTimeout(() => res.destroy(), 10);
		});
		virtualClock.reset();
		await create();
		tally.add('cases');
		expect(sent().filter((method) => method === 'GET')).toEqual([]);
	});

	test('a record found under the request_id without an id: handed back as it is when it is the same payout', async () => {
		const noId = { request_id: 'idem-1', amount: 500, beneficiary_id: 'bene_abcdefgh', status: 'success' };
		glomo.behave((req, res) => (req.method === 'GET' ? res.writeHead(200, json).end(list([noId])) : res.writeHead(409, json).end('{"message":"Record already exists"}')));
		const result = await create();
		tally.add('cases');
		expect(result.json('Probe')).toEqual([{ ...noId, duplicate: true }]);
	});

	test('a different payout under the same request_id is refused, naming what differs; its error carries Glomo\'s side', async () => {
		const other = { request_id: 'idem-1', amount: 900, beneficiary_id: 'bene_zyxwvuts', status: 'success' };
		glomo.behave((req, res) => (req.method === 'GET' ? res.writeHead(200, json).end(list([other])) : res.writeHead(409, json).end('{"message":"Record already exists"}')));
		const result = await create();
		tally.add('cases');
		const message = 'The request_id "idem-1" already belongs to another payout (no id)';
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBe(
			'It is not the same payout: amount 500 was sent, the existing one has 900; beneficiary_id "bene_abcdefgh" was sent, the existing one has "bene_zyxwvuts". Nothing was carried out. Give each payout its own Request ID (for example its invoice number), or leave Request ID empty to derive one from the payout\'s details.',
		);
		expect(result.error?.httpCode).toBe('409');
		expect((result.error as unknown as { errorResponse?: unknown }).errorResponse).toEqual({ httpCode: '409', message });
		expect(result.error?.context).toMatchObject({ outcome: 'not sent', requestId: 'idem-1', existingId: 'no id' });
	});

	test('On Duplicate = Fail: the error names the existing payout, its status (or "unknown"), and carries its id', async () => {
		const existing = { id: 'payout_earlier00001', request_id: 'idem-1', amount: 500, beneficiary_id: 'bene_abcdefgh' };
		glomo.behave((req, res) => (req.method === 'GET' ? res.writeHead(200, json).end(list([existing])) : res.writeHead(409, json).end('{"message":"Record already exists"}')));
		const result = await create('error');
		tally.add('cases');
		expect(result.error?.message).toBe('A payout with the request_id "idem-1" already exists (payout_earlier00001, status unknown)');
		expect(result.error?.description).toBe(
			'An earlier run created it; nothing new was carried out. Set On Duplicate to "Output the Existing Payout" to continue with it instead of failing.',
		);
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.context).toMatchObject({ outcome: 'not sent', requestId: 'idem-1', existingId: 'payout_earlier00001' });
	});
});

describe('a refund locked by another one in progress (409 "Refund is being processed")', () => {
	const json = { 'content-type': 'application/json' };
	const list = (data: object[]) => JSON.stringify({ data, page_meta: { next: null, count: data.length } });
	const body = { request_id: 'refund-7', payment_id: 'payt_lockedpayment1', amount: 500 };
	const refund = async (withRequestId = true, timeout = TIMEOUT_S) =>
		await attack(
			glomo.url,
			key,
			{
				method: 'POST',
				path: '/refunds',
				body: withRequestId ? body : { payment_id: body.payment_id, amount: 500 },
				idempotent: withRequestId ? { noun: 'refund', identity: ['payment_id', 'amount'], onDuplicate: 'existing' } : undefined,
			},
			{ timeout },
		);
	const busy = '{"error":"Conflict","message":"Refund is being processed"}';
	const sent = () => glomo.received.map((r) => r.method);

	test('is sent again after a pause, with the same request_id, and what it makes is this run\'s', async () => {
		const made = { id: 'refund_mine0000001', ...body, status: 'in_progress' };
		glomo.behave((_req, res, _r, count) => (count === 1 ? res.writeHead(409, json).end(busy) : res.writeHead(202, json).end(JSON.stringify(made))));
		virtualClock.reset();
		const result = await refund();
		tally.add('cases');
		expect(sent()).toEqual(['POST', 'POST']);
		expect(glomo.received.map((r) => JSON.parse(r.body).request_id)).toEqual(['refund-7', 'refund-7']);
		expect(virtualClock.slept).toHaveLength(1);
		expect(virtualClock.slept[0]).toBeGreaterThan(0);
		expect(result.json('Probe')).toEqual([{ ...made, duplicate: false }]);
	});

	test('when the refund holding the lock had this request_id, the retry finds it: that other run\'s, marked duplicate', async () => {
		const theirs = { id: 'refund_theirs000001', ...body, status: 'in_progress' };
		glomo.behave((req, res, _r, count) => {
			if (req.method === 'GET') return res.writeHead(200, json).end(list([theirs]));
			if (count === 1) return res.writeHead(409, json).end(busy);
			return res.writeHead(400, json).end('{"error":"Bad Request","message":"Refund already exists for this request_id"}');
		});
		virtualClock.reset();
		const result = await refund();
		tally.add('cases');
		expect(sent()).toEqual(['POST', 'POST', 'GET']);
		expect(glomo.received[2].url).toContain('request_id=refund-7');
		expect(result.json('Probe')).toEqual([{ ...theirs, duplicate: true }]);
	});

	test('a refund without a request_id is not sent again: Glomo\'s message is shown as it is', async () => {
		glomo.behave((_req, res) => res.writeHead(409, json).end(busy));
		virtualClock.reset();
		const result = await refund(false);
		tally.add('cases');
		expect(sent()).toEqual(['POST']);
		expect(result.error?.message).toContain('Refund is being processed');
		expect(result.error?.httpCode).toBe('409');
	});

	test('a lock that outlasts the call\'s time ends in Glomo\'s 409, after a bounded number of tries', async () => {
		glomo.behave((_req, res) => res.writeHead(409, json).end(busy));
		virtualClock.reset();
		const result = await refund(true, 30);
		tally.add('cases');
		// five attempts at most, with growing pauses in between
		expect(sent()).toEqual(['POST', 'POST', 'POST', 'POST', 'POST']);
		expect(virtualClock.slept).toHaveLength(4);
		expect(virtualClock.slept[3]).toBeGreaterThan(virtualClock.slept[0]);
		expect(result.error?.message).toContain('Refund is being processed');
		expect(result.error?.httpCode).toBe('409');
	});

	test('a 400 that says "being processed" is no lock (Glomo locks with 409): not sent again', async () => {
		glomo.behave((_req, res) => res.writeHead(400, json).end('{"error":"Bad Request","message":"Refund is being processed"}'));
		virtualClock.reset();
		const result = await refund();
		tally.add('cases');
		expect(sent()).toEqual(['POST']);
		expect(result.error?.httpCode).toBe('400');
	});

	test('an answer lost on the wire, the refund not yet listed, then Glomo refuses the resend: found, and this run\'s (duplicate = false)', async () => {
		const mine = { id: 'refund_lost0000001', ...body, status: 'in_progress' };
		let lookups = 0;
		glomo.behave((req, res, _r, count) => {
			if (req.method === 'GET') return res.writeHead(200, json).end(list(++lookups === 1 ? [] : [mine]));
			if (count === 1) return res.destroy();
			return res.writeHead(400, json).end('{"error":"Bad Request","message":"Refund already exists for this request_id"}');
		});
		virtualClock.reset();
		const result = await refund();
		tally.add('cases');
		expect(sent()).toEqual(['POST', 'GET', 'POST', 'GET']);
		expect(result.json('Probe')).toEqual([{ ...mine, duplicate: false }]);
	});

	test('a 409 about something else is no lock: not sent again', async () => {
		glomo.behave((_req, res) => res.writeHead(409, json).end('{"error":"Conflict","message":"Payment is disputed"}'));
		virtualClock.reset();
		const result = await refund();
		tally.add('cases');
		expect(sent()).toEqual(['POST']);
		expect(result.error?.message).toContain('Payment is disputed');
	});
});
