/**
 * Drives a real n8n 2.8.4 for the demo (`npm start`) and the end-to-end suite: installs it into
 * .n8n-runtime/ (its own package.json and lockfile, never the package's devDependencies), puts the
 * built package where n8n loads community packages from, starts n8n on loopback, sets up the owner,
 * and talks to its REST API and CLI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { envWithoutNpmConfig } from '../harness/npm';

export const ROOT = resolve(__dirname, '..', '..');
export const RUNTIME_DIR = join(ROOT, '.n8n-runtime');
export const N8N_VERSION = (JSON.parse(readFileSync(join(RUNTIME_DIR, 'package.json'), 'utf8')) as { dependencies: { n8n: string } })
	.dependencies.n8n;
const N8N_MAIN = join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

export const OWNER = { email: 'owner@glomo-demo.local', password: 'GlomoDemo123', firstName: 'Glomo', lastName: 'Demo' };

type Log = (line: string) => void;

/** Written after an install that finished, scripts included (sqlite3 compiles its binding then). */
const INSTALLED_MARKER = join(RUNTIME_DIR, 'node_modules', '.glomo-n8n-installed');

export function installedN8nVersion(): string | undefined {
	if (!existsSync(INSTALLED_MARKER)) return undefined;
	return readFileSync(INSTALLED_MARKER, 'utf8').trim();
}

/** Installs n8n into .n8n-runtime with `npm install` from its lockfile once (≈4.5 min, 2.3 GB); later runs reuse it. */
export async function ensureN8n(log: Log): Promise<void> {
	if (installedN8nVersion() === N8N_VERSION) return;
	log(`Installing n8n ${N8N_VERSION} into .n8n-runtime/ (first run only: about 4 to 5 minutes, 2.3 GB)…`);
	// a folder left by an install that did not finish is started over: npm would not rerun the
	// install scripts of packages it finds in place
	rmSync(join(RUNTIME_DIR, 'node_modules'), { recursive: true, force: true });
	const logFile = join(RUNTIME_DIR, 'install.log');
	const started = Date.now();
	// Run from `npm run`, this process inherits the package's npm settings (ignore-scripts=true),
	// which would stop sqlite3 from building: n8n's install gets its own.
	const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false'], {
		cwd: RUNTIME_DIR,
		env: envWithoutNpmConfig(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const out = createWriteStream(logFile);
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	const ticker = setInterval(() => log(`  … still installing n8n (${Math.round((Date.now() - started) / 1000)} s)`), 20_000);
	const code = await new Promise<number>((done) => child.on('close', (status) => done(status ?? 1)));
	clearInterval(ticker);
	const binding = join(RUNTIME_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (code === 0 && existsSync(binding)) writeFileSync(INSTALLED_MARKER, `${N8N_VERSION}\n`);
	if (code !== 0 || installedN8nVersion() !== N8N_VERSION) {
		const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n') : '';
		throw new Error(
			`Installing n8n failed (npm install exited ${code}). Last lines of ${logFile}:\n${tail}\n` +
				'Fix: check free disk space (2.3 GB), access to the npm registry and a C/C++ toolchain (python3, make, g++: sqlite3 compiles), then run the command again.',
		);
	}
	log(`n8n ${N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/**
 * Puts the built package into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-glomo exactly as
 * `npm install n8n-nodes-glomo` would (the packed files, no dev dependencies), so node types are
 * `n8n-nodes-glomo.glomo` as for users. Packs it first unless given a `tarball` (several processes share one).
 */
export function installPackageInto(userFolder: string, tarball?: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', 'n8n-nodes-glomo');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const packed = tarball ?? packPackage(nodesDir);
	const untar = spawnSync('tar', ['-xzf', packed, '-C', target, '--strip-components=1']);
	if (!tarball) rmSync(packed, { force: true });
	if (untar.status !== 0) throw new Error(`unpacking ${packed} failed: ${String(untar.stderr)}`);
	const manifest = join(nodesDir, 'package.json');
	writeFileSync(manifest, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-glomo': '*' } }, null, 2)}\n`);
}

/** `npm pack` of the built package into `destination`; returns the tarball's path. */
export function packPackage(destination: string): string {
	mkdirSync(destination, { recursive: true });
	const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: ROOT, encoding: 'utf8' });
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
	return join(destination, filename);
}

