#!/usr/bin/env node
/**
 * n8n's verification scanner (@n8n/scan-community-package), run here on the two legs it lints:
 *
 *   source   what GitHub would serve for this commit (the tracked and not-ignored files), linted with
 *            the scanner's own source patterns: package.json and nodes/, credentials/ sources;
 *   tarball  what `npm pack` makes of the built package, unpacked as the scanner unpacks it, linted
 *            with its tarball patterns: every .js file and package.json.
 *
 * Both use the scanner's own ESLint configuration (its pinned versions of both lint plugins), from
 * .scanner/ (an isolated folder with its own lockfile, installed on first use). Then each leg is
 * scanned once more with one planted violation, which must fail: a gate that cannot fail is no gate.
 * The third check n8n makes, npm provenance, needs a package published from GitHub Actions and
 * cannot run here (README › Verification).
 *
 * Usage: npm run scan [-- --keep-tarball <dir>]   (the workflow publishes the tarball it kept)
 * Exits 1 if either leg has an error, or if a planted violation passes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCANNER_DIR = join(ROOT, '.scanner');
const SCANNER = '@n8n/scan-community-package';
/** The scanner's patterns for the tarball leg (it keeps them inline, not exported). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Runs a command, returning its stdout; throws with its stderr when it exits non-zero. */
function run(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}: ${(result.stderr || result.stdout || '').trim().slice(-2000)}`);
	}
	return result.stdout;
}

/** Installs the pinned scanner into .scanner/ from its lockfile unless that version is there already. */
function ensureScanner() {
	const pinned = JSON.parse(readFileSync(join(SCANNER_DIR, 'package.json'), 'utf8')).dependencies[SCANNER];
	const installedManifest = join(SCANNER_DIR, 'node_modules', ...SCANNER.split('/'), 'package.json');
	const installed = existsSync(installedManifest) ? JSON.parse(readFileSync(installedManifest, 'utf8')).version : undefined;
	if (installed !== pinned) {
		console.log(`• installing ${SCANNER}@${pinned} into .scanner/ (first run only, about 20 s)`);
		// npm run passes the package's npm_config_* settings down; the scanner folder has its own .npmrc
		// (envWithoutNpmConfig in test/harness/npm.ts does this for the TypeScript scripts)
		const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
		run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: SCANNER_DIR, env });
	}
	const latest = spawnSync('npm', ['view', SCANNER, 'version', '--loglevel=silent'], { encoding: 'utf8', timeout: 20_000 });
	const newest = latest.status === 0 ? latest.stdout.trim() : undefined;
	if (newest && newest !== pinned) {
		console.log(`! ${SCANNER}@${newest} is out; n8n verifies with the newest. Pin it in .scanner/package.json and run npm install there.`);
	}
	return pinned;
}

/** Copies the files git tracks or would track (not ignored), as GitHub's source archive of a commit holds them. */
function copySourceCheckout(target) {
	const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT }).split('\0');
	let copied = 0;
	for (const file of listed.filter(Boolean)) {
		const from = join(ROOT, file);
		if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted but not yet committed
		mkdirSync(dirname(join(target, file)), { recursive: true });
		cpSync(from, join(target, file));
		copied += 1;
	}
	if (copied === 0) throw new Error('git lists no files: run the scan from a git checkout of the package');
}

/** Packs the built package and unpacks it as the scanner does (tar --strip-components=1). */
function packAndUnpack(work) {
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run npm run build first`);
	}
	const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', work], { cwd: ROOT }));
	const tarball = join(work, packed.filename);
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	return { tarball, unpacked, packed };
}

