import { Faults } from '../types';
import { reasonPhrase } from './errors';
import { Prng } from './prng';

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
	rate429: 0,
	rate5xx: 0,
	dropAfterCommit: 0,
	latencyMs: 0,
	rpmLimit: 0,
	retryAfterSec: 0,
});

const RATIO_KEYS = ['rate429', 'rate5xx', 'dropAfterCommit'] as const;
const COUNT_KEYS = ['latencyMs', 'rpmLimit', 'retryAfterSec'] as const;

/** Merge a partial fault setting onto `base`, rejecting non-numbers and clamping to sane ranges. */
export function mergeFaults(base: Faults, partial: Partial<Faults> | undefined): Faults {
	const out: Faults = { ...base };
	if (!partial) return out;
	for (const [key, raw] of Object.entries(partial)) {
		if (raw === undefined) continue;
		if (typeof raw !== 'number' || !Number.isFinite(raw)) {
			throw new TypeError(`Fault ${key} must be a finite number`);
		}
		if ((RATIO_KEYS as readonly string[]).includes(key)) {
			out[key as (typeof RATIO_KEYS)[number]] = Math.min(1, Math.max(0, raw));
		} else if ((COUNT_KEYS as readonly string[]).includes(key)) {
			out[key as (typeof COUNT_KEYS)[number]] = Math.max(0, Math.floor(raw));
		} else {
			throw new TypeError(`Unknown fault ${key}`);
		}
	}
	return out;
}

export interface CannedResponse {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const SERVER_ERRORS: Record<number, string> = {
	500: 'Something went wrong. Please try again later.',
	502: 'The upstream service did not respond in time.',
	503: 'The service is temporarily unavailable. Please retry.',
};

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function isWriteMethod(method: string): boolean {
	return WRITE_METHODS.has(method.toUpperCase());
}

/** Decides, per request, which injected fault (if any) applies. Uses its own seeded stream. */
export class FaultInjector {
	private faults: Faults;
	private admitted: number[] = [];

	constructor(
		private readonly prng: Prng,
		initial?: Partial<Faults>,
	) {
		this.faults = mergeFaults({ ...NO_FAULTS }, initial);
	}

	get current(): Faults {
		return { ...this.faults };
	}

	set(partial: Partial<Faults>): void {
		this.faults = mergeFaults(this.faults, partial);
	}

	reset(): void {
		this.faults = { ...NO_FAULTS };
		this.admitted = [];
	}

	/** Faults that answer before any processing: rolling-minute limit, random 429, random 5xx. */
	gate(now = Date.now()): CannedResponse | null {
		const { rpmLimit, rate429, rate5xx, retryAfterSec } = this.faults;
		const tooMany: CannedResponse = { status: 429, body: { message: 'Too Many Requests' } };
		if (retryAfterSec > 0) tooMany.headers = { 'Retry-After': String(retryAfterSec) };
		if (rpmLimit > 0) {
			const windowStart = now - 60_000;
			while (this.admitted.length && this.admitted[0] <= windowStart) this.admitted.shift();
			if (this.admitted.length >= rpmLimit) return tooMany;
			this.admitted.push(now);
		}
		if (this.prng.chance(rate429)) return tooMany;
		if (this.prng.chance(rate5xx)) {
			const status = this.prng.pick([500, 502, 503]);
			return { status, body: { error: reasonPhrase(status), message: SERVER_ERRORS[status] } };
		}
		return null;
	}

	/** After a write request was processed: should its response be dropped (socket destroyed)? */
	shouldDrop(method: string): boolean {
		return isWriteMethod(method) && this.prng.chance(this.faults.dropAfterCommit);
	}

	get latencyMs(): number {
		return this.faults.latencyMs;
	}

	describe(): string {
		const f = this.faults;
		const parts: string[] = [];
		if (f.rate429) parts.push(`429 ratio ${f.rate429}`);
		if (f.rate5xx) parts.push(`5xx ratio ${f.rate5xx}`);
		if (f.dropAfterCommit) parts.push(`drop-after-commit ratio ${f.dropAfterCommit}`);
		if (f.latencyMs) parts.push(`latency ${f.latencyMs} ms`);
		if (f.rpmLimit) parts.push(`limit ${f.rpmLimit} req/min`);
		if (f.retryAfterSec) parts.push(`Retry-After ${f.retryAfterSec} s`);
		return parts.length ? parts.join(', ') : 'none';
	}
}
