/**
 * Per-instance clock that hands out strictly increasing timestamps (bumped by 1 ms on collision),
 * so creation order and `created_at` order always agree.
 */
export class MonotonicClock {
	private last = 0;

	/** Next unique instant in epoch ms. */
	tick(): number {
		const now = Date.now();
		this.last = now > this.last ? now : this.last + 1;
		return this.last;
	}

	/** Next unique instant as a millisecond ISO-8601 UTC string. */
	tickIso(): string {
		return new Date(this.tick()).toISOString();
	}

	/** Current wall time as ISO string (no uniqueness guarantee). */
	nowIso(): string {
		return new Date().toISOString();
	}
}
