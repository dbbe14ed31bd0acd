// Prints jest's totals as one plain line ("N passed, N failed, N skipped") at the end of a run, so
// CI logs and scripts can read the result without parsing jest's own summary. Before it, when the
// abuse suite ran, one table of its figures (test/abuse/tally.ts writes them per file).
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const ABUSE_DIR = join(__dirname, '..', '..', 'test-output', 'abuse');

function abuseTable() {
	if (!existsSync(ABUSE_DIR)) return '';
	const totals = new Map();
	for (const file of readdirSync(ABUSE_DIR).filter((name) => name.endsWith('.json'))) {
		for (const { key, label, value } of JSON.parse(readFileSync(join(ABUSE_DIR, file), 'utf8'))) {
			const row = totals.get(key) ?? { label, value: 0 };
			// the slowest-of figures take the largest value, the others add up
			row.value = key.startsWith('slowest') ? Math.max(row.value, value) : row.value + value;
			totals.set(key, row);
		}
	}
	if (!totals.size) return '';
	const rows = [...totals.values()];
	const width = Math.max(...rows.map((row) => row.label.length));
	const lines = rows.map((row) => `| ${row.label.padEnd(width)} | ${String(Math.round(row.value)).padStart(7)} |`);
	const rule = `|${'-'.repeat(width + 2)}|${'-'.repeat(9)}|`;
	return `\nAbuse suite (test/abuse)\n| ${'figure'.padEnd(width)} |   value |\n${rule}\n${lines.join('\n')}\n`;
}

class SummaryReporter {
	onRunStart() {
		// figures of an earlier run must not be counted again
		rmSync(ABUSE_DIR, { recursive: true, force: true });
	}

	onRunComplete(_contexts, results) {
		const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
		const failed = numFailedTests + numRuntimeErrorTestSuites;
		process.stdout.write(abuseTable());
		process.stdout.write(`\njest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`);
	}
}
module.exports = SummaryReporter;
