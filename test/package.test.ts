/**
 * What n8n and npm see of the package: run after `npm run build` (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('package.json is what n8n\'s verification expects', () => {
	expect(pkg.name).toBe('n8n-nodes-glomo');
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.files).toEqual(['dist']);
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

test('npm pack ships dist, README and LICENSE, and no sources or tests', () => {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
	const files = (packed.files as Array<{ path: string }>).map((f) => f.path);
	expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/nodes/Glomo/Glomo.node.js']));
	expect(files.filter((f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual([]);
	expect(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
});