export async function freePort(): Promise<number> {
	return await new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

/** Sends `signal` to a process's whole group (n8n and its task runner, a server and its helpers); quiet when it is gone. */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	try {
		process.kill(-(pid as number), signal);
	} catch {
		// already gone
	}
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * Stops a process started with `detached: true`, with its whole group: `signal` first, SIGKILL if
 * it is still there after `graceMs`; resolves once it has exited.
 */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
	if (!running(child)) return;
	const gone = new Promise<void>((done) => child.once('exit', () => done()));
	signalGroup(child.pid, signal);
	const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
	await gone;
	clearTimeout(timer);
}

/** A test run or demo that dies leaves the process's group behind no longer (then runs `cleanup`). */
export function killGroupAtExit(child: ChildProcess, cleanup: () => void = () => {}): void {
	const kill = () => {
		if (!running(child)) return;
		signalGroup(child.pid, 'SIGKILL');
		cleanup();
	};
	process.once('exit', kill);
	child.once('exit', () => process.removeListener('exit', kill));
}

export interface N8nOptions {
	userFolder: string;
	port: number;
	log?: Log;
	/** shown in the editor's URLs; default http://127.0.0.1:<port>/ */
	env?: Record<string, string>;
	/** options for Node itself, e.g. --cpu-prof to profile n8n */
	nodeArgs?: string[];
	/** the n8n command and its options (default `start`; queue mode adds `webhook` and `worker`) */
	command?: string[];
	/** when the process is ready (default: the editor, its REST API and health answer on `port`) */
	isReady?: () => Promise<boolean>;
}

/** The environment of every n8n process of a user folder: loopback only, no telemetry. */
export function n8nEnv(userFolder: string, port: number, brokerPort: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_ENCRYPTION_KEY: 'glomo-local-demo-encryption-key',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '1',
		N8N_LOG_LEVEL: 'warn',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_AI_ENABLED: 'false',
		...extra,
	};
}

export interface N8nInstance {
	url: string;
	port: number;
	userFolder: string;
	process: ChildProcess;
	/** milliseconds from spawn until the editor and REST API answered */
	startMs: number;
	stop(): Promise<void>;
}

/** Starts `n8n start` and waits until it is really ready: health, REST settings and the editor page. */
export async function startN8n({ userFolder, port, log = () => {}, env = {}, nodeArgs = [], command = ['start'], isReady }: N8nOptions): Promise<N8nInstance> {
	mkdirSync(userFolder, { recursive: true });
	const brokerPort = await freePort();
	const started = Date.now();
	const logPath = join(userFolder, 'n8n.log');
	const out = createWriteStream(logPath, { flags: 'a' });
	const child = spawn(process.execPath, [...nodeArgs, N8N_MAIN, ...command], {
		cwd: userFolder,
		env: n8nEnv(userFolder, port, brokerPort, env),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));
	// nor its task runner: the whole group
	killGroupAtExit(child);
	const url = `http://127.0.0.1:${port}`;

	const stop = async () => await stopGroup(child, 'SIGTERM', 20_000);

	const deadline = Date.now() + 180_000;
	for (;;) {
		if (exited !== undefined) {
			const tail = readFileSync(logPath, 'utf8').trim().split('\n').slice(-20).join('\n');
			throw new Error(`n8n ${command[0]} exited with code ${exited} while starting. Last lines of ${logPath}:\n${tail}`);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n ${command[0]} did not become ready within 180 s; see ${logPath}`);
		}
		if (await (isReady ?? (() => ready(url)))()) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	log(`n8n ${command[0]} ready on ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return { url, port, userFolder, process: child, startMs: Date.now() - started, stop };
}

async function ready(url: string): Promise<boolean> {
	try {
		const health = await fetch(`${url}/healthz/readiness`);
		if (health.status !== 200) return false;
		const settings = await fetch(`${url}/rest/settings`);
		if (settings.status !== 200) return false;
		const editor = await fetch(`${url}/`);
		return editor.status === 200 && (await editor.text()).includes('<html');
	} catch {
		return false;
	}
}

/** A small client of n8n's internal REST API with the owner's session cookie. */
export class N8nRest {
	private cookie = '';

	constructor(readonly url: string) {}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'glomo-e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		const parsed = text ? (JSON.parse(text) as { data?: T; message?: string }) : {};
		if (!response.ok) throw new Error(`n8n ${method} /rest${path} answered ${response.status}: ${parsed.message ?? text}`);
		return (parsed.data ?? parsed) as T;
	}

	/** A GET outside /rest (e.g. /types/credentials.json) with the session cookie. */
	async raw(path: string): Promise<unknown> {
		const response = await fetch(`${this.url}${path}`, { headers: { cookie: this.cookie, 'browser-id': 'glomo-e2e' } });
		if (!response.ok) throw new Error(`n8n GET ${path} answered ${response.status}`);
		return await response.json();
	}

	/** Creates the owner on a new instance, or logs in when it exists. */
	async ownerSession(): Promise<void> {
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/owner/setup', OWNER);
		} else {
			await this.request('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		}
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/credentials', { name, type, data });
	}

	async createWorkflow(workflow: Record<string, unknown>): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/workflows', workflow);
	}

	/**
	 * Runs a saved workflow as the editor's *Execute workflow* button does (a manual run, so pinned
	 * data stands in for nodes that would need other accounts), from its trigger, and waits for the
	 * execution to finish.
	 */
	async runManually(workflowId: string, trigger: string, timeoutMs = 120_000): Promise<ExecutedRun> {
		return await this.waitForExecution(await this.startManually(workflowId, trigger), timeoutMs);
	}

	/** Starts a manual run as the editor does and returns its execution id without waiting. */
	async startManually(workflowId: string, trigger: string): Promise<string> {
		const workflowData = await this.request<Record<string, unknown>>('GET', `/workflows/${workflowId}`);
		const started = await this.request<{ executionId?: string }>('POST', `/workflows/${workflowId}/run`, {
			workflowData,
			triggerToStartFrom: { name: trigger },
		});
		if (!started.executionId) throw new Error(`n8n did not start the workflow: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	/** An execution as n8n stored it (its run data parsed), or undefined while it runs. */
	async execution(executionId: string): Promise<(ExecutedRun & { startedAt?: string; stoppedAt?: string }) | undefined> {
		const execution = await this.request<{ status?: string; data?: string; startedAt?: string; stoppedAt?: string }>('GET', `/executions/${executionId}`);
		if (!execution.status || ['new', 'running', 'waiting'].includes(execution.status) || !execution.data) return undefined;
		// n8n stores execution data in the flatted format (it keeps shared references)
		const { parse } = createRequire(__filename)(join(RUNTIME_DIR, 'node_modules', 'flatted')) as { parse: (text: string) => ExecutedRun['data'] };
		return { status: execution.status, data: parse(execution.data), startedAt: execution.startedAt, stoppedAt: execution.stoppedAt };
	}

	async waitForExecution(executionId: string, timeoutMs = 120_000): Promise<ExecutedRun> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const done = await this.execution(executionId);
			if (done) return done;
			if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish in ${timeoutMs / 1000} s`);
			await new Promise((wait) => setTimeout(wait, 250));
		}
	}
}

