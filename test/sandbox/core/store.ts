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

/** A row's creation time in epoch ms (0 when unreadable), the key of the creation-order index. */
export function createdMs(row: StoredRecord): number {
	const ms = Date.parse(row.created_at);
	return Number.isNaN(ms) ? 0 : ms;
}

/** Creation order: created_at ascending, then id ascending (a listing reads it backwards). */
function before(a: { ms: number; row: StoredRecord }, b: { ms: number; row: StoredRecord }): boolean {
	return a.ms < b.ms || (a.ms === b.ms && a.row.id < b.row.id);
}

interface FieldIndex {
	key: (row: StoredRecord) => string | undefined;
	rows: Map<string, Set<StoredRecord>>;
}

/**
 * One kind of record, with the indexes its lists and checks need, so a listing or a uniqueness
 * check costs the same with 100,000 rows as with 10: rows in creation order (lists page through
 * it with binary search instead of sorting every row per page), and field indexes built on first
 * use (email uniqueness, request_id lookups) kept up to date on insert and update.
 */
export class Collection {
	private readonly rows = new Map<string, StoredRecord>();
	private readonly ordered: Array<{ ms: number; row: StoredRecord }> = [];
	private readonly indexes = new Map<string, FieldIndex>();

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
		const replaced = this.rows.get(stored.id);
		if (replaced) {
			this.unindex(replaced);
			this.ordered.splice(this.ordered.findIndex((entry) => entry.row === replaced), 1);
		}
		this.rows.set(stored.id, stored);
		this.index(stored);
		const entry = { ms: createdMs(stored), row: stored };
		// rows mostly arrive newest: search from the end
		let at = this.ordered.length;
		while (at > 0 && before(entry, this.ordered[at - 1])) at--;
		this.ordered.splice(at, 0, entry);
		return stored;
	}

	get(id: string): StoredRecord | undefined {
		return this.rows.get(id);
	}

	/** Merge `patch` into an existing row and bump updated_at. */
	update(id: string, patch: Record<string, unknown>): StoredRecord {
		const row = this.rows.get(id);
		if (!row) throw new Error(`No ${this.kind} with id ${id}`);
		// created_at never changes: only the field indexes follow an update
		this.unindex(row);
		Object.assign(row, patch, { updated_at: this.clock.tickIso() });
		this.index(row);
		return row;
	}

	all(): StoredRecord[] {
		return Array.from(this.rows.values());
	}

	find(pred: (r: StoredRecord) => boolean): StoredRecord | undefined {
		for (const row of this.rows.values()) if (pred(row)) return row;
		return undefined;
	}

	/** Rows in creation order, oldest first, each with its created_at in ms. */
	byCreation(): ReadonlyArray<{ ms: number; row: StoredRecord }> {
		return this.ordered;
	}

	/**
	 * Rows whose `key` is `value`, through the index `name` (built on first use, then kept up to
	 * date). One name must always be used with the same key function.
	 */
	lookup(name: string, key: (row: StoredRecord) => string | undefined, value: string): StoredRecord[] {
		let index = this.indexes.get(name);
		if (!index) {
			index = { key, rows: new Map() };
			for (const row of this.rows.values()) this.addTo(index, row);
			this.indexes.set(name, index);
		}
		return [...(index.rows.get(value) ?? [])];
	}

	private addTo(index: FieldIndex, row: StoredRecord): void {
		const value = index.key(row);
		if (value === undefined) return;
		const rows = index.rows.get(value) ?? new Set<StoredRecord>();
		rows.add(row);
		index.rows.set(value, rows);
	}

	private index(row: StoredRecord): void {
		for (const index of this.indexes.values()) this.addTo(index, row);
	}

	private unindex(row: StoredRecord): void {
		for (const index of this.indexes.values()) {
			const value = index.key(row);
			if (value !== undefined) index.rows.get(value)?.delete(row);
		}
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
