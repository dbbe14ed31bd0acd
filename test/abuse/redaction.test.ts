/**
 * Servers and proxies that echo the key back: in any field of an error body, in a 2xx body, in an
 * HTML page, URL-encoded, or after the user saved it with spaces around it. The key, in the form
 * sent on the wire, must appear in no output item, error message, description or context.
 */
import { redactSecretFields, redactSecretFieldsDeep } from '../../nodes/Glomo/helpers/redact';
import { linearWorkflow, runWorkflow } from '../harness';
import { createCustomerParams, rl } from '../nodes/helpers';
import { attack, fakeKey, occurrences } from './helpers';
import { useHostile } from './hostile';
import { useTally } from './tally';

const tally = useTally(__filename);
const glomo = useHostile();

/** The server answers with the Authorization header it received put where `template` says. */
function echo(status: number, template: string, type: string) {
	glomo.behave((req, res) => {
		const auth = String(req.headers.authorization ?? '');
		const token = auth.replace(/^Bearer /, '');
		const body = template
			.split('{{auth}}')
			.join(auth)
			.split('{{token}}')
			.join(token)
			.split('{{encoded}}')
			.join(encodeURIComponent(token))
			.split('{{json}}')
			.join(JSON.stringify(token).slice(1, -1))
			.split('{{escaped}}')
			.join([...token].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
		res.writeHead(status, { 'content-type': type }).end(body);
	});
}

// every row has all four columns: jest passes a done callback for a missing one
const JSON_TYPE = 'application/json';
const cases: Array<[string, number, string, string]> = [
	['message', 401, '{"error":"Unauthorized","message":"Token {{token}} is not valid"}', JSON_TYPE],
	['error', 401, '{"error":"Bad token {{token}}"}', JSON_TYPE],
	['code', 400, '{"error":"Bad Request","message":"no","code":"{{token}}"}', JSON_TYPE],
	['all three', 422, '{"error":"{{auth}}","message":"{{token}}","code":"{{token}}"}', JSON_TYPE],
	['an HTML error page', 502, '<html><body>upstream said {{auth}}</body></html>', 'text/html'],
	['a URL-encoded echo', 400, '{"message":"see https://x.invalid/?t={{encoded}}"}', JSON_TYPE],
	// JSON escapes: the text never holds the key as written, only the parsed value does
	['a JSON-escaped echo in an error', 400, '{"message":"bad token {{escaped}}"}', JSON_TYPE],
	['a JSON-escaped echo in a 2xx body', 200, '{"id":"cust_echo00002","note":"{{escaped}}"}', JSON_TYPE],
	['a 2xx body (object)', 200, '{"id":"cust_echo00001","note":"{{auth}}","nested":{"deep":["{{token}}"]}}', JSON_TYPE],
	['a 2xx key name', 200, '{"{{token}}":"value"}', JSON_TYPE],
	['a long message (cut short for display)', 400, `{"message":"${'x'.repeat(480)} {{token}} ${'y'.repeat(200)}"}`, JSON_TYPE],
];

/** The real node: Customer Get (a read that answers an object) and Customer Create (a write). */
const operations = {
	GET: { resource: 'customer', operation: 'get', customerId: rl('cust_5JU9yv0lGSUP') },
	POST: createCustomerParams(),
};

describe.each([false, true])('continueOnFail %s', (continueOnFail) => {
	test.each(cases)('the key echoed in %s is masked', async (_name, status, template, type) => {
		echo(status, template, type);
		for (const [saved, method] of [
			[fakeKey(), 'GET'],
			[`  ${fakeKey()}\t`, 'POST'],
			[`\n${fakeKey()} \n`, 'GET'],
		] as const) {
			const result = await runWorkflow({
				...linearWorkflow({ parameters: operations[method], continueOnFail }),
				credentials: { secretKey: saved, baseUrl: glomo.url, timeout: 2 },
			});
			tally.add('cases');
			// the server received the trimmed key: that is the form that must not come back
			expect(glomo.received.at(-1)?.headers.authorization).toBe(`Bearer ${saved.trim()}`);
			const leaks = occurrences(result.dump(), saved);
			tally.add('secretLeaks', leaks);
			expect(leaks).toBe(0);
			expect(result.dump()).toContain('[redacted]');
		}
	});
});

test('a 2xx body walked for the key keeps its shape: lists stay lists, null, numbers and booleans stay as they are', async () => {
	echo(200, '{"id":"cust_walk000001","note":"{{token}}","list":["{{token}}",{"k":"{{token}}"},[1]],"none":null,"n":5,"yes":false}', JSON_TYPE);
	const result = await attack(glomo.url, fakeKey(), { method: 'GET', path: '/customer/cust_walk000001' });
	tally.add('cases');
	expect(result.json('Probe')).toEqual([
		{ id: 'cust_walk000001', note: '[redacted]', list: ['[redacted]', { k: '[redacted]' }, [1]], none: null, n: 5, yes: false },
	]);
});

describe('keys with characters that change form on the way back', () => {
	// printable ASCII is a valid header value, so a pasted key may hold quotes, backslashes and URL syntax
	const odd = 'gk_"quoted"\\back/slash+=&%?#';
	const forms = [odd, JSON.stringify(odd).slice(1, -1), encodeURIComponent(odd)];

	test.each([
		['JSON-escaped in a body that is not valid JSON', 400, '{"message":"bad token {{json}}', JSON_TYPE],
		['URL-encoded in an HTML page', 502, '<a href="/login?t={{encoded}}">retry</a>', 'text/html'],
		['JSON-escaped in a valid error body', 401, '{"message":"bad token {{json}}"}', JSON_TYPE],
		['URL-encoded in a valid error body', 401, '{"message":"see /login?t={{encoded}}"}', JSON_TYPE],
	])('the key %s is masked in every form', async (_where, status, template, type) => {
		echo(status, template, type);
		const result = await attack(glomo.url, odd, { method: 'GET', path: '/balances' });
		tally.add('cases');
		expect(glomo.received[0].headers.authorization).toBe(`Bearer ${odd}`);
		const shown = `${result.error?.message}\n${result.error?.description ?? ''}`;
		expect(shown).toContain('[redacted]');
		for (const text of [shown, result.dump()]) for (const form of forms) expect(text).not.toContain(form);
	});

	test('a key whose URL-encoded form differs, echoed as it is in a 2xx body, is masked', async () => {
		const plus = 'gk_plus+slash/eq=Zx9';
		echo(200, '{"id":"cust_plus000001","note":"{{token}}"}', JSON_TYPE);
		const result = await attack(glomo.url, plus, { method: 'GET', path: '/customer/cust_plus000001' });
		tally.add('cases');
		expect(result.json('Probe')).toEqual([{ id: 'cust_plus000001', note: '[redacted]' }]);
	});

	test('a key that sits inside its own escaped form is masked whole, not in pieces', async () => {
		const backslashes = '\\'.repeat(6) + 'k3y';
		echo(400, 'upstream said {{json}} twice', 'text/plain');
		const result = await attack(glomo.url, backslashes, { method: 'GET', path: '/balances' });
		tally.add('cases');
		expect(result.error?.message).toBe('upstream said [redacted] twice');
	});

	test.each([
		['six characters is masked', 'abcdef', 'Token [redacted] is not valid'],
		['five characters is refused by the server, not half-masked everywhere', 'abcde', 'Token abcde is not valid'],
	])('a key of %s', async (_what, key, message) => {
		echo(401, '{"message":"Token {{token}} is not valid"}', JSON_TYPE);
		const result = await attack(glomo.url, key, { method: 'GET', path: '/balances' });
		tally.add('cases');
		expect(result.error?.message).toBe(message);
	});
});

describe('the values of the fields in which Glomo hands out secrets, masked in quoted answer text', () => {
	// (raw texts: String.raw keeps each backslash as the answer would carry it)
	test.each([
		['spaces around the colon', String.raw`{"token" :  "tok-1"}`, String.raw`{"token" :  "[redacted]"}`],
		['a line break and a tab around the colon', '{"secret_key"\n:\t"sk_1"}', '{"secret_key"\n:\t"[redacted]"}'],
		['an escaped quote inside the value', String.raw`{"secret_key":"sk\"live\"9f8e","id":"k1"}`, String.raw`{"secret_key":"[redacted]","id":"k1"}`],
		['an escaped backslash that ends the value', String.raw`{"token":"tok\\","next":"shown"}`, String.raw`{"token":"[redacted]","next":"shown"}`],
		['an escaped backslash, then an escaped quote', String.raw`{"token":"a\\\"b","next":"shown"}`, String.raw`{"token":"[redacted]","next":"shown"}`],
		['a value cut off', String.raw`{"jwt_token":"eyJhbGciOiJIUzI1NiJ9.eyJz`, String.raw`{"jwt_token":"[redacted]"`],
		['a value cut off right after a backslash', '{"jwt_token":"eyJhbGci\\', '{"jwt_token":"[redacted]"'],
		['a value cut off after a line break', '{"token":"tok-9f8e\n', '{"token":"[redacted]"'],
		['a backslash before a line break inside the value', '{"token":"tok\\\n9f8e"} <html>', '{"token":"[redacted]"} <html>'],
		['fields that merely end or begin with a secret name', '{"my_token":"a1","access_token":"a2","token_type":"Bearer","tokens":"a3","jwt_token_id":"a4"}', '{"my_token":"a1","access_token":"a2","token_type":"Bearer","tokens":"a3","jwt_token_id":"a4"}'],
		['a secret name as a value, not a field', '{"kind":"token","name":"secret_key"}', '{"kind":"token","name":"secret_key"}'],
		['values that are no string', '{"token":null,"secret_key":123,"jwt_token":{"a":"b"}}', '{"token":null,"secret_key":123,"jwt_token":{"a":"b"}}'],
		[
			'several fields in one text, each masked to its own closing quote',
			'{"secret_key":"sk_1","data":{"jwt_token":"eyJ2","name":"Acme"},"token":"tok_3","id":"m1"}',
			'{"secret_key":"[redacted]","data":{"jwt_token":"[redacted]","name":"Acme"},"token":"[redacted]","id":"m1"}',
		],
		['the same field twice', '{"token":"t1"} then {"token":"t2"}', '{"token":"[redacted]"} then {"token":"[redacted]"}'],
		['an empty value', '{"token":"","id":"x"}', '{"token":"[redacted]","id":"x"}'],
	])('%s', (_what, text, masked) => {
		tally.add('cases');
		expect(redactSecretFields(text)).toBe(masked);
	});
});

describe('secret fields in a parsed value (a webhook event\'s data): masked at any depth, nothing else touched', () => {
	test.each([
		['a child merchant key at the top', { merchant_id: 'merch_1', jwt_token: 'eyJ.a.b' }, { merchant_id: 'merch_1', jwt_token: '[redacted]' }],
		['inside arrays and objects', { list: [{ secret_key: 'sk_1', id: 'k1' }, 'token'], deep: { token: 7 } }, { list: [{ secret_key: '[redacted]', id: 'k1' }, 'token'], deep: { token: '[redacted]' } }],
		['a field that holds no secret (null)', { jwt_token: null, status: 'success' }, { jwt_token: null, status: 'success' }],
		['fields that merely look alike', { my_token: 'a', token_type: 'Bearer' }, { my_token: 'a', token_type: 'Bearer' }],
		['no object at all', 'token', 'token'],
		['null', null, null],
	])('%s', (_what, value, masked) => {
		tally.add('cases');
		expect(redactSecretFieldsDeep(value)).toEqual(masked);
	});

	test('the original is left as it was', () => {
		const event = { jwt_token: 'eyJ.a.b' };
		redactSecretFieldsDeep(event);
		expect(event.jwt_token).toBe('eyJ.a.b');
	});
});
