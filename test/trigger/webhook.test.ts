/**
 * The Glomo Trigger's webhook() run inside n8n-core's WebhookContext: what it accepts, what it
 * refuses (401, nothing started), how it filters and what it outputs. Genuine signatures come from
 * the sandbox's own signer (the reference), not from the node's code.
 */
import { activateTrigger, callWebhook } from '../harness';
import { canonicalJson, signWebhookBody } from '../sandbox';

const SECRET = 'whsec_test_5f3c2a1b9e8d7c6b';
const credentials = { secretKey: 'unused-key', baseUrl: 'http://127.0.0.1:9', webhookSecret: SECRET };
const anyEvent = { events: ['*'], verifySignature: true };

const payout = {
	entity_type: 'payout',
	event_type: 'success',
	data: { id: 'payout_6a8fd80eo6coZ', status: 'success', amount: 250000, currency: 'USD', beneficiary: { name: 'Café Zoë', country: 'DEU' } },
};

function signed(payload: object, secret = SECRET) {
	const rawBody = canonicalJson(payload);
	return { rawBody, headers: { 'X-Glomopay-Signature': signWebhookBody(rawBody, secret) } };
}

describe('genuine events start the workflow', () => {
	test('raw body signed as Glomo sends it: payload plus event_key and is_terminal', async () => {
		const outcome = await callWebhook({ parameters: anyEvent, credentials, ...signed(payout) });
		expect(outcome.status).toBeUndefined();
		expect(outcome.started).toEqual([
			{ ...payout, event_key: 'payout:payout_6a8fd80eo6coZ:success:success', is_terminal: true },
		]);
	});

	test('Glomo\'s published test vector', async () => {
		const rawBody =
			'{"data":{"amount":250000,"beneficiary":{"country":"DEU","name":"Acme GmbH"},"created_at":"2026-09-09T07:00:09Z","currency":"USD","id":"payout_6a8fd80eo6coZ","status":"success"},"entity_type":"payout","event_type":"success"}';
		const outcome = await callWebhook({
			parameters: anyEvent,
			credentials: { ...credentials, webhookSecret: 'whsec_2f1c9b7a4d6e8031' },
			rawBody,
			headers: { 'x-glomopay-signature': 'd5b5a68b9729f41c4a46f1e94c750bf10fb32f345a5467cbfec7739df83f2c02' },
		});
		expect(outcome.started).toHaveLength(1);
	});

	test('a body re-serialised on the way, with a signature over its canonical (RFC 8785) form', async () => {
		const pretty = JSON.stringify(payout, null, 2);
		const outcome = await callWebhook({
			parameters: anyEvent,
			credentials,
			rawBody: pretty,
			headers: { 'x-glomopay-signature': signWebhookBody(canonicalJson(payout), SECRET) },
		});
		expect(outcome.started?.[0].event_type).toBe('success');
	});

	test('a pretty-printed body signed over its own bytes, and a sha256= prefix', async () => {
		const pretty = JSON.stringify(payout, null, 2);
		const outcome = await callWebhook({
			parameters: anyEvent,
			credentials,
			rawBody: pretty,
			headers: { 'x-glomopay-signature': `sha256=${signWebhookBody(pretty, SECRET)}` },
		});
		expect(outcome.started).toHaveLength(1);
	});
});