async function main() {
	const keepIndex = process.argv.indexOf('--keep-tarball');
	const keepDir = keepIndex > 0 ? resolve(process.argv[keepIndex + 1] ?? '') : undefined;
	const version = ensureScanner();
	const work = mkdtempSync(join(tmpdir(), 'glomo-scan-'));
	// the scanner makes a temporary folder when it loads and leaves it; keep it inside ours
	const savedTmp = process.env.TMPDIR;
	process.env.TMPDIR = work;
	try {
		const scannerRequire = createRequire(join(SCANNER_DIR, 'package.json'));
		const scanner = await import(pathToFileURL(scannerRequire.resolve(`${SCANNER}/scanner/scanner.mjs`)).href);
		const glob = scannerRequire('fast-glob');
		const count = (dir, patterns) => glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
		console.log(`• ${SCANNER}@${version}: linting ${pkg.name}@${pkg.version}`);

		const checkout = join(work, 'source');
		copySourceCheckout(checkout);
		const sourceRoot = scanner.findPackageRoot(checkout, pkg.name);
		if (!sourceRoot) throw new Error(`no package.json named ${pkg.name} in the checkout`);
		const { tarball, unpacked, packed } = packAndUnpack(work);

		const legs = [
			{ name: 'source', dir: sourceRoot, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ name: 'tarball', dir: unpacked, patterns: TARBALL_PATTERNS },
		];
		let failed = false;
		for (const leg of legs) {
			leg.files = count(leg.dir, leg.patterns);
			leg.result = await scanner.analyzePackage(leg.dir, leg.patterns);
			// the scanner passes a leg with no files ("No files found to analyze"): here that is a failure
			leg.ok = leg.result.passed && leg.files > 0;
			failed ||= !leg.ok;
		}

		// the same scan, with one violation planted in each leg, must fail
		const plantedSource = join(work, 'planted-source');
		cpSync(sourceRoot, plantedSource, { recursive: true });
		const manifest = JSON.parse(readFileSync(join(plantedSource, 'package.json'), 'utf8'));
		writeFileSync(join(plantedSource, 'package.json'), JSON.stringify({ ...manifest, dependencies: { axios: '1.12.0' } }, null, 2));
		const plantedTarball = join(work, 'planted-tarball');
		cpSync(unpacked, plantedTarball, { recursive: true });
		const nodeFile = join(plantedTarball, pkg.n8n.nodes[0]);
		writeFileSync(nodeFile, `${readFileSync(nodeFile, 'utf8')}\nconsole.log('planted');\n`);
		const canaries = [
			{ name: 'source + a runtime dependency', rule: '@n8n/community-nodes/no-runtime-dependencies', dir: plantedSource, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ name: 'tarball + a console.log', rule: 'no-console', dir: plantedTarball, patterns: TARBALL_PATTERNS },
		];
		for (const canary of canaries) {
			const result = await scanner.analyzePackage(canary.dir, canary.patterns);
			canary.caught = !result.passed && String(result.details ?? '').includes(canary.rule);
			failed ||= !canary.caught;
		}

		console.log('');
		console.log('| Leg | Files linted | Result |');
		console.log('|---|---|---|');
		for (const leg of legs) console.log(`| ${leg.name} | ${leg.files} | ${leg.ok ? 'passed' : `FAILED: ${leg.result.message ?? 'no files'}`} |`);
		for (const canary of canaries) console.log(`| planted: ${canary.name} | – | ${canary.caught ? `refused (${canary.rule})` : 'PASSED: the gate is broken'} |`);
		console.log('| provenance | – | not checked here: needs a publish from GitHub Actions |');
		console.log('');
		console.log(`Tarball ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files.`);
		for (const leg of legs) if (leg.result.details) console.log(`\n${leg.name} leg:\n${leg.result.details}`);

		if (keepDir && !failed) {
			mkdirSync(keepDir, { recursive: true });
			cpSync(tarball, join(keepDir, basename(tarball)));
			console.log(`Kept ${join(keepDir, basename(tarball))}`);
		}
		console.log(failed ? '✗ scan failed' : '✓ scan passed: both legs, and both planted violations refused');
		return failed ? 1 : 0;
	} finally {
		if (savedTmp === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = savedTmp;
		rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`✗ scan failed: ${error.message}`);
		process.exit(1);
	},
);
