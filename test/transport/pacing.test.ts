/**
 * The rate gate: a node run keeps under the credential's Rate Limit (a rolling minute, as Glomo
 * counts), on a virtual clock so a minute of pacing takes milliseconds; and the gate on its own.
 */
import { getEventListeners } from 'node:events';

import { RateGate, pause } from '../../nodes/Glomo/transport/gate';
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

	test('a request sent exactly a minute ago has left the window; one a millisecond younger has not', async () => {
		const { clock, gate: g } = gate(3);
		await g.acquire();
		g.admitted();
		expect(g.inWindow(clock.now() + 59_999)).toBe(1);
		expect(g.inWindow(clock.now() + 60_000)).toBe(0);
	});

	test('over thousands of requests the window counts exactly the last minute', async () => {
		const { clock, gate: g } = gate(100);
		const counts: number[] = [];
		for (let n = 0; n < 3000; n++) {
			await g.acquire();
			g.admitted();
			await clock.sleep(1_000);
			if (n % 500 === 499) counts.push(g.inWindow(clock.now()));
		}
		// one request per second: 59 of them are younger than a minute, at every point
		expect(counts).toEqual([59, 59, 59, 59, 59, 59]);
	});

	test('a 429 takes the refused request out of the window, wherever it sits in the log', async () => {
		const { clock, gate: g } = gate(5);
		const oldest = await g.acquire();
		await clock.sleep(1_000);
		const newer = await g.acquire();
		expect(g.inWindow(clock.now())).toBe(2);
		g.refused(oldest.sentAt, 0);
		expect(g.inWindow(clock.now())).toBe(1);
		g.refused(newer.sentAt, 0);
		expect(g.inWindow(clock.now())).toBe(0);
	});

	test('a 429 for a request older than the window leaves the requests in it counted', async () => {
		const { clock, gate: g } = gate(5);
		const slow = await g.acquire();
		await clock.sleep(61_000);
		await g.acquire();
		await g.acquire();
		expect(g.inWindow(clock.now())).toBe(2);
		g.refused(slow.sentAt, 0);
		expect(g.inWindow(clock.now())).toBe(2);
	});

	test('once the probe after a 429 was admitted, requests go out side by side again', async () => {
		const { gate: g } = gate(100, 3);
		const refused = await g.acquire();
		g.refused(refused.sentAt, 1_000);
		await g.acquire();
		g.admitted();
		const tickets = await Promise.all([g.acquire(), g.acquire(), g.acquire()]);
		expect(tickets.map((ticket) => ticket.waitedMs)).toEqual([0, 0, 0]);
	});
});

describe('pause (the real clock\'s abortable sleep)', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	/** What a pause came to after `ms` of fake time: still sleeping, slept, or aborted. */
	async function outcome(sleeping: Promise<void>, ms: number) {
		let state = 'sleeping';
		sleeping.then(
			() => (state = 'slept'),
			() => (state = 'aborted'),
		);
		await jest.advanceTimersByTimeAsync(ms);
		return state;
	}

	test('sleeps the time asked, with or without a signal', async () => {
		const unsignalled = pause(1_000);
		expect(await outcome(unsignalled, 999)).toBe('sleeping');
		expect(await outcome(unsignalled, 1)).toBe('slept');
		const signal = new AbortController().signal;
		const sleeping = pause(1_000, signal);
		expect(await outcome(sleeping, 1_000)).toBe('slept');
	});

	test('ends at once when the run is cancelled during the sleep, or was cancelled before', async () => {
		const cancel = new AbortController();
		const sleeping = pause(60_000, cancel.signal);
		expect(await outcome(sleeping, 10)).toBe('sleeping');
		cancel.abort();
		expect(await outcome(sleeping, 0)).toBe('aborted');
		expect(await outcome(pause(60_000, cancel.signal), 0)).toBe('aborted');
	});

	test('leaves no listener on the run\'s signal, however many sleeps there were', async () => {
		const signal = new AbortController().signal;
		for (let n = 0; n < 20; n++) await outcome(pause(5, signal), 5);
		expect(getEventListeners(signal, 'abort')).toHaveLength(0);
	});
});
