import { sleepWithAbort } from 'n8n-workflow';

/** Glomo counts requests over a rolling minute. */
export const RATE_WINDOW_MS = 60_000;
/** After a 429 without Retry-After: 1 s, 2 s, 4 s, then 8 s between probes (each with jitter). */
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 8_000;

export interface GateTicket {
	/** when the request was let through (its place in the rate log) */
	sentAt: number;
	/** how long it waited for the pace, a pause or a free slot */
	waitedMs: number;
}

/**
 * n8n's abortable sleep, listening to `signal` only while it sleeps: sleepWithAbort alone leaves
 * one listener on the signal per call, and a long paced run makes thousands of calls.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	const local = new AbortController();
	const stop = () => local.abort();
	if (signal?.aborted) local.abort();
	signal?.addEventListener('abort', stop);
	try {
		await sleepWithAbort(Math.max(0, ms), local.signal);
	} finally {
		signal?.removeEventListener('abort', stop);
	}
}

/**
 * The wait before try number `attempt + 1`: `first` doubled per attempt up to `longest`, with equal
 * jitter (half fixed, half random), so concurrent runs do not retry in step.
 */
export function backoff(attempt: number, first: number, longest: number, random: () => number = Math.random): number {
	const ceiling = Math.min(longest, first * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Time as the transport waits on it: real by default; tests put a virtual clock in its place. */
export interface Clock {
	now(): number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: pause };

/**
 * The one gate every request of a node run passes: a cap on requests in flight, a pace that keeps
 * the run under the rate limit, and a shared pause after a 429.
 *
 * - Pace: at most `perMinute` requests are sent in any rolling minute (a log of send times, as
 *   Glomo counts them). A run that sends fewer never waits.
 * - 429: Glomo sends no Retry-After and no rate headers. A 429 pauses the whole run (every
 *   concurrent request, not just the refused one) for Retry-After when a server gives one, else
 *   for a short, growing, jittered pause; then one request goes alone as a probe, and the others
 *   follow only once it was admitted. A busy limit shared with other workflows therefore costs a
 *   few probes a minute, not a storm of refused requests.
 *
 * One gate lives for one node run (no module state); its clock is injectable for tests.
 */
export class RateGate {
	/** send times of admitted requests in the current window, oldest first, from `head` */
	private sent: number[] = [];
	private head = 0;
	private inFlight = 0;
	private pausedUntil = 0;
	/** 429s in a row; cleared by an admitted request */
	private strikes = 0;
	/** the next request to go after a pause is a probe, and goes alone */
	private probeNext = false;
	private probing = false;
	private wakers: Array<() => void> = [];

	constructor(
		readonly perMinute: number,
		readonly maxInFlight: number,
		private readonly clock: Clock = realClock,
		private readonly random: () => number = Math.random,
	) {}

	private now(): number {
		return this.clock.now();
	}

	private prune(now: number): void {
		const oldest = now - RATE_WINDOW_MS;
		// past the end, sent[head] is undefined, and undefined <= oldest is false
		while (this.sent[this.head] <= oldest) this.head++;
		// Stryker disable next-line all: compacting sooner or later changes memory use, not what the window counts
		if (this.head > 1024 && this.head * 2 > this.sent.length) {
			this.sent = this.sent.slice(this.head);
			this.head = 0;
		}
	}

	/** Requests counted in the rolling minute that ends now. */
	inWindow(now = this.now()): number {
		this.prune(now);
		return this.sent.length - this.head;
	}

	/** When the next request may be sent, by the pause and the pace (≤ now: at once). */
	private openAt(now: number): number {
		let at = this.pausedUntil;
		if (this.inWindow(now) >= this.perMinute) {
			// the slot frees when the request perMinute places back leaves the window
			at = Math.max(at, this.sent[this.sent.length - this.perMinute] + RATE_WINDOW_MS + 1);
		}
		return at;
	}

	/**
	 * Waits for the right to send one request. Every acquire must be followed by exactly one
	 * `admitted`, or `refused` with the ticket's `sentAt`.
	 */
	async acquire(signal?: AbortSignal): Promise<GateTicket> {
		const started = this.now();
		for (;;) {
			const now = this.now();
			const openAt = this.openAt(now);
			if (openAt > now) {
				await this.clock.sleep(openAt - now, signal);
				continue;
			}
			if (this.inFlight >= this.maxInFlight || this.probing) {
				await new Promise<void>((wake) => this.wakers.push(wake));
				continue;
			}
			this.inFlight++;
			this.sent.push(now);
			if (this.probeNext) {
				this.probeNext = false;
				this.probing = true;
			}
			return { sentAt: now, waitedMs: now - started };
		}
	}

	private done(): void {
		this.inFlight--;
		this.probing = false;
		const wakers = this.wakers;
		this.wakers = [];
		for (const wake of wakers) wake();
	}

	/** The request got an answer other than 429 (or no answer: it may have been counted). */
	admitted(): void {
		this.strikes = 0;
		this.done();
	}

	/**
	 * The request was refused with 429: it does not count against the window, and the whole run
	 * pauses for `retryAfterMs` (a server's Retry-After) or a growing pause. Returns the pause (ms).
	 */
	refused(sentAt: number, retryAfterMs: number | undefined): number {
		this.forget(sentAt);
		this.strikes++;
		const pause = retryAfterMs ?? backoff(this.strikes, FIRST_PAUSE_MS, LONGEST_PAUSE_MS, this.random);
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + pause);
		this.probeNext = true;
		this.done();
		return pause;
	}

	/** Takes one send time out of the log (the most recent equal one). */
	private forget(sentAt: number): void {
		const index = this.sent.lastIndexOf(sentAt);
		// before head: already out of the window (a request that took more than a minute)
		if (index >= this.head) this.sent.splice(index, 1);
	}
}
