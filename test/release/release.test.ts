/**
 * `npm run release`, run as a maintainer runs it, on throwaway git repositories: a package whose
 * `npm test` passes or fails on demand (and says each time it ran), with a bare "origin" to show
 * nothing is pushed.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { envWithoutNpmConfig } from '../harness/npm';
import { bump, releaseChangelog, unreleasedNotes } from './release';

const SCRIPT = resolve(__dirname, 'release.ts');
const TS_NODE = require.resolve('ts-node/register/transpile-only');

const CHANGELOG = `# Changelog

All notable changes for users, newest first.

## [Unreleased]

### Fixed
- Payouts no longer time out on slow answers.

## [1.2.3] - 2026-01-02

### Added
- The first version.
`;

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
	const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
	return result.stdout.trim();
}

/** A committed package at 1.2.3 with a changelog and a lockfile; `npm test` appends to `ranLog` and exits TEST_EXIT. */
function makeRepo(changelog = CHANGELOG) {
	const base = mkdtempSync(join(tmpdir(), 'glomo-release-'));
	folders.push(base);
	const repo = join(base, 'repo');
	const origin = join(base, 'origin.git');
	const ranLog = join(base, 'tests-ran.log');
	spawnSync('git', ['init', '--quiet', '--bare', origin]);
	spawnSync('git', ['init', '--quiet', '-b', 'main', repo]);
	git(repo, 'config', 'user.email', 'maintainer@example.test');
	git(repo, 'config', 'user.name', 'Maintainer');
	git(repo, 'config', 'commit.gpgsign', 'false');
	git(repo, 'config', 'tag.gpgsign', 'false');
	git(repo, 'remote', 'add', 'origin', origin);
	const testScript = `node -e "require('fs').appendFileSync(process.env.RAN_LOG, 'ran\\n'); if (process.env.DIRTY) require('fs').writeFileSync('stray.txt', ''); process.exit(Number(process.env.TEST_EXIT || 0))"`;
	writeFileSync(join(repo, 'package.json'), `${JSON.stringify({ name: 'n8n-nodes-example', version: '1.2.3', private: true, scripts: { test: testScript } }, null, 2)}\n`);
	writeFileSync(
		join(repo, 'package-lock.json'),
		`${JSON.stringify({ name: 'n8n-nodes-example', version: '1.2.3', lockfileVersion: 3, requires: true, packages: { '': { name: 'n8n-nodes-example', version: '1.2.3' } } }, null, 2)}\n`,
	);
	writeFileSync(join(repo, 'CHANGELOG.md'), changelog);
	git(repo, 'add', '.');
	git(repo, 'commit', '--quiet', '-m', 'Initial');
	git(repo, 'push', '--quiet', 'origin', 'main');
	return { repo, origin, ranLog };
}