describe('forged or broken requests get 401 and start nothing', () => {
	const genuine = signed(payout);
	const cases: Array<[string, string | Buffer, Record<string, string>]> = [
		['a wrong secret', genuine.rawBody, signed(payout, 'whsec_someone_else').headers],
		['a tampered body', genuine.rawBody.replace('250000', '2500000'), genuine.headers],
		['no signature header', genuine.rawBody, {}],
		['a signature of the wrong length', genuine.rawBody, { 'x-glomopay-signature': genuine.headers['X-Glomopay-Signature'].slice(0, 63) }],
		['a non-hex signature', genuine.rawBody, { 'x-glomopay-signature': 'z'.repeat(64) }],
		['an empty body', '', genuine.headers],
		['a non-JSON body', 'amount=250000&status=success', genuine.headers],
		['an empty signature', genuine.rawBody, { 'x-glomopay-signature': '' }],
	];
	test.each(cases)('%s', async (_name, rawBody, headers) => {
		const outcome = await callWebhook({ parameters: anyEvent, credentials, rawBody, headers });
		expect(outcome.status).toBe(401);
		expect(outcome.started).toBeUndefined();
	});

	test('a credential that has no signing secret field at all refuses every event', async () => {
		const outcome = await callWebhook({ parameters: anyEvent, credentials: { secretKey: 'unused-key', baseUrl: 'http://127.0.0.1:9' }, ...signed(payout, '') });
		expect(outcome.status).toBe(401);
		expect(outcome.started).toBeUndefined();
	});

	test('a signed body that is not a Glomo event is refused with 400', async () => {
		const rawBody = 'not json at all';
		const outcome = await callWebhook({ parameters: anyEvent, credentials, rawBody, headers: { 'x-glomopay-signature': signWebhookBody(rawBody, SECRET) } });
		expect(outcome.status).toBe(400);
		expect(outcome.started).toBeUndefined();
	});

	test('with no signing secret in the credential, even a body signed with the empty secret is refused', async () => {
		const outcome = await callWebhook({ parameters: anyEvent, credentials: { ...credentials, webhookSecret: '' }, ...signed(payout, '') });
		expect(outcome.status).toBe(401);
		expect(outcome.started).toBeUndefined();
	});

	test.each([
		['a JSON object without entity_type', { event_type: 'success', data: { id: 'payout_1' } }],
		['an entity_type that is not text', { entity_type: 7, event_type: 'success', data: {} }],
		['a JSON array', [payout]],
		['a JSON string', 'payout'],
		['JSON null', null],
	])('a signed body that is %s is refused with 400 and starts nothing', async (_what, body) => {
		const rawBody = JSON.stringify(body);
		const outcome = await callWebhook({ parameters: anyEvent, credentials, rawBody, headers: { 'x-glomopay-signature': signWebhookBody(rawBody, SECRET) } });
		expect({ status: outcome.status, body: outcome.body, started: outcome.started }).toEqual({
			status: 400,
			body: { message: 'Not a Glomo event' },
			started: undefined,
		});
	});

	test('with Verify Signature off, an unsigned event is accepted (the documented risk)', async () => {
		const outcome = await callWebhook({ parameters: { events: ['*'], verifySignature: false }, credentials, rawBody: JSON.stringify(payout) });
		expect(outcome.started).toHaveLength(1);
	});
});

describe('the signature check, edge by edge', () => {
	// nested arrays and objects, keys out of order at every depth, a __proto__ key, null, unicode
	const nestedText =
		'{"event_type":"success","entity_type":"payout","data":{"status":"success","id":"payout_n1","__proto__":{"b":1,"a":2},' +
		'"legs":[{"z":[3,{"y":null,"x":true}],"amount":1.5e-7},"Zoë \u2028",null,[],{}],"Amount":10}}';
	const nested = JSON.parse(nestedText) as object;
	const verify = (rawBody: string | Buffer, headers: Record<string, string | string[]>) =>
		callWebhook({ parameters: anyEvent, credentials, rawBody, headers });

	test('a re-serialised body with nested arrays and unsorted keys matches its canonical signature, and only that', async () => {
		const canonical = canonicalJson(nested);
		expect(canonical).not.toBe(nestedText);
		const outcome = await verify(nestedText, { 'x-glomopay-signature': signWebhookBody(canonical, SECRET) });
		expect(outcome.started?.[0]).toMatchObject({ data: { id: 'payout_n1', Amount: 10 } });
		// a signature over the body's own keys in their sent order, or sorted only at the top, is not Glomo's
		const topOnly = `{"data":${JSON.stringify((nested as { data: object }).data)},"entity_type":"payout","event_type":"success"}`;
		for (const wrong of [nestedText.replace('"Amount":10', '"Amount":11'), topOnly]) {
			const refused = await verify(nestedText, { 'x-glomopay-signature': signWebhookBody(wrong, SECRET) });
			expect(refused.status).toBe(401);
		}
	});

	test('the canonical fallback ends at exactly 256 KB of body', async () => {
		const pretty = JSON.stringify(payout, null, 2);
		const signature = { 'x-glomopay-signature': signWebhookBody(canonicalJson(payout), SECRET) };
		const padded = (bytes: number) => pretty + ' '.repeat(bytes - Buffer.byteLength(pretty));
		expect((await verify(padded(256 * 1024), signature)).started).toHaveLength(1);
		expect((await verify(padded(256 * 1024 + 1), signature)).status).toBe(401);
	});

	test('the canonical fallback is for JSON objects only: a signed array is a forgery, not a bad event', async () => {
		const list = [payout, { b: 1, a: 2 }];
		const outcome = await verify(JSON.stringify(list, null, 1), { 'x-glomopay-signature': signWebhookBody(canonicalJson(list), SECRET) });
		expect(outcome.status).toBe(401);
	});

	test.each([
		['in upper case', (digest: string) => digest.toUpperCase()],
		['with a SHA256= prefix in any case', (digest: string) => `SHA256=${digest}`],
		['with blanks around it', (digest: string) => `  sha256=${digest}\t`],
	])('the header is accepted %s', async (_how, shape) => {
		const { rawBody, headers } = signed(payout);
		const outcome = await verify(rawBody, { 'x-glomopay-signature': shape(headers['X-Glomopay-Signature']) });
		expect(outcome.started).toHaveLength(1);
	});

	test.each([
		['sha256= anywhere but at the start', (digest: string) => `${digest.slice(0, 8)}sha256=${digest.slice(8)}`],
		['two headers', (digest: string) => [digest, digest]],
		['a prefix other than sha256=', (digest: string) => `sha1=${digest}`],
	])('the header is refused with %s', async (_how, shape) => {
		const { rawBody, headers } = signed(payout);
		const outcome = await verify(rawBody, { 'x-glomopay-signature': shape(headers['X-Glomopay-Signature']) });
		expect({ status: outcome.status, body: outcome.body }).toEqual({ status: 401, body: { message: 'Invalid or missing X-Glomopay-Signature' } });
	});

	test('a body over 1 MB is refused with 413 before its signature is looked at; exactly 1 MB is not', async () => {
		const { rawBody, headers } = signed(payout);
		const padded = (bytes: number) => rawBody + ' '.repeat(bytes - Buffer.byteLength(rawBody));
		const atLimit = await verify(padded(1024 * 1024), headers);
		expect(atLimit.status).toBe(401); // signed over other bytes: a signature failure, not a size one
		const over = await verify(padded(1024 * 1024 + 1), headers);
		expect({ status: over.status, body: over.body, started: over.started }).toEqual({
			status: 413,
			body: { message: 'Request body too large for a Glomo event' },
			started: undefined,
		});
	});
});