/** A workflow from examples/ with its credential placeholder pointed at a real credential. */
export function exampleWorkflow(file: string, credential: { id: string; name: string }): Record<string, unknown> {
	const text = readFileSync(join(ROOT, 'examples', file), 'utf8')
		.replace(/"GLOMO_CREDENTIAL_ID"/g, JSON.stringify(credential.id))
		.replace(/"Glomo sandbox"/g, JSON.stringify(credential.name));
	return JSON.parse(text) as Record<string, unknown>;
}

export const TRIGGER_EXAMPLE = 'payment-received-notification.json';
export const PAY_RUN_EXAMPLE = 'scheduled-payouts.json';
export const LINK_EXAMPLE = 'payment-link-for-new-order.json';
export const REFUND_EXAMPLE = 'refund-requests.json';
export const BILLING_EXAMPLE = 'subscription-billing.json';
/** Examples that wait for requests (webhooks, forms): imported active. */
const ACTIVE_EXAMPLES = [TRIGGER_EXAMPLE, LINK_EXAMPLE, BILLING_EXAMPLE];

/** The rows the pay run example reads (pinned on its Google Sheets node). */
export function payRunRows(): Array<Record<string, string>> {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', PAY_RUN_EXAMPLE), 'utf8')) as {
		pinData: Record<string, Array<{ json: Record<string, string> }>>;
	};
	return workflow.pinData['Read Rows to Pay'].map((item) => item.json);
}

/**
 * The payees of the pay run example, as active beneficiaries in the sandbox (through its admin
 * route, so a sandbox in another process works too): one per row email, named after it.
 */
