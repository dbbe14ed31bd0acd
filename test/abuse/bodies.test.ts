/**
 * 2xx answers that are not what the operation expects: never taken as data. Lists, gets and
 * creates alike end in an error naming the status and what came back.
 */
import { gzipSync } from 'node:zlib';

import { attack, fakeKey, occurrences, page } from './helpers';
import { useHostile } from './hostile';
import { useTally } from './tally';

const tally = useTally(__filename);
const glomo = useHostile();
const key = fakeKey();

const broken: Array<[string, string, string]> = [
	['an HTML page', '<!doctype html><html><body>Welcome to nginx</body></html>', 'a body that is not valid JSON'],
	['an empty body', '', 'an empty body'],
	['truncated JSON', '{"data":[{"id":"cust_abcdef1"},', 'a body that is not valid JSON'],
	['null', 'null', 'null instead of a record'],
	['a bare string', '"ok"', 'something other than a JSON object'],
	['a number', '42', 'something other than a JSON object'],
	['JSON nested 100,000 levels', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'JSON nested deeper than 64 levels'],
	['a record nested 65 levels', `{"id":"cust_deep0000001","x":${'[{"a":'.repeat(31)}[[1]]${'}]'.repeat(31)}}`, 'JSON nested deeper than 64 levels'],
	['only blanks', ' \r\n\t ', 'an empty body'],
];

const requests = {
	get: { method: 'GET' as const, path: '/customer/cust_5JU9yv0lGSUP' },
	create: { method: 'POST' as const, path: '/customer', body: { name: 'Asha' } },
	list: { method: 'GET' as const, path: '/customer', expect: 'list' as const },
};