describe('events and the dashboard test', () => {
	test('an event that is not selected is acknowledged with 200 and starts nothing', async () => {
		const parameters = { events: ['payout.failed', 'payment.success'], verifySignature: true };
		const ignored = await callWebhook({ parameters, credentials, ...signed(payout) });
		expect({ ...ignored, nodeMs: undefined }).toEqual({ status: 200, body: { received: true } });
		const wanted = await callWebhook({ parameters, credentials, ...signed({ ...payout, event_type: 'failed', data: { ...payout.data, status: 'failed' } }) });
		expect(wanted.started?.[0].is_terminal).toBe(true);
	});

	test('the dashboard test event is acknowledged; it starts the workflow only when asked', async () => {
		const test = { entity_type: 'webhook_test', event_type: 'test', data: {} };
		const quiet = await callWebhook({ parameters: anyEvent, credentials, ...signed(test) });
		expect({ ...quiet, nodeMs: undefined }).toEqual({ status: 200, body: { received: true } });
		const loud = await callWebhook({ parameters: { ...anyEvent, options: { startOnTestEvent: true } }, credentials, ...signed(test) });
		expect(loud.started?.[0].entity_type).toBe('webhook_test');
	});

	test('balance events are keyed by payment and time; in-flight statuses are not terminal', async () => {
		const credited = {
			entity_type: 'balance',
			event_type: 'balance.funded_balance.credited',
			data: { payment_id: 'payt_686f7cc3pe69T', timestamp: '2026-11-20T10:00:00Z', amount: 1000, currency: 'USD' },
		};
		const balance = await callWebhook({ parameters: anyEvent, credentials, ...signed(credited) });
		expect(balance.started?.[0].event_key).toBe('balance:payt_686f7cc3pe69T:balance.funded_balance.credited:2026-11-20T10:00:00Z');
		const queued = await callWebhook({
			parameters: anyEvent,
			credentials,
			...signed({ entity_type: 'payout', event_type: 'queued', data: { id: 'payout_x', status: 'queued' } }),
		});
		expect(queued.started?.[0].is_terminal).toBe(false);
	});

	test.each([
		['a balance event without payment_id or timestamp', { entity_type: 'balance', event_type: 'credited', data: { amount: 5 } }, 'balance::credited:', false],
		['an event without event_type', { entity_type: 'payout', data: { id: 'payout_q', status: 'queued' } }, 'payout:payout_q::queued', false],
		['a payout event whose data has no status', { entity_type: 'payout', event_type: 'success', data: { id: 'payout_s' } }, 'payout:payout_s:success:', true],
		['a payout event whose data is null', { entity_type: 'payout', event_type: 'failed', data: null }, 'payout::failed:', true],
		['an event whose data is text', { entity_type: 'payout', event_type: 'queued', data: 'payout_t' }, 'payout::queued:', false],
	])('%s gets a stable event_key and is_terminal', async (_what, event, eventKey, isTerminal) => {
		const outcome = await callWebhook({ parameters: anyEvent, credentials, ...signed(event) });
		expect(outcome.started).toEqual([{ ...event, event_key: eventKey, is_terminal: isTerminal }]);
	});

	test('an event type Glomo adds later passes "Any Event"', async () => {
		const outcome = await callWebhook({ parameters: anyEvent, credentials, ...signed({ entity_type: 'new_thing', event_type: 'created', data: { id: 'x_1' } }) });
		expect(outcome.started?.[0].event_key).toBe('new_thing:x_1:created:');
	});
});