export async function seedPayRunBeneficiaries(sandboxUrl: string): Promise<void> {
	for (const [index, row] of payRunRows().entries()) {
		const email = row.beneficiary;
		if (!email.includes('@')) continue;
		const name = email.split('@')[1].split('.')[0].split('-').map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
		const response = await fetch(`${sandboxUrl}/__sandbox/records/beneficiary`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				name,
				email,
				type: 'business',
				category: 'payout',
				status: 'active',
				nickname: `${name} - Demo Bank`,
				address: { address_line1: `${index + 1} Example Street`, city: 'Example City', state: 'Example State', country_code: 'GBR', postal_code: 'EX1 1AA' },
				bank_account: { account_number: `40000000${index + 1}`, name: 'Demo Bank', swift_code: 'DEMOGB2L', currency: row.currency },
				upi_account: null,
				documents: [],
				notes: {},
			}),
		});
		if (!response.ok) throw new Error(`the sandbox refused the sample beneficiary ${email}: HTTP ${response.status}`);
	}
}

/**
 * The payments the refund example refunds, as successful payments in the sandbox (through its admin
 * route): two card payments, and one paid by Pay via Bank, which Glomo does not refund.
 */
export const REFUNDABLE_PAYMENTS = [
	{ id: 'payt_demorefund0001', payment_amount: 12000, payment_currency: 'USD', method: 'card', sender_name: 'Asha Rao' },
	{ id: 'payt_demorefund0002', payment_amount: 5000, payment_currency: 'EUR', method: 'card', sender_name: 'Jonas Weber' },
	{ id: 'payt_demorefund0003', payment_amount: 8000, payment_currency: 'GBP', method: 'pay_via_bank', sender_name: 'Kiwi Freight Ltd' },
];

export async function seedRefundablePayments(sandboxUrl: string): Promise<void> {
	const paidAt = new Date(Date.now() - 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	for (const payment of REFUNDABLE_PAYMENTS) {
		const response = await fetch(`${sandboxUrl}/__sandbox/records/payment`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				id: payment.id,
				payin_id: null,
				payin_type: 'payment_link',
				customer_id: null,
				status: 'success',
				compliance_status: null,
				payment_amount: payment.payment_amount,
				payment_currency: payment.payment_currency,
				requested_amount: payment.payment_amount,
				requested_currency: payment.payment_currency,
				sender_name: payment.sender_name,
				funds_available: true,
				payment_method: { type: payment.method, details: {} },
				paid_at: paidAt,
				created_at: paidAt,
			}),
		});
		if (!response.ok) throw new Error(`the sandbox refused the sample payment ${payment.id}: HTTP ${response.status}`);
	}
}

/**
 * What both `npm start` and the e2e suite need in a running n8n: a Glomo credential on the sandbox
 * (replacing one of the same name, since the sandbox mints a new key on every start), every example
 * workflow (replacing older copies), the examples that wait for webhooks activated, and the sandbox's webhooks
 * pointed at its production URL.
 */
export async function provisionExamples(
	rest: N8nRest,
	sandbox: { url: string; secretKey: string; setWebhookTargets(urls: string[], secret: string): void },
	n8nUrl: string,
	{ credentialName, webhookSecret }: { credentialName: string; webhookSecret: string },
): Promise<{ credential: { id: string; name: string }; workflowIds: Record<string, string>; triggerUrl: string; billingUrl: string }> {
	const credentials = await rest.request<Array<{ id: string; name: string; type: string }>>('GET', '/credentials');
	for (const old of credentials.filter((c) => c.type === 'glomoApi' && c.name === credentialName)) {
		await rest.request('DELETE', `/credentials/${old.id}`);
	}
	const credential = await rest.createCredential(credentialName, 'glomoApi', {
		secretKey: sandbox.secretKey,
		environment: 'sandbox',
		baseUrl: sandbox.url,
		webhookSecret,
	});
	const existing = await rest.request<Array<{ id: string; name: string }>>('GET', '/workflows');
	const workflowIds: Record<string, string> = {};
	for (const file of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort()) {
		const workflow = exampleWorkflow(file, credential);
		const old = existing.find((w) => w.name === workflow.name);
		if (old) {
			await rest.request('POST', `/workflows/${old.id}/archive`).catch(() => undefined);
			await rest.request('DELETE', `/workflows/${old.id}`).catch(() => undefined);
		}
		workflowIds[file] = (await rest.createWorkflow(workflow)).id;
	}
	await seedPayRunBeneficiaries(sandbox.url);
	await seedRefundablePayments(sandbox.url);
	for (const file of ACTIVE_EXAMPLES) {
		const { versionId } = await rest.request<{ versionId: string }>('GET', `/workflows/${workflowIds[file]}`);
		await rest.request('POST', `/workflows/${workflowIds[file]}/activate`, { versionId });
	}
	const triggerUrl = `${n8nUrl}/webhook/glomo-payment-received/webhook`;
	// Glomo sends every event to every endpoint of the account: here, both examples' triggers
	const billingUrl = `${n8nUrl}/webhook/glomo-subscription-billing/webhook`;
	sandbox.setWebhookTargets([triggerUrl, billingUrl], webhookSecret);
	return { credential, workflowIds, triggerUrl, billingUrl };
}