describe.each(Object.keys(requests) as Array<keyof typeof requests>)('%s', (kind) => {
	test.each(broken)('%s is an error, not data', async (_name, body, problem) => {
		glomo.answer(200, body);
		const result = await attack(glomo.url, key, requests[kind]);
		tally.add('cases');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Glomo answered HTTP 200 with ${problem}`);
		expect(result.items('Probe')).toEqual([]);
		const advice =
			kind === 'create'
				? 'The request was accepted (HTTP 200), so it was probably carried out. Check in Glomo (Get or Get Many, or the dashboard) whether it was carried out before running this again: running it again could do it twice.'
				: 'Nothing was taken from it. A proxy or a wrong Base URL in the credential usually causes this.';
		const description = result.error?.description ?? '';
		expect(description.endsWith(advice)).toBe(true);
		// what the answer began with is shown, when it began with anything
		expect(description.startsWith('The answer began: "')).toBe(body.trim() !== '');
		expect(result.error?.context?.outcome).toBe(kind === 'create' ? 'unknown' : undefined);
		expect(glomo.received).toHaveLength(1);
		tally.add('brokenAnswersRefused');
	});
});

test('a 200 page that echoes the key shows what it began with, the key masked', async () => {
	glomo.answer(200, `<html>token ${key} denied</html>`, { 'content-type': 'text/html' });
	const result = await attack(glomo.url, key, requests.get);
	tally.add('cases');
	expect(result.error?.description).toBe(
		'The answer began: "<html>token [redacted] denied</html>". Nothing was taken from it. A proxy or a wrong Base URL in the credential usually causes this.',
	);
	expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({ httpCode: '200', message: 'Glomo answered HTTP 200 with a body that is not valid JSON' });
	tally.add('secretLeaks', occurrences(result.dump(), key));
	expect(occurrences(result.dump(), key)).toBe(0);
});

describe('list pages of the wrong shape', () => {
	test.each([
		['data that is not an array', '{"data":{"id":"cust_abcdef1"},"page_meta":{"next":null}}', 'a list answer without a data array'],
		['data holding strings', '{"data":["cust_abcdef1"],"page_meta":{"next":null}}', 'a data array that holds something other than records'],
		['data holding null', '{"data":[null],"page_meta":{"next":null}}', 'a data array that holds something other than records'],
		['no page_meta', '{"data":[]}', 'a list answer without its page_meta'],
		['an array instead of a page', '[{"id":"cust_abcdef1"}]', 'something other than a JSON object'],
	])('%s', async (_name, body, problem) => {
		glomo.answer(200, body);
		const result = await attack(glomo.url, key, { method: 'GET', path: '/customer' }, { list: { returnAll: true, limit: 0 } });
		tally.add('cases');
		expect(result.error?.message).toBe(`Glomo answered HTTP 200 with ${problem}`);
		tally.add('brokenAnswersRefused');
	});

	test('a Return All whose page 2 is an HTML 200 fails instead of returning page 1 alone', async () => {
		const records = (from: number) => Array.from({ length: 100 }, (_v, i) => ({ id: `cust_rec${String(from + i).padStart(6, '0')}` }));
		glomo.behave((req, res) => {
			const pageNo = new URL(req.url ?? '', 'http://x').searchParams.get('page');
			if (pageNo === '1') res.writeHead(200).end(page(records(0), { current: 1, next: 2, pages: 3, count: 250 }));
			else res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
		});
		const result = await attack(glomo.url, key, { method: 'GET', path: '/customer' }, { list: { returnAll: true, limit: 0 } });
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo answered HTTP 200 with a body that is not valid JSON');
		expect(result.error?.description).toContain('The answer began: "<html>maintenance</html>"');
		expect(result.items('Probe')).toEqual([]);
		tally.add('brokenAnswersRefused');
	});

	test('a Return All whose pages hold fewer records than page_meta.count fails', async () => {
		glomo.answer(200, page([{ id: 'cust_only000001' }], { current: 1, next: null, pages: 1, count: 3 }));
		const result = await attack(glomo.url, key, { method: 'GET', path: '/customer' }, { list: { returnAll: true, limit: 0 } });
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo\'s list pages are inconsistent: the pages held 1 distinct records, but page_meta.count says 3');
		tally.add('silentLosses', result.items('Probe').length);
		tally.add('brokenAnswersRefused');
	});
});

describe('what is well-formed is kept exactly', () => {
	test('a BOM before valid JSON is accepted', async () => {
		glomo.answer(200, '\ufeff{"id":"cust_bom0000001"}');
		const result = await attack(glomo.url, key, requests.get);
		tally.add('cases');
		expect(result.json('Probe')).toEqual([{ id: 'cust_bom0000001' }]);
	});

	test('a record nested exactly 64 levels is read', async () => {
		const deep = `{"id":"cust_deep0000001","x":${'[{"a":'.repeat(31)}[1]${'}]'.repeat(31)}}`;
		glomo.answer(200, deep);
		const result = await attack(glomo.url, key, requests.get);
		tally.add('cases');
		expect(result.json('Probe')).toEqual([JSON.parse(deep)]);
	});

	test('brackets, braces and escaped quotes inside strings are text, not nesting', async () => {
		const record = {
			id: 'cust_text0000001',
			// an escaped quote followed by 70 braces, a string ending in a backslash, then brackets
			note: `said "${'{['.repeat(70)}"`,
			path: 'C:\\',
			tail: ']]]]}}}}'.repeat(20) + '[['.repeat(40),
		};
		glomo.answer(200, JSON.stringify(record));
		const result = await attack(glomo.url, key, requests.get);
		tally.add('cases');
		expect(result.json('Probe')).toEqual([record]);
	});

	test('many records side by side are not depth', async () => {
		const records = Array.from({ length: 200 }, (_v, i) => ({ id: `cust_side${String(i).padStart(6, '0')}`, tags: [[]] }));
		glomo.answer(200, JSON.stringify(records));
		const result = await attack(glomo.url, key, { ...requests.get, expect: 'array' as const });
		tally.add('cases');
		expect(result.json('Probe')).toHaveLength(200);
	});

	test('a __proto__ key in a record stays a key and pollutes nothing', async () => {
		glomo.answer(200, '{"id":"cust_proto000001","__proto__":{"polluted":true},"note":"x"}');
		const result = await attack(glomo.url, key, requests.get);
		tally.add('cases');
		expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')[0].id).toBe('cust_proto000001');
	});
});

describe('answers that must be a JSON array of records', () => {
	const arrayRequest = { method: 'GET' as const, path: '/balances', expect: 'array' as const };
	test.each([
		['an object', '{"data":[]}'],
		['an array of strings', '["USD","EUR"]'],
		['an array with one record and one string', '[{"currency":"USD"},"EUR"]'],
		['an array with null', '[null]'],
	])('%s is an error, not data', async (_name, body) => {
		glomo.answer(200, body);
		const result = await attack(glomo.url, key, arrayRequest);
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo answered HTTP 200 with something other than a list of records');
		tally.add('brokenAnswersRefused');
	});

	test('an array of records is taken as it is', async () => {
		glomo.answer(200, '[{"currency":"USD","available":1},{"currency":"EUR","available":2}]');
		const result = await attack(glomo.url, key, arrayRequest);
		tally.add('cases');
		expect(result.json('Probe')).toEqual([{ currency: 'USD', available: 1 }, { currency: 'EUR', available: 2 }]);
	});
});

describe('what the node sends', () => {
	test('a POST without a body is sent without one; a POST with one sends JSON', async () => {
		glomo.answer(200, '{"ok":true}');
		const bare = await attack(glomo.url, key, { method: 'POST', path: '/settlements/mock-trigger' });
		tally.add('cases');
		expect(bare.error).toBeUndefined();
		expect(glomo.received[0].body).toBe('');
		glomo.answer(200, '{"ok":true}');
		await attack(glomo.url, key, { method: 'POST', path: '/customer', body: { name: 'Asha' } });
		expect(glomo.received[0].headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(glomo.received[0].body)).toEqual({ name: 'Asha' });
	});

	test('a request_id that is not text does not make a create retryable or recoverable', async () => {
		glomo.answer(503, '{"message":"unavailable"}');
		const result = await attack(glomo.url, key, { method: 'POST', path: '/payouts', body: { request_id: 12345, amount: 100 } });
		tally.add('cases');
		expect(glomo.received).toHaveLength(1);
		expect(result.error?.message).toBe('unavailable');
		expect(result.error?.context?.requestId).toBeUndefined();
	});
});

describe('size', () => {
	test('a body of exactly 16 MB is read', async () => {
		const record = '{"id":"cust_big0000001"}';
		glomo.answer(200, record + ' '.repeat(16 * 1024 * 1024 - record.length));
		const result = await attack(glomo.url, key, requests.get, { timeout: 10 });
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(result.json('Probe')).toEqual([{ id: 'cust_big0000001' }]);
	});

	test('a body larger than 16 MB is not read into memory', async () => {
		glomo.behave((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			const chunk = Buffer.alloc(1024 * 1024, 0x20);
			let sent = 0;
			const more = () => {
				while (sent < 40 && !res.destroyed) {
					sent++;
					if (!res.write(chunk)) return void res.once('drain', more);
				}
				res.end();
			};
			more();
		});
		const result = await attack(glomo.url, key, requests.get, { timeout: 10 });
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo answered HTTP 200 with a body larger than 16 MB, which was not read');
		tally.add('brokenAnswersRefused');
	});

	test.each([
		['a create answered 201', 201, 'unknown', 'The request was accepted (HTTP 201), so it was probably carried out.'],
		['a create answered 500', 500, undefined, 'Nothing was taken from it.'],
		['a create answered 299', 299, 'unknown', 'The request was accepted (HTTP 299)'],
		['a create answered 300', 300, undefined, 'Nothing was taken from it.'],
	])('%s with a body over 16 MB: what is known of its outcome', async (_name, status, outcome, advice) => {
		const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
		glomo.behave((_req, res) => res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb));
		const result = await attack(glomo.url, key, requests.create, { timeout: 10 });
		tally.add('cases');
		expect(result.error?.message).toBe(`Glomo answered HTTP ${status} with a body larger than 16 MB, which was not read`);
		expect(result.error?.description).toMatch(new RegExp(`^${advice.replace(/[().]/g, '\\$&')}`));
		expect(result.error?.context?.outcome).toBe(outcome);
		expect(glomo.received).toHaveLength(1);
	});

	test('a gzip bomb (60 KB that inflate to 60 MB) is stopped at 16 MB', async () => {
		const bomb = gzipSync(Buffer.alloc(60 * 1024 * 1024, 0x20));
		glomo.behave((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb));
		const result = await attack(glomo.url, key, requests.get, { timeout: 10 });
		tally.add('cases');
		expect(bomb.length).toBeLessThan(100 * 1024);
		expect(result.error?.message).toBe('Glomo answered HTTP 200 with a body larger than 16 MB, which was not read');
		tally.add('brokenAnswersRefused');
	});
});

describe('answers that must be an unpaged list ({data: [records]}, as eligible payment links come)', () => {
	const dataRequest = { method: 'GET' as const, path: '/payment/payt_5JU9yv0lGSUP/eligible-payins', expect: 'data' as const };
	test.each([
		['no data', '{"items":[]}', 'a list answer without a data array'],
		['data that is no array', '{"data":{"id":"payin_x"}}', 'a list answer without a data array'],
		['data holding a string', '{"data":[{"id":"payin_5JU9yv0lGSUP"},"x"]}', 'a data array that holds something other than records'],
		['an array', '[{"id":"payin_5JU9yv0lGSUP"}]', 'something other than a JSON object'],
	])('%s is an error, not data', async (_name, body, problem) => {
		glomo.answer(200, body);
		const result = await attack(glomo.url, key, dataRequest);
		tally.add('cases');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Glomo answered HTTP 200 with ${problem}`);
		tally.add('brokenAnswersRefused');
	});

	test('a data array without page_meta is taken as it is (a paged list would need its page_meta)', async () => {
		glomo.answer(200, '{"data":[{"id":"payin_5JU9yv0lGSUP"}]}');
		const result = await attack(glomo.url, key, dataRequest);
		tally.add('cases');
		expect(result.json('Probe')).toEqual([{ data: [{ id: 'payin_5JU9yv0lGSUP' }] }]);
		glomo.answer(200, '{"data":[{"id":"payin_5JU9yv0lGSUP"}]}');
		const paged = await attack(glomo.url, key, { ...dataRequest, expect: 'list' as const });
		expect(paged.error?.message).toBe('Glomo answered HTTP 200 with a list answer without its page_meta');
	});
});

