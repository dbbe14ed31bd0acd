/**
 * After `stryker run`: the mutation score of every mutated file from Stryker's JSON report, as one
 * table, and a failure when any file is under the break threshold. Stryker's own `break` applies
 * to the total only; a weak file could hide behind strong ones.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '../..');
const REPORT = join(ROOT, 'reports/mutation/mutation.json');

async function main() {
	const { default: config } = await import(join(ROOT, 'stryker.config.mjs'));
	const threshold = config.thresholds.break;
	const report = JSON.parse(readFileSync(REPORT, 'utf8'));
	const rows = [];
	for (const [file, { mutants }] of Object.entries(report.files)) {
		const count = (statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
		const detected = count(['Killed', 'Timeout']);
		const undetected = count(['Survived', 'NoCoverage']);
		const equivalent = count(['Ignored']);
		const valid = detected + undetected;
		const score = valid ? (100 * detected) / valid : 100;
		rows.push({ file, valid, detected, undetected, equivalent, score });
	}
	rows.sort((a, b) => a.file.localeCompare(b.file));
	const width = Math.max(...rows.map((row) => row.file.length), 4);
	const line = (cells) => cells.map((cell, index) => (index === 0 ? cell.padEnd(width) : cell.padStart(10))).join(' | ');
	console.log(line(['File', 'Score', 'Mutants', 'Killed', 'Survived', 'Equivalent']));
	console.log(line(['-'.repeat(width), ...Array(5).fill('-'.repeat(10))]));
	for (const row of rows) {
		const mark = row.score < threshold ? ' <' : '';
		console.log(line([row.file, `${row.score.toFixed(1)} %${mark}`, String(row.valid), String(row.detected), String(row.undetected), String(row.equivalent)]));
	}
	const weak = rows.filter((row) => row.score < threshold);
	if (weak.length) {
		console.log(`\n${weak.length} file(s) under the ${threshold} % threshold: ${weak.map((row) => row.file).join(', ')}`);
		process.exit(1);
	}
	console.log(`\nEvery file at ${threshold} % or more.`);
}

main().catch((error) => {
	console.error(`No mutation report to read (${REPORT}): ${error.message}`);
	process.exit(1);
});
