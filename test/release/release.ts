/**
 * `npm run release -- <major|minor|patch>`: cuts a release of the package in the current folder.
 *
 * Refuses, changing nothing, when the git tree has uncommitted changes, when CHANGELOG.md's
 * "Unreleased" section lists nothing, when the tag exists already, or when `npm test` fails (or
 * leaves the tree changed). Otherwise bumps the version in package.json and package-lock.json,
 * turns "Unreleased" into the new version's section (dated, a new empty "Unreleased" above it),
 * commits, and makes an annotated tag vX.Y.Z whose message is that section. It pushes nothing:
 * `git push --follow-tags` is what starts .github/workflows/publish.yml.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LEVELS = ['major', 'minor', 'patch'] as const;
export type Level = (typeof LEVELS)[number];

/** The next semver version; only plain x.y.z versions are released by this script. */
export function bump(version: string, level: Level): string {
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
	if (!match) throw new Error(`package.json's version "${version}" is not x.y.z`);
	const [major, minor, patch] = match.slice(1).map(Number);
	if (level === 'major') return `${major + 1}.0.0`;
	if (level === 'minor') return `${major}.${minor + 1}.0`;
	return `${major}.${minor}.${patch + 1}`;
}

const UNRELEASED = '## [Unreleased]';

/** The text under "## [Unreleased]", up to the next version heading. */
export function unreleasedNotes(changelog: string): string {
	const start = changelog.indexOf(`${UNRELEASED}\n`);
	if (start < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" heading`);
	const body = changelog.slice(start + UNRELEASED.length + 1);
	const next = body.search(/^## /m);
	return (next < 0 ? body : body.slice(0, next)).trim();
}

/** The changelog with "Unreleased" renamed to the version, and a new empty "Unreleased" above it. */
export function releaseChangelog(changelog: string, version: string, date: string): string {
	return changelog.replace(`${UNRELEASED}\n`, `${UNRELEASED}\n\n## [${version}] - ${date}\n`);
}

function run(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}): string {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}: ${String(result.stderr ?? '').trim()}`);
	}
	return String(result.stdout ?? '');
}

const isClean = (cwd: string): boolean => run('git', ['status', '--porcelain'], cwd).trim() === '';

export function release(level: string, cwd: string, log: (line: string) => void = console.log): string {
	if (!(LEVELS as readonly string[]).includes(level)) throw new Error(`usage: npm run release -- <${LEVELS.join('|')}> (got "${level ?? ''}")`);
	if (!isClean(cwd)) throw new Error('the git tree has uncommitted changes (git status): commit or stash them first');

	const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { name: string; version: string };
	const version = bump(pkg.version, level as Level);
	const tag = `v${version}`;
	if (spawnSync('git', ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`], { cwd }).status === 0) throw new Error(`tag ${tag} exists already`);
	const changelogPath = join(cwd, 'CHANGELOG.md');
	if (!existsSync(changelogPath)) throw new Error('CHANGELOG.md is missing');
	const changelog = readFileSync(changelogPath, 'utf8');
	const notes = unreleasedNotes(changelog);
	if (!/^\s*[-*] \S/m.test(notes)) throw new Error(`CHANGELOG.md lists nothing under "${UNRELEASED}": say what changed for users first`);

	log(`• ${pkg.name} ${pkg.version} -> ${version}: running npm test first`);
	const tests = spawnSync('npm', ['test'], { cwd, stdio: 'inherit' });
	if (tests.status !== 0) throw new Error(`npm test failed (exit ${tests.status ?? tests.signal}): nothing released`);
	if (!isClean(cwd)) throw new Error('npm test left the git tree changed (git status): nothing released');

	const files = ['package.json', 'CHANGELOG.md', ...(existsSync(join(cwd, 'package-lock.json')) ? ['package-lock.json'] : [])];
	try {
		run('npm', ['version', version, '--no-git-tag-version', '--ignore-scripts', '--loglevel=error'], cwd);
		writeFileSync(changelogPath, releaseChangelog(changelog, version, new Date().toISOString().slice(0, 10)));
		run('git', ['add', ...files], cwd);
		run('git', ['commit', '--quiet', '--cleanup=verbatim', '-m', `Release ${version}`, '-m', notes], cwd);
	} catch (error) {
		// put the files back as they were: a half-made release must not stay in the tree
		spawnSync('git', ['reset', '--quiet', '--', ...files], { cwd });
		spawnSync('git', ['checkout', '--', ...files], { cwd });
		throw error;
	}
	run('git', ['tag', '--annotate', '--cleanup=verbatim', tag, '-m', `${pkg.name} ${version}\n\n${notes}`], cwd);
	log(`✓ committed "Release ${version}" and tagged ${tag}. Nothing was pushed.`);
	log(`  To publish: git push origin HEAD --follow-tags   (the tag starts .github/workflows/publish.yml)`);
	return version;
}

if (require.main === module) {
	try {
		release(process.argv[2], process.cwd());
	} catch (error) {
		console.error(`✗ release refused: ${(error as Error).message}`);
		process.exit(1);
	}
}