function release(repo: string, ranLog: string, args: string[], env: Record<string, string> = {}) {
	// the variables npm run sets would point the inner npm at this project: a maintainer's shell has none
	const result = spawnSync(process.execPath, ['-r', TS_NODE, SCRIPT, ...args], {
		cwd: repo,
		encoding: 'utf8',
		env: { ...envWithoutNpmConfig(), TS_NODE_PROJECT: resolve(__dirname, '..', '..', 'tsconfig.json'), RAN_LOG: ranLog, ...env },
		timeout: 60_000,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const testRuns = (ranLog: string): number => (existsSync(ranLog) ? readFileSync(ranLog, 'utf8').split('\n').filter(Boolean).length : 0);
const versionOf = (repo: string, file: string): string => JSON.parse(readFileSync(join(repo, file), 'utf8')).version;
const tags = (repo: string): string => git(repo, 'tag', '--list');

/** Nothing changed: same commit, no tag, same files, clean tree. */
function expectUntouched(repo: string, head: string): void {
	expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
	expect(tags(repo)).toBe('');
	expect(git(repo, 'status', '--porcelain')).toBe('');
	expect(versionOf(repo, 'package.json')).toBe('1.2.3');
	expect(readFileSync(join(repo, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
}

describe('npm run release -- patch on a clean tree with passing tests', () => {
	test('bumps package.json and the lockfile, dates the changelog section, commits and tags; pushes nothing', () => {
		const { repo, origin, ranLog } = makeRepo();
		const originHead = git(origin, 'rev-parse', 'main');
		const { status, output } = release(repo, ranLog, ['patch']);
		expect(output).toContain('tagged v1.2.4');
		expect(status).toBe(0);
		expect(testRuns(ranLog)).toBe(1);

		expect(versionOf(repo, 'package.json')).toBe('1.2.4');
		const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
		expect([lock.version, lock.packages[''].version]).toEqual(['1.2.4', '1.2.4']);
		const changelog = readFileSync(join(repo, 'CHANGELOG.md'), 'utf8');
		const today = new Date().toISOString().slice(0, 10);
		expect(changelog).toContain(`## [Unreleased]\n\n## [1.2.4] - ${today}\n\n### Fixed\n- Payouts no longer time out on slow answers.\n\n## [1.2.3] - 2026-01-02`);
		expect(unreleasedNotes(changelog)).toBe('');

		expect(git(repo, 'status', '--porcelain')).toBe('');
		expect(git(repo, 'log', '-1', '--format=%s')).toBe('Release 1.2.4');
		expect(git(repo, 'log', '-1', '--format=%b')).toBe('### Fixed\n- Payouts no longer time out on slow answers.');
		expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(['CHANGELOG.md', 'package-lock.json', 'package.json']);
		expect(tags(repo)).toBe('v1.2.4');
		expect(git(repo, 'cat-file', '-t', 'v1.2.4')).toBe('tag');
		expect(git(repo, 'rev-parse', 'v1.2.4^{commit}')).toBe(git(repo, 'rev-parse', 'HEAD'));
		expect(git(repo, 'tag', '-l', '--format=%(contents)', 'v1.2.4')).toContain('n8n-nodes-example 1.2.4\n\n### Fixed\n- Payouts no longer time out');

		// nothing reached the remote
		expect(git(origin, 'rev-parse', 'main')).toBe(originHead);
		expect(git(origin, 'tag', '--list')).toBe('');
	});

	test('the next release starts from the new version and needs new changelog entries', () => {
		const { repo, ranLog } = makeRepo();
		expect(release(repo, ranLog, ['minor']).status).toBe(0);
		expect(versionOf(repo, 'package.json')).toBe('1.3.0');
		const head = git(repo, 'rev-parse', 'HEAD');
		const again = release(repo, ranLog, ['minor']);
		expect(again.status).toBe(1);
		expect(again.output).toContain('lists nothing under "## [Unreleased]"');
		expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
		expect(tags(repo)).toBe('v1.3.0');

		writeFileSync(join(repo, 'CHANGELOG.md'), readFileSync(join(repo, 'CHANGELOG.md'), 'utf8').replace('## [Unreleased]\n', '## [Unreleased]\n\n### Changed\n- Breaking: the Payout node needs a purpose.\n'));
		git(repo, 'commit', '--quiet', '-am', 'Note a breaking change');
		expect(release(repo, ranLog, ['major']).status).toBe(0);
		expect(versionOf(repo, 'package.json')).toBe('2.0.0');
		expect(tags(repo).split('\n')).toEqual(['v1.3.0', 'v2.0.0']);
	});
});

describe('refusals change nothing', () => {
	test.each([
		['no level', []],
		['an unknown level', ['patches']],
		['a version instead of a level', ['1.2.4']],
	])('%s: usage, and the tests do not run', (_name, args) => {
		const { repo, ranLog } = makeRepo();
		const head = git(repo, 'rev-parse', 'HEAD');
		const { status, output } = release(repo, ranLog, args);
		expect(status).toBe(1);
		expect(output).toContain('usage: npm run release -- <major|minor|patch>');
		expect(testRuns(ranLog)).toBe(0);
		expectUntouched(repo, head);
	});

	test.each([
		['a changed tracked file', (repo: string) => appendFileSync(join(repo, 'CHANGELOG.md'), '- Not committed.\n')],
		['an untracked file', (repo: string) => writeFileSync(join(repo, 'notes.txt'), 'draft')],
		['a staged change', (repo: string) => (writeFileSync(join(repo, 'notes.txt'), 'draft'), git(repo, 'add', 'notes.txt'))],
	])('a dirty tree (%s): refused before the tests run', (_name, dirty) => {
		const { repo, ranLog } = makeRepo();
		const head = git(repo, 'rev-parse', 'HEAD');
		dirty(repo);
		const { status, output } = release(repo, ranLog, ['patch']);
		expect(status).toBe(1);
		expect(output).toContain('uncommitted changes');
		expect(testRuns(ranLog)).toBe(0);
		expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
		expect(tags(repo)).toBe('');
		expect(versionOf(repo, 'package.json')).toBe('1.2.3');
	});

	test('failing tests: refused after they ran, nothing bumped or tagged', () => {
		const { repo, ranLog } = makeRepo();
		const head = git(repo, 'rev-parse', 'HEAD');
		const { status, output } = release(repo, ranLog, ['patch'], { TEST_EXIT: '1' });
		expect(status).toBe(1);
		expect(output).toContain('npm test failed (exit 1): nothing released');
		expect(testRuns(ranLog)).toBe(1);
		expectUntouched(repo, head);
	});

	test('tests that leave the tree changed: refused', () => {
		const { repo, ranLog } = makeRepo();
		const head = git(repo, 'rev-parse', 'HEAD');
		const { status, output } = release(repo, ranLog, ['patch'], { DIRTY: '1' });
		expect(status).toBe(1);
		expect(output).toContain('npm test left the git tree changed');
		expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
		expect(tags(repo)).toBe('');
		expect(versionOf(repo, 'package.json')).toBe('1.2.3');
	});

	test('a commit that git refuses (no identity): the bumped files are put back', () => {
		const { repo, ranLog } = makeRepo();
		const head = git(repo, 'rev-parse', 'HEAD');
		git(repo, 'config', '--unset', 'user.email');
		git(repo, 'config', '--unset', 'user.name');
		git(repo, 'config', 'user.useConfigOnly', 'true');
		const { status, output } = release(repo, ranLog, ['patch'], { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
		expect(status).toBe(1);
		expect(output).toContain('git commit');
		expectUntouched(repo, head);
		expect(versionOf(repo, 'package-lock.json')).toBe('1.2.3');
	});

	test('an existing tag for the next version: refused before the tests run', () => {
		const { repo, ranLog } = makeRepo();
		git(repo, 'tag', 'v1.2.4');
		const { status, output } = release(repo, ranLog, ['patch']);
		expect(status).toBe(1);
		expect(output).toContain('tag v1.2.4 exists already');
		expect(testRuns(ranLog)).toBe(0);
		expect(versionOf(repo, 'package.json')).toBe('1.2.3');
	});

	test.each([
		['an empty Unreleased section', CHANGELOG.replace('### Fixed\n- Payouts no longer time out on slow answers.\n', '')],
		['headings but no entries', CHANGELOG.replace('- Payouts no longer time out on slow answers.\n', '')],
		['no Unreleased heading', CHANGELOG.replace('## [Unreleased]', '## Unreleased')],
	])('%s: refused before the tests run', (_name, changelog) => {
		const { repo, ranLog } = makeRepo(changelog);
		const head = git(repo, 'rev-parse', 'HEAD');
		const { status, output } = release(repo, ranLog, ['patch']);
		expect(status).toBe(1);
		expect(output).toMatch(/lists nothing under|has no "## \[Unreleased\]" heading/);
		expect(testRuns(ranLog)).toBe(0);
		expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
		expect(tags(repo)).toBe('');
	});
});

test('the project\'s own CHANGELOG.md: Unreleased first, then released versions newest first, the newest being package.json\'s', () => {
	const root = resolve(__dirname, '..', '..');
	const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
	const headings = changelog.match(/^## .*$/gm) ?? [];
	expect(headings[0]).toBe('## [Unreleased]');
	const released = headings.slice(1).map((heading) => {
		const match = /^## \[(\d+)\.(\d+)\.(\d+)\] - \d{4}-\d{2}-\d{2}$/.exec(heading);
		expect(match).not.toBeNull();
		return match!.slice(1).map(Number);
	});
	const newestFirst = [...released].sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
	expect(released).toEqual(newestFirst);
	const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	// before the first release the version is 0.0.0 and no version has a section
	expect(released.length ? released[0].join('.') : '0.0.0').toBe(version);
	expect(unreleasedNotes(changelog)).toMatch(/^- \S/m);
});

describe('the pieces', () => {
	test.each([
		['0.1.0', 'patch', '0.1.1'],
		['0.1.9', 'patch', '0.1.10'],
		['0.1.9', 'minor', '0.2.0'],
		['1.9.9', 'major', '2.0.0'],
		['0.0.0', 'minor', '0.1.0'],
	] as const)('%s + %s = %s', (version, level, next) => {
		expect(bump(version, level)).toBe(next);
	});

	test.each(['1.2', '1.2.3-beta.1', 'v1.2.3', ''])('refuses to bump "%s"', (version) => {
		expect(() => bump(version, 'patch')).toThrow('is not x.y.z');
	});

	test('only the Unreleased heading is renamed, however many sections follow', () => {
		const released = releaseChangelog(CHANGELOG, '1.2.4', '2026-11-22');
		expect(released.match(/^## /gm)).toHaveLength(3);
		expect(released.indexOf('## [Unreleased]')).toBeLessThan(released.indexOf('## [1.2.4] - 2026-11-22'));
		expect(released.indexOf('## [1.2.4]')).toBeLessThan(released.indexOf('## [1.2.3]'));
		expect(unreleasedNotes(CHANGELOG)).toBe('### Fixed\n- Payouts no longer time out on slow answers.');
		expect(unreleasedNotes('## [Unreleased]\n- Last section, no version below.\n')).toBe('- Last section, no version below.');
	});
});
