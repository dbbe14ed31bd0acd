/**
 * `npm run bench:load [-- <other built package folder>...]`: the package's cold start, as n8n pays it
 * when it loads community nodes: in a fresh Node process with n8n-workflow already loaded, the time
 * to require both nodes and the credential and build their descriptions (what n8n does once per
 * process), the time to build one more instance, the heap the descriptions hold, and the size of
 * the built code and of the packed package. Each measurement is the median of fresh processes.
 *
 * Give the folders of other builds (a checkout of an older commit, built) to print them side by side:
 *   git worktree add /tmp/glomo-before <commit> && (cd /tmp/glomo-before && npm ci && npm run build)
 *   npm run bench:load -- /tmp/glomo-before
 * Prints a table; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { previewPack } from '../harness/npm';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/** runs in the child: n8n-workflow first (n8n has it loaded), then the package's entry points */
const PROBE = `
const root = process.argv[1];
require(require.resolve('n8n-workflow', { paths: [${JSON.stringify(ROOT)}] }));
global.gc(); const heap0 = process.memoryUsage().heapUsed;
const t0 = process.hrtime.bigint();
const { Glomo } = require(root + '/dist/nodes/Glomo/Glomo.node.js');
const { GlomoTrigger } = require(root + '/dist/nodes/GlomoTrigger/GlomoTrigger.node.js');
const { GlomoApi } = require(root + '/dist/credentials/GlomoApi.credentials.js');
const glomo = new Glomo(); new GlomoTrigger(); new GlomoApi();
const t1 = process.hrtime.bigint();
new Glomo();
const t2 = process.hrtime.bigint();
global.gc(); const heap1 = process.memoryUsage().heapUsed;
let fields = 0; const count = (list) => { for (const p of list) { fields++; for (const o of p.options ?? []) if (o.values) count(o.values); else if (o.type) count([o]); } };
count(glomo.description.properties);
const operations = glomo.description.properties.filter((p) => p.name === 'operation').reduce((n, p) => n + p.options.length, 0);
console.log(JSON.stringify({ loadMs: Number(t1 - t0) / 1e6, instanceMs: Number(t2 - t1) / 1e6, heapKb: (heap1 - heap0) / 1024, operations, fields, bytes: JSON.stringify(glomo.description).length }));
`;

interface Probe {
	loadMs: number;
	instanceMs: number;
	heapKb: number;
	operations: number;
	fields: number;
	bytes: number;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function folderSize(folder: string): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) {
			const inner = folderSize(path);
			bytes += inner.bytes;
			files += inner.files;
		} else if (entry.name.endsWith('.js') || entry.name.endsWith('.json') || entry.name.endsWith('.svg')) {
			bytes += statSync(path).size;
			files++;
		}
	}
	return { bytes, files };
}

function measure(root: string) {
	const probes: Probe[] = [];
	for (let run = 0; run < RUNS; run++) {
		const child = spawnSync(process.execPath, ['--expose-gc', '-e', PROBE, root], { encoding: 'utf8' });
		if (child.status !== 0) throw new Error(`loading ${root} failed: ${child.stderr}`);
		probes.push(JSON.parse(child.stdout.trim()) as Probe);
	}
	const packed = previewPack(root);
	const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
	const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).stdout.trim() ? '+changes' : '';
	return {
		build: `${commit}${dirty}`,
		operations: probes[0].operations,
		fields: probes[0].fields,
		load: `${median(probes.map((p) => p.loadMs)).toFixed(0)} ms (min ${Math.min(...probes.map((p) => p.loadMs)).toFixed(0)})`,
		instance: `${median(probes.map((p) => p.instanceMs)).toFixed(2)} ms`,
		heap: `${(median(probes.map((p) => p.heapKb)) / 1024).toFixed(1)} MB`,
		description: `${(probes[0].bytes / 1024).toFixed(0)} kB`,
		dist: (() => {
			const size = folderSize(join(root, 'dist'));
			return `${(size.bytes / 1024).toFixed(0)} kB, ${size.files} files`;
		})(),
		packed: `${(packed.size / 1024).toFixed(0)} kB (${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked)`,
	};
}

const roots = [...process.argv.slice(2).map((folder) => resolve(folder)), ROOT];
const rows = roots.map(measure);
const header = ['Build', 'Operations', 'Fields', 'Cold load (median of ' + RUNS + ')', 'One more instance', 'Heap held', 'Description as JSON', 'dist/', 'npm pack'];
console.log(`\nGlomo package cold start: node ${process.version}, ${new Date().toISOString()}\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) {
	console.log(`| ${[row.build, row.operations, row.fields, row.load, row.instance, row.heap, row.description, row.dist, row.packed].join(' | ')} |`);
}
