/**
 * Forged webhooks built to hurt: bodies that are deep, wide or huge, replays with a changed body,
 * duplicated or odd headers. Each is refused, starts nothing and costs about one HMAC over its
 * body; the slowest refusal is reported in the table. Genuine signatures come from the sandbox's
 * signer (the reference), not from the node's code.
 */
import { callWebhook } from '../harness';
import { canonicalJson, signWebhookBody } from '../sandbox';
import { useTally } from './tally';

const tally = useTally(__filename);
const SECRET = 'whsec_abuse_3e9a7c51';
const credentials = { secretKey: 'unused-key', baseUrl: 'http://127.0.0.1:9', webhookSecret: SECRET };
const parameters = { events: ['*'], verifySignature: true };
const genuine = canonicalJson({ entity_type: 'payout', event_type: 'success', data: { id: 'payout_abuse000001', status: 'success', amount: 100 } });
const forgedSignature = 'ab'.repeat(32);

const deep = (levels: number) => `{"entity_type":"payout","data":${'['.repeat(levels)}${']'.repeat(levels)}}`;
const wide = (keys: number) => `{"entity_type":"payout","data":{${Array.from({ length: keys }, (_v, i) => `"k${i}":${i}`).join(',')}}}`;

async function forge(rawBody: string | Buffer, headers: Record<string, string> = { 'x-glomopay-signature': forgedSignature }, status = 401) {
	const outcome = await callWebhook({ parameters, credentials, rawBody, headers });
	tally.add('cases');
	tally.add('forgedWebhooks');
	tally.max('slowestRefusalMs', outcome.nodeMs ?? 0);
	expect(outcome.status).toBe(status);
	expect(outcome.started).toBeUndefined();
	tally.add('forgedRefused');
	tally.add('forgedExecutions', outcome.started ? 1 : 0);
	return outcome;
}

describe('bodies built to cost', () => {
	test.each([
		['nested 20,000 levels', deep(20_000)],
		['nested 200,000 levels', deep(200_000)],
		['nested 40 levels (within the fallback\'s size, past its depth)', deep(40)],
		['10,000 keys (within the fallback\'s bounds)', wide(10_000)],
		['60,000 keys, 900 KB', wide(60_000)],
	])('%s, forged: 401, nothing started', async (_name, body) => {
		await forge(body);
	});

	test('11 MB with 650,000 keys: 413 before any work on it', async () => {
		const body = wide(650_000);
		expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
		await forge(body, { 'x-glomopay-signature': forgedSignature }, 413);
	});

	test('a malformed signature header is refused whatever the body', async () => {
		for (const header of ['', 'zz'.repeat(32), 'ab'.repeat(31), 'ab'.repeat(33), `sha1=${'ab'.repeat(32)}`, 'ab'.repeat(32) + '\n']) {
			await forge(deep(20_000), { 'x-glomopay-signature': header });
		}
	});
});

describe('replays and tampering', () => {
	test('a genuine signature on a changed body, on a pretty-printed copy with another amount, and signed with another secret', async () => {
		const signature = signWebhookBody(genuine, SECRET);
		await forge(genuine.replace('"amount":100', '"amount":100000'), { 'x-glomopay-signature': signature });
		await forge(JSON.stringify(JSON.parse(genuine.replace('100', '900')), null, 2), { 'x-glomopay-signature': signature });
		await forge(genuine, { 'x-glomopay-signature': signWebhookBody(genuine, 'whsec_someone_else') });
		await forge(`${genuine}\n{"entity_type":"payout"}`, { 'x-glomopay-signature': signature });
	});

	test('the same body twice with the genuine signature is accepted each time (dedupe is event_key\'s job), the control', async () => {
		const signature = signWebhookBody(genuine, SECRET);
		for (let i = 0; i < 2; i++) {
			const outcome = await callWebhook({ parameters, credentials, rawBody: genuine, headers: { 'x-glomopay-signature': signature } });
			expect(outcome.started).toHaveLength(1);
			expect(outcome.started?.[0].event_key).toBe('payout:payout_abuse000001:success:success');
		}
		tally.add('cases', 2);
	});
});

describe('signed, but not an event', () => {
	test.each([
		['a JSON array', '[{"entity_type":"payout"}]'],
		['entity_type that is not a string', '{"entity_type":{"x":1},"event_type":"success"}'],
		['nested 100 levels', deep(100)],
	])('%s: 400, nothing started', async (_name, body) => {
		const outcome = await callWebhook({ parameters, credentials, rawBody: body, headers: { 'x-glomopay-signature': signWebhookBody(body, SECRET) } });
		tally.add('cases');
		expect(outcome.status).toBe(400);
		expect(outcome.started).toBeUndefined();
	});

	test('a signed __proto__ payload starts with its own data and pollutes nothing', async () => {
		const body = '{"__proto__":{"polluted":true},"data":{"id":"payt_proto00001","status":"success"},"entity_type":"payment","event_type":"success"}';
		const outcome = await callWebhook({ parameters, credentials, rawBody: body, headers: { 'x-glomopay-signature': signWebhookBody(body, SECRET) } });
		tally.add('cases');
		expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
		expect(outcome.started?.[0].event_key).toBe('payment:payt_proto00001:success:success');
	});

	test('with verification off, a deep body is a 400, not a crash', async () => {
		const outcome = await callWebhook({ parameters: { events: ['*'], verifySignature: false }, credentials, rawBody: deep(200_000) });
		tally.add('cases');
		expect(outcome.status).toBe(400);
	});
});
