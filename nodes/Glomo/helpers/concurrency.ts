/** What one task came to: its value, or the error it threw. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `task` for 0 … count-1, at most `limit` at a time, and returns what each came to in index
 * order, whatever order they finished in. Once a task fails and `stopOnError` is set, no further
 * task is started (those already running are awaited); a caller that stops at the first failure
 * in index order sees exactly what a one-at-a-time loop would have seen.
 */
export async function settleInOrder<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnError: boolean,
): Promise<Array<Settled<T>>> {
	// tasks start in index order and every started one is awaited: the results have no gaps
	const results: Array<Settled<T>> = [];
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(index) };
			} catch (error) {
				results[index] = { ok: false, error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	return results;
}
