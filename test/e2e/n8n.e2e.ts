/**
 * The end-to-end suite: real n8n 2.8.4 with the packed package installed as a community package,
 * the local sandbox on a free loopback port, a throwaway user folder. It checks what a user sees:
 * the node types, the example workflows run by n8n's CLI, the credential test, and the editor.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { startSandbox, type Sandbox } from '../sandbox';
import {
	ensureN8n,
	exampleWorkflow,
	executeWithCli,
	freePort,
	installPackageInto,
	N8nRest,
	nodeOutput,
	OWNER,
	ROOT,
	runN8nCli,
	startN8n,
	type N8nInstance,
} from './n8n';

const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let sandbox: Sandbox;
let n8n: N8nInstance;
let rest: N8nRest;
let userFolder: string;
let credential: { id: string; name: string };
const workflowIds: Record<string, string> = {};
const timings: Record<string, number> = {};

beforeAll(async () => {
	const installStart = Date.now();
	await ensureN8n((line) => console.log(line));
	timings.installSeconds = (Date.now() - installStart) / 1000;

	userFolder = mkdtempSync(join(tmpdir(), 'glomo-e2e-'));
	installPackageInto(userFolder);
	sandbox = await startSandbox();
	n8n = await startN8n({ userFolder, port: await freePort() });
	timings.n8nStartSeconds = n8n.startMs / 1000;

	rest = new N8nRest(n8n.url);
	await rest.ownerSession();
	credential = await rest.createCredential('Glomo sandbox', 'glomoApi', {
		secretKey: sandbox.secretKey,
		environment: 'sandbox',
		baseUrl: sandbox.url,
		webhookSecret: '',
	});
	for (const file of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) {
		const created = await rest.createWorkflow(exampleWorkflow(file, credential));
		workflowIds[file] = created.id;
	}
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	console.log(`e2e timings: ${JSON.stringify(timings)}`);
});

beforeEach(() => sandbox.clearRequests());

test('n8n lists the Glomo node (and its AI tool variant) and the Glomo API credential', async () => {
	const output = join(userFolder, 'nodes.json');
	const exported = await runN8nCli(userFolder, n8n.port, ['export:nodes', `--output=${output}`]);
	expect(exported.code).toBe(0);
	const nodes = JSON.parse(readFileSync(output, 'utf8')) as Array<{ name: string; credentials?: Array<{ name: string }> }>;
	const glomo = nodes.find((node) => node.name === 'n8n-nodes-glomo.glomo');
	expect(glomo?.credentials).toEqual([{ name: 'glomoApi', required: true }]);
	expect(nodes.some((node) => node.name === 'n8n-nodes-glomo.glomoTool')).toBe(true);

	const credentialTypes = await rest.raw('/types/credentials.json');
	expect((credentialTypes as Array<{ name: string }>).some((type) => type.name === 'glomoApi')).toBe(true);
});

test('example "Balances report" runs in n8n: one readable line per currency', async () => {
	const started = Date.now();
	const result = await executeWithCli(userFolder, n8n.port, workflowIds['balances-report.json']);
	timings.balancesReportSeconds = (Date.now() - started) / 1000;
	expect(result.code).toBe(0);
	expect(result.run?.data.resultData.error).toBeUndefined();
	const lines = nodeOutput(result.run, 'Summary per Currency');
	expect(lines.map((line) => line.currency)).toEqual(['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD']);
	expect(lines[0].summary).toBe('USD: $1,000,000.00 available, $2,500.00 pending');
	expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/balances']);
	expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
});

test('example "Customer onboarding" runs in n8n: two customers created, each found by email', async () => {
	const result = await executeWithCli(userFolder, n8n.port, workflowIds['customer-onboarding.json']);
	expect(result.code).toBe(0);
	expect(result.run?.data.resultData.error).toBeUndefined();
	const created = nodeOutput(result.run, 'Create Customer');
	const found = nodeOutput(result.run, 'Find Customer by Email');
	expect(created.map((c) => c.name)).toEqual(['Asha Rao', 'Rahul Mehta']);
	expect(created.every((c) => String(c.id).startsWith('cust_'))).toBe(true);
	expect(found.map((c) => c.id)).toEqual(created.map((c) => c.id));
	expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /api/v1/customer',
		'POST /api/v1/customer',
		'GET /api/v1/customer',
		'GET /api/v1/customer',
	]);
	expect(sandbox.requests[0].body).toMatchObject({ name: 'Asha Rao', country: 'IND', customer_type: 'individual' });
	expect(sandbox.requests[2].query.email_address).toBe(created[0].email);
});

test('the credential test passes with the sandbox key and fails clearly with a bad one', async () => {
	const data = { secretKey: sandbox.secretKey, environment: 'sandbox', baseUrl: sandbox.url, webhookSecret: '' };
	const good = await rest.request<{ status: string; message?: string }>('POST', '/credentials/test', {
		credentials: { id: credential.id, name: 'Glomo sandbox', type: 'glomoApi', data },
	});
	expect(good.status).toBe('OK');
	const bad = await rest.request<{ status: string; message?: string }>('POST', '/credentials/test', {
		credentials: { name: 'Glomo bad key', type: 'glomoApi', data: { ...data, secretKey: 'not-a-real-key' } },
	});
	expect(bad.status).toBe('Error');
	expect(bad.message).toMatch(/Authorization failed|Auth token expired or invalid|401/);
	// the good key answered 200; the bad one 401 (n8n tries a 401 twice before it gives up)
	const seen = sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
	expect(seen[0]).toBe('GET /api/v1/balances 200');
	expect(seen.length).toBeGreaterThan(1);
	expect(new Set(seen.slice(1))).toEqual(new Set(['GET /api/v1/balances 401']));
});

describe('the editor', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--disable-quic',
				'--no-first-run',
			],
		});
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.url}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(OWNER.email);
		await page.locator('input[name="password"], input[type="password"]').first().fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 60_000 });
	});

	afterAll(async () => await browser?.close());

	test('a Glomo node shows its Resource and Operation dropdowns', async () => {
		await page.goto(`${n8n.url}/workflow/${workflowIds['balances-report.json']}`);
		const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Get Balances' }).first();
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 30_000 });
		await expect(panel.getByText('Resource', { exact: true }).first().isVisible()).resolves.toBe(true);
		await expect(panel.getByText('Operation', { exact: true }).first().isVisible()).resolves.toBe(true);
		const resource = panel.locator('[data-test-id="parameter-input-resource"] input');
		await expect(resource.inputValue()).resolves.toBe('Balance');
		const operation = panel.locator('[data-test-id="parameter-input-operation"] input');
		await expect(operation.inputValue()).resolves.toBe('Get Many');
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-node-parameters.png') });
		expect(existsSync(join(SCREENSHOTS, 'glomo-node-parameters.png'))).toBe(true);
	});

	test('the Glomo API credential dialog shows its fields', async () => {
		await page.goto(`${n8n.url}/home/credentials/${credential.id}`);
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor({ timeout: 30_000 });
		for (const label of ['Secret Key', 'Environment', 'Base URL', 'Webhook Signing Secret']) {
			await dialog.getByText(label).first().waitFor({ timeout: 15_000 });
		}
		await dialog.getByText('Connection tested successfully').first().waitFor({ timeout: 30_000 });
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-credential-dialog.png') });
		expect(existsSync(join(SCREENSHOTS, 'glomo-credential-dialog.png'))).toBe(true);
	});
});