describe('activation', () => {
	test('refuses to activate with no signing secret while verification is on', async () => {
		await expect(activateTrigger(anyEvent, { ...credentials, webhookSecret: '' })).rejects.toMatchObject({
			message: 'The Glomo credential has no Webhook Signing Secret, so events could not be verified',
			description: expect.stringContaining('Settings > API & Webhooks'),
		});
	});

	test('refuses to activate when the credential has no signing secret field at all', async () => {
		await expect(activateTrigger(anyEvent, { secretKey: 'unused-key', baseUrl: 'http://127.0.0.1:9' })).rejects.toThrow('no Webhook Signing Secret');
	});

	test('refuses to activate when the signing secret is not text (a credential imported with a number or null)', async () => {
		for (const webhookSecret of [12345678, null]) {
			await expect(activateTrigger(anyEvent, { ...credentials, webhookSecret } as unknown as typeof credentials)).rejects.toThrow('no Webhook Signing Secret');
		}
	});

	test('activates with a secret, or with verification explicitly off; nothing remote is called', async () => {
		await expect(activateTrigger(anyEvent, credentials)).resolves.toBe(true);
		await expect(activateTrigger({ events: ['*'], verifySignature: false }, { ...credentials, webhookSecret: '' })).resolves.toBe(true);
	});
});

describe('event keys and secrets in events', () => {
	test('merchants and virtual accounts are keyed by their own id fields, so two approvals never share a key', async () => {
		const merchant = (id: string) => ({ entity_type: 'merchant', event_type: 'success', data: { merchant_id: id, status: 'success', jwt_token: null } });
		const first = await callWebhook({ parameters: anyEvent, credentials, ...signed(merchant('merch_aaaaaa1')) });
		const second = await callWebhook({ parameters: anyEvent, credentials, ...signed(merchant('merch_bbbbbb2')) });
		expect([first.started?.[0].event_key, second.started?.[0].event_key]).toEqual(['merchant:merch_aaaaaa1:success:success', 'merchant:merch_bbbbbb2:success:success']);
		// a secret field without a secret in it stays as sent
		expect(first.started?.[0].data).toEqual({ merchant_id: 'merch_aaaaaa1', status: 'success', jwt_token: null });
		const account = await callWebhook({
			parameters: anyEvent,
			credentials,
			...signed({ entity_type: 'virtual_account', event_type: 'active', data: { account_id: 'va_6943ae9eFO3GW', status: 'active' } }),
		});
		expect(account.started?.[0].event_key).toBe('virtual_account:va_6943ae9eFO3GW:active:active');
	});

	test('two updates of one record differ by when it changed; a redelivery of one keeps its key', async () => {
		const updated = (at: string) => ({ entity_type: 'subscription', event_type: 'updated', data: { id: 'sub_5JU9yv0lGSUP', status: 'active', updated_at: at } });
		const keys = [];
		for (const at of ['2026-11-20T10:00:00Z', '2026-11-21T09:30:00Z', '2026-11-21T09:30:00Z']) {
			keys.push((await callWebhook({ parameters: anyEvent, credentials, ...signed(updated(at)) })).started?.[0].event_key);
		}
		expect(keys).toEqual([
			'subscription:sub_5JU9yv0lGSUP:updated:active:2026-11-20T10:00:00Z',
			'subscription:sub_5JU9yv0lGSUP:updated:active:2026-11-21T09:30:00Z',
			'subscription:sub_5JU9yv0lGSUP:updated:active:2026-11-21T09:30:00Z',
		]);
	});

	test('a child merchant\'s key in an event is masked in the output; the signature was checked on the bytes as sent', async () => {
		const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJjaF9jaGlsZDEifQ.c2lnbmF0dXJlLXNlY3JldA';
		const event = {
			entity_type: 'merchant',
			event_type: 'success',
			data: { merchant_id: 'merch_child0001', status: 'success', jwt_token: secret, nested: [{ secret_key: 'sk_test_0123456789abcdef' }], public_key: 'live_6889e287VfqrPVPg' },
		};
		const outcome = await callWebhook({ parameters: anyEvent, credentials, ...signed(event) });
		expect(outcome.started?.[0].data).toEqual({ ...event.data, jwt_token: '[redacted]', nested: [{ secret_key: '[redacted]' }] });
		expect(JSON.stringify(outcome.started)).not.toContain('eyJhbGciOiJIUzI1NiJ9');
		expect(JSON.stringify(outcome.started)).not.toContain('sk_test_0123456789abcdef');
	});
});
