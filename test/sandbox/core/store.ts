import { MonotonicClock } from './clock';
import { Prng } from './prng';

/** A stored resource row. Every row has an id and creation/update timestamps. */
export type StoredRecord = Record<string, unknown> & { id: string; created_at: string; updated_at: string };

/** Declares a collection: its kind name (singular), id prefix and accepted alias names. */
export interface KindSpec {
	kind: string;
	prefix: string;
	aliases?: string[];
}

/** Makes ids of the form `<prefix><13 alphanumerics>`, unique within one sandbox. */
export class IdFactory {
	private readonly used = new Set<string>();

	constructor(private readonly prng: Prng) {}

	make(prefix: string): string {
		for (;;) {
			const id = prefix + this.prng.alnum(13);
			if (!this.used.has(id)) {
				this.used.add(id);
				return id;
			}
		}
	}

	/** Remember an externally supplied id so it is never generated again. */
	reserve(id: string): void {
		this.used.add(id);
	}
}

export class Collection {
	private readonly rows = new Map<string, StoredRecord>();

	constructor(
		readonly kind: string,
		readonly prefix: string,
		private readonly ids: IdFactory,
		private readonly clock: MonotonicClock,
	) {}

	/** Store a new row, filling id / created_at / updated_at when absent. Returns the stored row. */
	insert(fields: Record<string, unknown>): StoredRecord {
		let id = fields.id;
		if (typeof id !== 'string' || id === '') id = this.ids.make(this.prefix);
		else this.ids.reserve(id);
		const createdAt = typeof fields.created_at === 'string' ? fields.created_at : this.clock.tickIso();
		const updatedAt = typeof fields.updated_at === 'string' ? fields.updated_at : createdAt;
		// id first, timestamps last: the key order clients see.
		const rest: Record<string, unknown> = { ...fields };
		delete rest.id;
		delete rest.created_at;
		delete rest.updated_at;
		const stored: StoredRecord = { id: id as string, ...rest, created_at: createdAt, updated_at: updatedAt };
		this.rows.set(stored.id, stored);
		return stored;
	}

	get(id: string): StoredRecord | undefined {
		return this.rows.get(id);
	}

	/** Merge `patch` into an existing row and bump updated_at. */
	update(id: string, patch: Record<string, unknown>): StoredRecord {
		const row = this.rows.get(id);
		if (!row) throw new Error(`No ${this.kind} with id ${id}`);
		Object.assign(row, patch, { updated_at: this.clock.tickIso() });
		return row;
	}

	all(): StoredRecord[] {
		return Array.from(this.rows.values());
	}

	find(pred: (r: StoredRecord) => boolean): StoredRecord | undefined {
		return this.all().find(pred);
	}

	get size(): number {
		return this.rows.size;
	}
}

/** All collections of one sandbox instance, addressable by kind or alias. */
export class Store {
	private readonly collections = new Map<string, Collection>();
	private readonly aliases = new Map<string, string>();

	constructor(
		private readonly ids: IdFactory,
		private readonly clock: MonotonicClock,
	) {}

	define(spec: KindSpec): Collection {
		const existing = this.collections.get(spec.kind);
		if (existing) return existing;
		const col = new Collection(spec.kind, spec.prefix, this.ids, this.clock);
		this.collections.set(spec.kind, col);
		this.aliases.set(spec.kind.toLowerCase(), spec.kind);
		for (const a of spec.aliases ?? []) this.aliases.set(a.toLowerCase(), spec.kind);
		return col;
	}

	/** Resolve a kind or alias. Unknown kinds get an ad-hoc collection with prefix `<kind>_`. */
	collection(kindOrAlias: string): Collection {
		const kind = this.aliases.get(kindOrAlias.toLowerCase());
		if (kind) return this.collections.get(kind) as Collection;
		return this.define({ kind: kindOrAlias, prefix: `${kindOrAlias}_` });
	}
}
