/**
 * The abuse suite's figures. Each test file counts what it tried and found; at the end of the
 * file the counts go to test-output/abuse/<file>.json, and the summary reporter adds every file's
 * counts into one table printed at the end of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const FIGURES = {
	cases: 'cases tried',
	secretLeaks: 'secret occurrences found (must be 0)',
	refusedInputs: 'hostile inputs refused before sending',
	requestsForRefused: 'requests sent for refused input (must be 0)',
	duplicateWrites: 'duplicate writes (must be 0)',
	redirectsStopped: 'redirects stopped (not followed)',
	keyElsewhere: 'requests that reached a redirect target (must be 0)',
	loopsStopped: 'endless or inconsistent listings stopped',
	brokenAnswersRefused: 'broken answers refused as data',
	silentLosses: 'silent losses (must be 0)',
	unknownOutcomesSaid: 'unanswered writes reported as outcome unknown',
	forgedWebhooks: 'forged webhooks tried',
	forgedRefused: 'forged webhooks refused',
	forgedExecutions: 'executions started by forged webhooks (must be 0)',
	slowestRefusalMs: 'slowest refusal of a forged webhook in the node (ms)',
} as const;

export type Figure = keyof typeof FIGURES;

export const OUTPUT_DIR = join(__dirname, '..', '..', 'test-output', 'abuse');

/** Counts for the current test file, written after its last test. */
export function useTally(file: string): { add(figure: Figure, by?: number): void; max(figure: Figure, value: number): void } {
	const counts: Partial<Record<Figure, number>> = {};
	afterAll(() => {
		mkdirSync(OUTPUT_DIR, { recursive: true });
		const rows = Object.entries(FIGURES).map(([key, label]) => ({ key, label, value: counts[key as Figure] ?? 0 }));
		writeFileSync(join(OUTPUT_DIR, `${basename(file)}.json`), JSON.stringify(rows));
	});
	return {
		add: (figure, by = 1) => {
			counts[figure] = (counts[figure] ?? 0) + by;
		},
		max: (figure, value) => {
			counts[figure] = Math.max(counts[figure] ?? 0, value);
		},
	};
}