describe('a card number echoed back (request secrets)', () => {
	const card = '4242424242424242';
	const payment = { method: 'POST' as const, path: '/payment', body: { order_id: 'order_5JU9yv0lGSUP', card: { number: card, cvv: '123' } }, secrets: [card] };
	test('in an error: masked in the message and the description', async () => {
		glomo.answer(400, JSON.stringify({ error: `card ${card} refused`, message: `Invalid card ${card}` }));
		const result = await attack(glomo.url, key, payment);
		tally.add('cases');
		expect(result.error?.message).toBe('Invalid card [redacted]');
		// (n8n attaches the node with its parameters to any node error: here the probe's, which hold the request)
		const { node: _node, ...ours } = JSON.parse(JSON.stringify(result.error)) as Record<string, unknown>;
		expect(JSON.stringify(ours)).not.toContain(card);
		expect(result.error?.description).toContain('card [redacted] refused');
	});

	test('in a 2xx answer: masked in the output, at any depth', async () => {
		glomo.answer(201, JSON.stringify({ id: 'payt_5JU9yv0lGSUP', echo: { card: { number: card } }, note: `paid with ${card}` }));
		const result = await attack(glomo.url, key, payment);
		tally.add('cases');
		expect(result.json('Probe')).toEqual([{ id: 'payt_5JU9yv0lGSUP', echo: { card: { number: '[redacted]' } }, note: 'paid with [redacted]' }]);
	});
});

