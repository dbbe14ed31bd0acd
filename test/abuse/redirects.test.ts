/**
 * A Base URL whose server redirects: Glomo's API never does, so a 3xx ends the call. The key must
 * reach no other origin, a write must not be sent twice, and the error must say where it pointed.
 */
import { attack, fakeKey, occurrences } from './helpers';
import { HostileServer, useHostile } from './hostile';
import { useTally } from './tally';

const tally = useTally(__filename);
const glomo = useHostile();
const elsewhere = useHostile();

const statuses = [300, 301, 302, 303, 307, 308, 399];
const requests = [
	{ method: 'GET' as const, path: '/balances' },
	{ method: 'POST' as const, path: '/payouts', body: { request_id: 'run-redirect-1', source_amount: 100 } },
	{ method: 'POST' as const, path: '/customer', body: { name: 'Asha' } },
	{ method: 'PATCH' as const, path: '/customer/cust_5JU9yv0lGSUP', body: { phone: '+91-9023456789' } },
];

function redirectTo(server: HostileServer, status: number, location: string) {
	server.behave((_req, res) => res.writeHead(status, { location, 'content-type': 'text/html' }).end('<a>moved</a>'));
	elsewhere.answer(200, '{"id":"cust_fromElsewhere1","data":[],"page_meta":{"next":null}}');
}

describe.each(statuses)('HTTP %i', (status) => {
	test.each(requests)('$method $path: not followed, the key sent nowhere else, nothing sent twice', async (request) => {
		const key = fakeKey();
		redirectTo(glomo, status, `${elsewhere.url}/steal?token=${encodeURIComponent(key)}`);
		const result = await attack(glomo.url, key, request);
		tally.add('cases');

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Glomo's address answered with a redirect (HTTP ${status}) to ${elsewhere.url}/steal`);
		expect(result.error?.description).toBe(
			'Glomo\'s API does not redirect, so the redirect was not followed: the secret key was sent to no other address and the request was not sent again. Check the Base URL in the credential (https://, the right host, no proxy that redirects).',
		);
		expect(glomo.received).toHaveLength(1);
		expect(elsewhere.received).toHaveLength(0);
		const leaks = occurrences(result.dump(), key);
		expect(leaks).toBe(0);
		tally.add('secretLeaks', leaks);
		tally.add('keyElsewhere', elsewhere.received.length);
		tally.add('duplicateWrites', Math.max(0, glomo.received.length - 1));
		tally.add('redirectsStopped');
	});
});

test.each([
	['a relative path', '/api/v1/balances-moved', '/api/v1/balances-moved'],
	['a relative path in spaces', '  /api/v1/balances-moved  ', '/api/v1/balances-moved'],
	['the same origin', '{self}/api/v1/other?page=2', '{self}/api/v1/other'],
	['a protocol-relative address', '//evil.invalid/x', 'http://evil.invalid/x'],
	['no Location at all', undefined, 'an address it did not give'],
	['a Location of spaces', '   ', 'an address it did not give'],
	['a Location that is not a URL', 'http://[not-a-host/x', 'an address that is not a URL'],
])('a redirect to %s is not followed, and says where it pointed', async (_what, location, target) => {
	const key = fakeKey();
	glomo.behave((req, res) => {
		if (req.url?.includes('moved') || req.url?.includes('other')) res.writeHead(200).end('{}');
		else res.writeHead(302, location === undefined ? {} : { location: location.replace('{self}', glomo.url) }).end();
	});
	const result = await attack(glomo.url, key, { method: 'GET', path: '/balances' });
	tally.add('cases');
	const message = `Glomo's address answered with a redirect (HTTP 302) to ${target.replace('{self}', glomo.url)}`;
	expect(result.error?.message).toBe(message);
	expect(result.error?.httpCode).toBe('302');
	expect(result.error?.context).toEqual({ itemIndex: 0, glomoStatus: 302 });
	expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({ httpCode: '302', message });
	expect(glomo.received).toHaveLength(1);
	expect(occurrences(result.dump(), key)).toBe(0);
	tally.add('redirectsStopped');
});

test('a redirect whose Location carries the key shows neither the key nor the query', async () => {
	const key = fakeKey();
	glomo.behave((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:9/${key}?k=${key}` }).end());
	const result = await attack(glomo.url, key, { method: 'POST', path: '/customer', body: {} }, { continueOnFail: true });
	tally.add('cases');
	expect(result.error).toBeUndefined();
	expect(result.json('Probe')[0].error).toBe('Glomo\'s address answered with a redirect (HTTP 307) to http://127.0.0.1:9/[redacted]');
	expect(occurrences(result.dump(), key)).toBe(0);
	expect(glomo.received).toHaveLength(1);
	tally.add('redirectsStopped');
});
