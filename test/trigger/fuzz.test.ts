/**
 * Thousands of random requests at the trigger: none may crash it and none may start the workflow
 * without a valid signature. Deterministic (seeded), so a failure can be replayed.
 */
import { callWebhook } from '../harness';
import { useTally } from '../abuse/tally';
import { canonicalJson, signWebhookBody } from '../sandbox';

const tally = useTally(__filename);

const SECRET = 'whsec_fuzz_8c1d4e7f';
const credentials = { secretKey: 'unused-key', baseUrl: 'http://127.0.0.1:9', webhookSecret: SECRET };
/** 3000 in every test run; fewer under mutation testing, which runs it again for many mutants (stryker.config.mjs) */
const ROUNDS = Number(process.env.GLOMO_FUZZ_ROUNDS ?? 3000);

function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

test(`${ROUNDS} random requests: no crash, nothing accepted without a valid signature`, async () => {
	const random = prng(20261121);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
	const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
	const genuine = canonicalJson({ entity_type: 'payment', event_type: 'success', data: { id: 'payt_1', status: 'success', amount: 100 } });
	const genuineSignature = signWebhookBody(genuine, SECRET);
	const counts = { rejected: 0, accepted: 0 };

	// every 50th round a body built to cost: deep, wide or huge (over the 1 MB event limit: 413)
	const heavy = [
		() => `{"data":${'['.repeat(1000 + Math.floor(random() * 50_000))}`,
		() => `{"entity_type":"payout","data":{${Array.from({ length: Math.floor(random() * 60_000) }, (_v, i) => `"k${i}":${i}`).join(',')}}}`,
		() => `[${'{"a":'.repeat(Math.floor(random() * 30))}1${'}'.repeat(29)}]`,
		() => bytes(1024 * 1024 + Math.floor(random() * 1024 * 1024)),
	];
	for (let round = 0; round < ROUNDS; round++) {
		const body = round % 50 === 0 ? pick(heavy)() : pick<() => Buffer | string>([
			() => bytes(Math.floor(random() * 300)),
			() => JSON.stringify({ entity_type: pick(['payment', 'payout', 'webhook_test', 'orders']), event_type: hex(6), data: { id: hex(8), amount: random() * 1e9 } }),
			() => genuine.replace(/\d/, String(Math.floor(random() * 10))) + (random() < 0.5 ? ' ' : ''),
			() => genuine.slice(0, Math.floor(random() * genuine.length)),
			() => '',
			() => '[]',
			() => 'null',
		])();
		const signature = pick<() => string | undefined>([
			() => undefined,
			() => hex(64),
			() => hex(Math.floor(random() * 128)),
			() => genuineSignature.slice(0, 63) + pick(['0', 'g', 'Z', ' ']),
			() => `sha256=${hex(64)}`,
			() => bytes(40).toString('latin1'),
			() => genuineSignature.toUpperCase().replace(/[0-9A-F]/, 'x'),
		])();
		const headers: Record<string, string> = signature === undefined ? {} : { 'x-glomopay-signature': signature };
		const bodyText = Buffer.isBuffer(body) ? body : Buffer.from(body);
		const reallySigned = signature !== undefined && signWebhookBody(bodyText.toString('utf8'), SECRET) === signature && bodyText.toString('utf8') === genuine;
		const outcome = await callWebhook({ parameters: { events: ['*'], verifySignature: true }, credentials, rawBody: body, headers });
		tally.add('cases');
		tally.add('forgedWebhooks');
		tally.max('slowestRefusalMs', outcome.nodeMs ?? 0);
		if (outcome.started) {
			counts.accepted++;
			tally.add('forgedExecutions');
			expect(reallySigned).toBe(true);
		} else {
			counts.rejected++;
			tally.add('forgedRefused');
			expect(outcome.status).toBe(bodyText.length > 1024 * 1024 ? 413 : 401);
		}
	}
	// the genuine pair itself is accepted (the check above is not vacuous)
	const control = await callWebhook({ parameters: { events: ['*'], verifySignature: true }, credentials, rawBody: genuine, headers: { 'x-glomopay-signature': genuineSignature } });
	expect(control.started).toHaveLength(1);
	expect(counts.rejected).toBe(ROUNDS);
	console.log(`fuzz: ${ROUNDS} requests, ${counts.rejected} rejected (401, or 413 over 1 MB), ${counts.accepted} accepted`);
});