/** Runs an n8n CLI command in its own process (own task-runner broker port), as a user would. */
export async function runN8nCli(userFolder: string, port: number, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	const brokerPort = await freePort();
	// asynchronous on purpose: the sandbox the command calls may live in this very process
	const child = spawn(process.execPath, [N8N_MAIN, ...args], {
		cwd: userFolder,
		// commands print their results through the logger at level info
		env: n8nEnv(userFolder, port, brokerPort, { N8N_LOG_LEVEL: 'info' }),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
	const code = await new Promise<number>((done) => child.on('close', (status) => done(status ?? 1)));
	clearTimeout(timer);
	return { code, stdout, stderr };
}

/** `n8n execute --id <id> --rawOutput`: the run's data, parsed from the JSON the command prints. */
export async function executeWithCli(userFolder: string, port: number, workflowId: string) {
	const result = await runN8nCli(userFolder, port, ['execute', `--id=${workflowId}`, '--rawOutput']);
	const start = result.stdout.search(/^\{/m);
	const run = start >= 0 ? (JSON.parse(firstJsonObject(result.stdout.slice(start))) as ExecutedRun) : undefined;
	return { ...result, run };
}

/** The first complete JSON object of a text (a failed run prints more after it). */
function firstJsonObject(text: string): string {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' || char === '[') depth++;
		else if ((char === '}' || char === ']') && --depth === 0) return text.slice(0, index + 1);
	}
	return text;
}

export interface ExecutedRun {
	status?: string;
	data: {
		resultData: {
			error?: { message: string };
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;
		};
	};
}

/** The json of every item a node output in an executed run. */
export function nodeOutput(run: ExecutedRun | undefined, nodeName: string): Array<Record<string, unknown>> {
	const runs = run?.data.resultData.runData[nodeName] ?? [];
	return (runs[runs.length - 1]?.data?.main[0] ?? []).map((item) => item.json);
}

export interface StoredExecution {
	id: string;
	status: string;
	startedAt: number;
	stoppedAt: number;
}

/**
 * Every execution of a workflow, oldest first, through n8n's REST API. n8n lists them newest start
 * first, 100 at most a page; its `lastId` cursor pages by id, which skips and repeats executions
 * once workers start them out of id order (queue mode), so this pages by start time instead
 * (`startedBefore` is inclusive: the boundary repeats and is dropped by id).
 */
export async function listExecutions(rest: N8nRest, workflowId: string): Promise<StoredExecution[]> {
	const byId = new Map<string, StoredExecution>();
	let startedBefore: string | undefined;
	for (;;) {
		const query = new URLSearchParams({ filter: JSON.stringify({ workflowId, ...(startedBefore ? { startedBefore } : {}) }), limit: '100' });
		const page = await rest.request<{ results: Array<{ id: string; status: string; startedAt: string; stoppedAt?: string }> }>('GET', `/executions?${query}`);
		let added = 0;
		for (const e of page.results) {
			if (byId.has(e.id)) continue;
			added++;
			byId.set(e.id, { id: e.id, status: e.status, startedAt: Date.parse(e.startedAt), stoppedAt: e.stoppedAt ? Date.parse(e.stoppedAt) : NaN });
		}
		// executions still queued have no start yet: the next page begins at the oldest start seen
		const starts = page.results.map((e) => Date.parse(e.startedAt)).filter((start) => Number.isFinite(start));
		if (page.results.length < 100 || added === 0 || starts.length === 0) break;
		startedBefore = new Date(Math.min(...starts)).toISOString();
	}
	return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

/** Waits until a workflow has at least `count` executions and none is still running; returns them. */
export async function settledExecutions(rest: N8nRest, workflowId: string, count: number, timeoutMs: number, quietMs = 3_000): Promise<StoredExecution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await listExecutions(rest, workflowId);
		const done = list.length >= count && list.every((e) => !['new', 'running', 'waiting'].includes(e.status) && Number.isFinite(e.stoppedAt));
		if (done || Date.now() > deadline) {
			if (quietMs === 0) return list;
			// a last look after a pause: nothing late (a doubled execution) may arrive unseen
			await new Promise((wait) => setTimeout(wait, quietMs));
			return await listExecutions(rest, workflowId);
		}
		await new Promise((wait) => setTimeout(wait, 500));
	}
}
