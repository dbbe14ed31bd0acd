/**
 * What n8n and npm see of the package: run after `npm run build` (npm test builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { previewPack } from './harness/npm';

const root = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('package.json is what n8n\'s verification expects', () => {
	expect(pkg.name).toBe('n8n-nodes-glomo');
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.files).toEqual(['dist/nodes/**/*.js', 'dist/nodes/**/*.json', 'dist/credentials/**/*.js', 'dist/icons/*.svg']);
	expect(pkg.main).toBeUndefined();
	expect(pkg.dependencies).toBeUndefined();
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	expect(pkg.devDependencies['n8n-workflow']).toBe('2.8.0');
	expect(pkg.devDependencies['n8n-core']).toBe('2.8.1');
	expect(pkg.devDependencies.n8n).toBeUndefined();
});

test('every node and credential listed in package.json is built, with its icons and codex', () => {
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
		const path = join(root, file);
		expect(existsSync(path)).toBe(true);
		const exported = Object.values(require(path) as Record<string, new () => { description?: { icon?: unknown }; icon?: unknown }>);
		expect(exported).toHaveLength(1);
		const instance = new exported[0]();
		const icon = (instance.description?.icon ?? instance.icon) as { light: string; dark: string };
		for (const variant of [icon.light, icon.dark]) {
			expect(variant).toMatch(/^file:/);
			expect(existsSync(resolve(dirname(path), variant.slice('file:'.length)))).toBe(true);
		}
		if (file.endsWith('.node.js')) expect(existsSync(path.replace(/\.js$/, '.json'))).toBe(true);
	}
});

/** The files `npm pack` would put in the tarball, as n8n would install them (asked of npm once). */
let packedFiles: string[];
beforeAll(() => {
	packedFiles = previewPack(root).files.map((f) => f.path).sort();
});

test('npm pack ships the compiled nodes and credentials, their data, codex and icons, and nothing else', () => {
	const files = packedFiles;
	expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', ...pkg.n8n.nodes, ...pkg.n8n.credentials]));
	const kinds = [/^(package\.json|README\.md|LICENSE)$/, /^dist\/(nodes|credentials)\/.+\.js$/, /^dist\/nodes\/.+\.json$/, /^dist\/icons\/[^/]+\.svg$/];
	expect(files.filter((f) => !kinds.some((kind) => kind.test(f)))).toEqual([]);
	// no source maps (n8n runs the .js without them) and no type declarations (nothing imports this package)
	expect(files.filter((f) => /\.(map|d\.ts|ts|tsbuildinfo)$/.test(f))).toEqual([]);
	// every built .js, codex and data file is shipped, not only the entry points
	const built = (dir: string): string[] =>
		readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? built(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
		);
	expect(files.filter((f) => f.startsWith('dist/'))).toEqual(built('dist').sort());
});

test('every file a shipped module requires is shipped too', () => {
	const files = new Set(packedFiles);
	const missing: string[] = [];
	for (const file of [...files].filter((f) => f.endsWith('.js'))) {
		const source = readFileSync(join(root, file), 'utf8');
		for (const [, specifier] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
			const target = posix.join(posix.dirname(file), specifier);
			if (![target, `${target}.js`, `${target}.json`, `${target}/index.js`].some((candidate) => files.has(candidate))) missing.push(`${file} -> ${specifier}`);
		}
		for (const [, icon] of source.matchAll(/'file:([^']+)'/g)) {
			if (!files.has(posix.join(posix.dirname(file), icon))) missing.push(`${file} -> ${icon}`);
		}
	}
	expect(missing).toEqual([]);
	expect(files.size).toBeGreaterThan(100);
});
