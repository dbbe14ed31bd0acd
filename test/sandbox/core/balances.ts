import { badRequest } from './errors';

/** Per-instance balance book (minor units), shared by every resource that moves money. */
export class BalanceBook {
	private readonly available = new Map<string, number>();
	private readonly pending = new Map<string, number>();

	constructor(seed: Record<string, { available: number; pending: number }>) {
		for (const [currency, v] of Object.entries(seed)) {
			this.available.set(currency, v.available);
			this.pending.set(currency, v.pending);
		}
	}

	has(currency: string): boolean {
		return this.available.has(currency);
	}

	availableOf(currency: string): number {
		return this.available.get(currency) ?? 0;
	}

	/** Throw Glomo's INSUFFICIENT_BALANCE 400 unless `amount` is available in `currency`. */
	assertCovers(currency: string, amount: number): void {
		const have = this.availableOf(currency);
		if (have < amount) {
			throw badRequest(
				`Account has insufficient balance to process this transaction. Additional amount required: ${amount - have}.`,
				'INSUFFICIENT_BALANCE',
			);
		}
	}

	debit(currency: string, amount: number): void {
		this.assertCovers(currency, amount);
		this.available.set(currency, this.availableOf(currency) - amount);
	}

	credit(currency: string, amount: number): void {
		this.available.set(currency, this.availableOf(currency) + amount);
		if (!this.pending.has(currency)) this.pending.set(currency, 0);
	}

	snapshot(): { available: Array<{ currency: string; amount: number }>; pending: Array<{ currency: string; amount: number }> } {
		const list = (m: Map<string, number>) => Array.from(m.entries()).map(([currency, amount]) => ({ currency, amount }));
		return { available: list(this.available), pending: list(this.pending) };
	}
}
