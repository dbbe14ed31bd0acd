/**
 * Every unit suite in one jest file, for mutation testing only (`npm run test:mutation`).
 *
 * Jest gives each test file a fresh module registry, so loading n8n-core costs about a second per
 * file; Stryker runs jest once per mutant, and 24 files would cost 25 s of loading per mutant
 * before a single test ran. Loaded here once, they cost it once. Each suite keeps its own describe
 * (its path), so test names stay unique and its beforeAll/afterAll hooks stay scoped to it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
/** Suites that reach none of the mutated files: the sandbox's own tests and the npm pack check. */
const UNRELATED = new Set(['sandbox/sandbox.test.ts', 'package.test.ts']);
/** Slow suites last: a mutant is usually killed before them (see bail-environment.js). */
const LAST = ['trigger/fuzz.test.ts'];

function suites(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return suites(path);
		return name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
	});
}

const found = suites(ROOT)
	.filter((file) => !UNRELATED.has(file))
	.sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)) || a.localeCompare(b));

for (const file of found) {
	describe(file, () => {
		require(join(ROOT, file));
	});
}
