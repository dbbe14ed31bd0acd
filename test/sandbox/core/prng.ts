/**
 * Small seeded pseudo-random generator (32-bit state mixing, splitmix-style).
 * Not cryptographic: it only makes fault decisions and generated ids reproducible.
 */

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class Prng {
	private state: number;

	constructor(seed: number) {
		// Fold any JS number (may be negative / fractional / large) into an unsigned 32-bit start value.
		const folded = Math.floor(Math.abs(seed)) % 0x100000000;
		this.state = (folded ^ 0x9e3779b9) >>> 0;
	}

	/** Next float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let z = this.state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		z = (z ^ (z >>> 16)) >>> 0;
		return z / 0x100000000;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** True with probability `ratio` (no randomness consumed for 0 or 1, so knobs at the extremes stay exact). */
	chance(ratio: number): boolean {
		if (!(ratio > 0)) return false;
		if (ratio >= 1) return true;
		return this.next() < ratio;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	alnum(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += ALNUM[this.int(ALNUM.length)];
		return out;
	}

	/** Derive an independent generator, so one stream's consumption does not shift another's. */
	fork(label: string): Prng {
		let h = 2166136261;
		for (let i = 0; i < label.length; i++) {
			h = Math.imul(h ^ label.charCodeAt(i), 16777619) >>> 0;
		}
		return new Prng((this.int(0x100000000) ^ h) >>> 0);
	}
}