describe('an answer cut off inside a secret Glomo hands out shows no part of that secret', () => {
	test.each([
		['a rotated key', 'POST', '/api-keys/rotate', '{"secret_key":"sk_live_9f8e7d6c5b4a39281706","expires_at":"2026-11-23T00:00:00Z"', 'sk_live_9f8e7d6c5b4a'],
		['a child merchant key, cut inside it', 'POST', '/platform/merchants', '{"message":"Merchant created successfully!","data":{"merchant_id":"merch_abcdef12","jwt_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJjaF9h', 'eyJhbGciOiJIUzI1NiJ9'],
		['a session token with an escaped quote, then HTML', 'POST', '/payment-sessions', '{"id":"psess_abc123","token" : "tok\\"en-9f8e7d6c5b4a3928"}<html>', 'en-9f8e7d6c5b4a3928'],
		['a session token with a backslash before a line break', 'POST', '/payment-sessions', '{"id":"psess_abc123","token":"tok-\\\n9f8e7d6c5b4a3928"}', '9f8e7d6c5b4a3928'],
	])('%s', async (_name, method, path, body, secretPart) => {
		glomo.answer(200, body);
		const result = await attack(glomo.url, key, { method: method as 'POST', path, body: {} });
		tally.add('cases');
		expect(result.error?.message).toBe('Glomo answered HTTP 200 with a body that is not valid JSON');
		expect(result.error?.description).toMatch(/^The answer began: ".*"(secret_key|jwt_token|token)" ?: ?"\[redacted\]"/);
		expect(occurrences(result.dump(), secretPart)).toBe(0);
		tally.add('secretLeaks', occurrences(result.dump(), secretPart));
	});

	test('an error body that is not JSON is quoted with the same fields masked', async () => {
		glomo.answer(502, '<pre>upstream said {"jwt_token":"eyJleaked.part.here"} </pre>', { 'content-type': 'text/html' });
		const result = await attack(glomo.url, key, { method: 'GET', path: '/platform/merchants/merch_abcdef12' });
		tally.add('cases');
		expect(result.error?.name).toBe('NodeApiError');
		expect(occurrences(result.dump(), 'eyJleaked')).toBe(0);
		expect(result.error?.message).toBe('<pre>upstream said {"jwt_token":"[redacted]"} </pre>');
	});
});
