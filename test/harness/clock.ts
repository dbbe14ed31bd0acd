import { ManualExecutionCancelledError } from 'n8n-workflow';

import type { Clock } from '../../nodes/Glomo/transport/gate';

/**
 * A clock for the transport whose waits take no real time: `sleep` moves the clock on and returns
 * at once. Tests of pauses measured in minutes (the rate-limit budget) run in milliseconds, and
 * read what the transport waited from `slept`. Sockets still time out in real time.
 */
export class VirtualClock implements Clock {
	private offset = 0;
	/** with `frozen`, time moves only by sleeps (for tests of the gate alone, with no sockets) */
	constructor(private readonly frozen = false) {}

	slept: number[] = [];
	/** called on every sleep with how many there have been (to cancel a run mid-wait, say) */
	onSleep: ((count: number) => void) | undefined;

	now(): number {
		return (this.frozen ? 1_700_000_000_000 : Date.now()) + this.offset;
	}

	async sleep(ms: number, signal?: AbortSignal): Promise<void> {
		this.slept.push(ms);
		this.onSleep?.(this.slept.length);
		if (signal?.aborted) throw new ManualExecutionCancelledError('');
		this.offset += Math.max(0, ms);
		await new Promise((resolve) => setImmediate(resolve));
	}

	/** virtual milliseconds waited so far */
	get waited(): number {
		return this.slept.reduce((sum, ms) => sum + Math.max(0, ms), 0);
	}

	reset(): void {
		this.offset = 0;
		this.slept = [];
		this.onSleep = undefined;
	}
}

/** The clock the Transport Probe node uses when its `clock` parameter is "virtual". */
export const virtualClock = new VirtualClock();
