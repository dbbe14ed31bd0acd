/**
 * The rate gate: a node run keeps under the credential's Rate Limit (a rolling minute, as Glomo
 * counts), on a virtual clock so a minute of pacing takes milliseconds; and the gate on its own.
 */
import { RateGate } from '../../nodes/Glomo/transport/gate';
import { VirtualClock, virtualClock } from '../harness/clock';
import { useSandbox } from '../harness/use-sandbox';
import { probe } from './helpers';

const sandbox = useSandbox({ seed: 31 });

test('a run sends no more than the credential\'s limit in any rolling minute, and waits rather than fails', async () => {
	virtualClock.reset();
	const result = await probe(
		{ secretKey: sandbox.secretKey, baseUrl: sandbox.url, requestsPerMinute: 5 },
		{ method: 'GET', path: '/balances' },
		{ items: Array.from({ length: 8 }, () => ({})) },
	);
	expect(result.error).toBeUndefined();
	expect(result.json('Probe')).toHaveLength(8);
	expect(sandbox.requests.map((r) => r.status)).toEqual(Array(8).fill(200));
	// the 6th request waited for the 1st to leave the window: about a minute, once
	expect(virtualClock.waited).toBeGreaterThan(59_000);
	expect(virtualClock.waited).toBeLessThan(61_000);
});

/** The next acquire waits while the gate is held, and goes as soon as one request is admitted. */
async function waitsForAnAdmission(g: RateGate): Promise<void> {
	let through = false;
	const waiting = g.acquire().then(() => (through = true));
	await new Promise((resolve) => setImmediate(resolve));
	expect(through).toBe(false);
	g.admitted();
	await waiting;
	expect(through).toBe(true);
}

describe('RateGate', () => {
	const gate = (perMinute: number, maxInFlight = 8) => {
		const clock = new VirtualClock(true);
		return { clock, gate: new RateGate(perMinute, maxInFlight, clock, () => 1) };
	};

	test('lets a run below its limit through without waiting', async () => {
		const { clock, gate: g } = gate(3);
		for (let n = 0; n < 3; n++) {
			const ticket = await g.acquire();
			expect(ticket.waitedMs).toBe(0);
			g.admitted();
		}
		expect(clock.slept).toEqual([]);
		expect(g.inWindow(clock.now())).toBe(3);
	});

	test('holds the request past the limit until the oldest leaves the rolling minute', async () => {
		const { clock, gate: g } = gate(3);
		const first = await g.acquire();
		g.admitted();
		await clock.sleep(10_000);
		for (let n = 0; n < 2; n++) {
			await g.acquire();
			g.admitted();
		}
		const fourth = await g.acquire();
		g.admitted();
		expect(fourth.sentAt - first.sentAt).toBe(60_001);
		expect(fourth.waitedMs).toBe(50_001);
	});

	test('a 429 does not count against the window, and pauses every request for Retry-After', async () => {
		const { clock, gate: g } = gate(3);
		const refused = await g.acquire();
		expect(g.refused(refused.sentAt, 7_000)).toBe(7_000);
		expect(g.inWindow(clock.now())).toBe(0);
		const next = await g.acquire();
		expect(next.waitedMs).toBe(7_000);
	});

	test('without Retry-After the pauses grow 1, 2, 4, 8, 8 s (at the top of their jitter), and an admitted request resets them', async () => {
		const { gate: g } = gate(100);
		const pauses: number[] = [];
		for (let n = 0; n < 5; n++) {
			const ticket = await g.acquire();
			pauses.push(g.refused(ticket.sentAt, undefined));
		}
		expect(pauses).toEqual([1000, 2000, 4000, 8000, 8000]);
		await g.acquire();
		g.admitted();
		const ticket = await g.acquire();
		expect(g.refused(ticket.sentAt, undefined)).toBe(1000);
	});

	test('after a 429 one request goes alone as a probe; the others follow once it was admitted', async () => {
		const { gate: g } = gate(100);
		const refused = await g.acquire();
		g.refused(refused.sentAt, 1_000);
		const probeTicket = await g.acquire();
		await waitsForAnAdmission(g);
		expect(probeTicket.waitedMs).toBe(1_000);
	});

	test('never lets more than maxInFlight requests out at once', async () => {
		const { gate: g } = gate(100, 2);
		await g.acquire();
		await g.acquire();
		await waitsForAnAdmission(g);
	});
});
