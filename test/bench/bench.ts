/**
 * `npm run bench`: the Glomo node measured in a real n8n 2.8.4, side by side with what users would
 * use instead, on the same sandbox data:
 *   - the Glomo node (the packed package, installed as a community package, as `npm start` does);
 *   - n8n's own HTTP Request node (Header Auth credential; its pagination option for lists, one
 *     request per item for the rest);
 *   - a raw loop in this process: Node's http with a keep-alive agent, one request at a time.
 * Node rows take the node's own execution time from n8n's run data (n8n's credential handling,
 * item handling and all); raw rows are wall time. Repetitions are alternated (the order rotates)
 * and the table gives min and median and the ratios against the targets. Asserts nothing.
 *
 * Environment: BENCH_REPS (default 5), BENCH_QUICK=1 (fewer and smaller rows, to try it out).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { previewPack } from '../harness/npm';
import { ensureN8n, freePort, installPackageInto, N8nRest, ROOT, RUNTIME_DIR, startN8n, type N8nInstance } from '../e2e/n8n';

const QUICK = process.env.BENCH_QUICK === '1';
const REPS = Number(process.env.BENCH_REPS ?? (QUICK ? 2 : 5));
const CUSTOMERS = QUICK ? 2_000 : 10_000;
const ITEMS = QUICK ? 200 : 1_000;
const MEMORY_RECORDS = QUICK ? 20_000 : 100_000;
const LIMITED = 600;
const MIXED_LIMIT = 3_000;

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms: number) => (ms / 1000).toFixed(2);

// ---------------------------------------------------------------- the raw keep-alive loop

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

async function rawRequest(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return await new Promise((resolve, reject) => {
		const request = http.request(
			`${sandbox.url}${path}`,
			{
				method,
				agent,
				headers: {
					authorization: `Bearer ${sandbox.secretKey}`,
					accept: 'application/json',
					...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

async function rawListAll(sandbox: Sandbox, pagesAtOnce = 1): Promise<number> {
	const first = await rawRequest(sandbox, 'GET', '/api/v1/customer?per_page=100&page=1');
	let records = first.json.data.length;
	const pages: number = first.json.page_meta.pages;
	let next = 2;
	const worker = async () => {
		while (next <= pages) {
			const page = next++;
			records += (await rawRequest(sandbox, 'GET', `/api/v1/customer?per_page=100&page=${page}`)).json.data.length;
		}
	};
	await Promise.all(Array.from({ length: pagesAtOnce }, worker));
	return records;
}

// ---------------------------------------------------------------- workflows in real n8n

interface Credentials {
	glomo: { id: string; name: string };
	header: { id: string; name: string };
}

const customerBody = (tag: string, n: number) => ({
	name: `Bench ${tag} ${n}`,
	customer_type: 'individual',
	email: `bench.${tag}.${n}.${Date.now().toString(36)}@example.com`,
	address: '12 MG Road',
	city: 'Bengaluru',
	state: 'Karnataka',
	country: 'IND',
	pincode: '560001',
});

type Step = { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: Record<string, unknown>; onError?: string };

function glomoStep(name: string, parameters: Record<string, unknown>, credentials: Credentials, continueOnFail = false): Step {
	return {
		name,
		type: 'n8n-nodes-glomo.glomo',
		typeVersion: 1,
		parameters,
		credentials: { glomoApi: credentials.glomo },
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

function httpStep(name: string, sandbox: Sandbox, parameters: Record<string, unknown>, credentials: Credentials, continueOnFail = false): Step {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {},
			...parameters,
			url: `${sandbox.url}${String(parameters.url)}`,
		},
		credentials: { httpHeaderAuth: credentials.header },
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

const glomo = {
	listAll: { resource: 'customer', operation: 'getAll', returnAll: true },
	create: {
		resource: 'customer',
		operation: 'create',
		name: '={{ $json.name }}',
		customerType: 'individual',
		email: '={{ $json.email }}',
		address: '12 MG Road',
		city: 'Bengaluru',
		state: 'Karnataka',
		country: 'IND',
		pincode: '560001',
	},
	fxRate: { resource: 'fx', operation: 'getRate', sourceCurrency: 'USD', destinationCurrency: 'INR' },
	get: { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
	update: {
		resource: 'customer',
		operation: 'update',
		customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		updateFields: { email: "={{ 'u.' + $json.email }}" },
	},
	balances: { resource: 'balance', operation: 'getAll', output: 'raw' },
};

const httpNode = {
	listAll: {
		method: 'GET',
		url: '/api/v1/customer',
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'per_page', value: '100' }] },
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
					paginationCompleteWhen: 'other',
					completeExpression: '={{ $response.body.page_meta.next === null }}',
					limitPagesFetched: false,
				},
			},
		},
	},
	create: {
		method: 'POST',
		url: '/api/v1/customer',
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody:
			'={{ JSON.stringify({ name: $json.name, customer_type: "individual", email: $json.email, address: "12 MG Road", city: "Bengaluru", state: "Karnataka", country: "IND", pincode: "560001" }) }}',
	},
	fxRate: {
		method: 'GET',
		url: '/api/v1/fx-rate',
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'source_currency', value: 'USD' }, { name: 'destination_currency', value: 'INR' }] },
	},
};

interface BenchWorkflow {
	id: string;
	path: string;
	/** the node whose execution time is the measure */
	measured: string[];
}

class N8nBench {
	private counter = 0;
	private readonly flatted = require(join(RUNTIME_DIR, 'node_modules', 'flatted')) as { parse(text: string): any };

	constructor(
		readonly n8n: N8nInstance,
		readonly rest: N8nRest,
	) {}

	/** Webhook (answers when the last node finished) → Split Out of body.items when given → the steps in a row. */
	async workflow(steps: Step[], { splitItems = true, saveData = true } = {}): Promise<BenchWorkflow> {
		const path = `bench-${++this.counter}-${Date.now().toString(36)}`;
		const nodes: Array<Record<string, unknown>> = [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData', options: {} },
			},
		];
		if (splitItems) {
			nodes.push({
				id: 'split',
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			});
		}
		steps.forEach((step, index) => nodes.push({ id: `step-${index}`, position: [400 + index * 200, 0], ...step }));
		const connections: Record<string, unknown> = {};
		for (let index = 0; index + 1 < nodes.length; index++) {
			connections[String(nodes[index].name)] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
		}
		const settings = saveData
			? { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveManualExecutions: false }
			: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none', saveManualExecutions: false };
		const created = await this.rest.createWorkflow({ name: `Bench ${path}`, nodes, connections, settings, active: false });
		const { versionId } = await this.rest.request<{ versionId: string }>('GET', `/workflows/${created.id}`);
		await this.rest.request('POST', `/workflows/${created.id}/activate`, { versionId });
		return { id: created.id, path, measured: steps.map((step) => step.name) };
	}

	/** Calls the workflow's webhook and waits for the run to finish; wall time in ms. */
	async call(workflow: BenchWorkflow, items?: unknown[]): Promise<number> {
		const started = performance.now();
		const response = await fetch(`${this.n8n.url}/webhook/${workflow.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items: items ?? [] }),
		});
		await response.text();
		if (response.status >= 400) throw new Error(`the bench workflow answered ${response.status}`);
		return performance.now() - started;
	}

	/** The newest run of the workflow: each measured node's time, items out and error items. */
	async lastRun(workflow: BenchWorkflow): Promise<{ ms: number; items: number; errors: number; status: string }> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
		const list = await this.rest.request<{ results: Array<{ id: string; status: string }> }>('GET', `/executions?filter=${filter}&limit=1`);
		const newest = list.results[0];
		const execution = await this.rest.request<{ data: string }>('GET', `/executions/${newest.id}`);
		const data = this.flatted.parse(execution.data);
		let ms = 0;
		let items = 0;
		let errors = 0;
		for (const name of workflow.measured) {
			const run = data.resultData.runData[name]?.[0];
			if (!run) throw new Error(`the run has no data for ${name}: ${JSON.stringify(data.resultData.error?.message ?? newest.status)}`);
			ms += run.executionTime;
			const out: Array<{ json: Record<string, unknown> }> = run.data?.main?.[0] ?? [];
			items = out.length;
			errors += out.filter((item) => item.json.error !== undefined).length;
		}
		return { ms, items, errors, status: newest.status };
	}

	async run(workflow: BenchWorkflow, items?: unknown[]) {
		const wallMs = await this.call(workflow, items);
		return { ...(await this.lastRun(workflow)), wallMs };
	}
}

// ---------------------------------------------------------------- measuring

interface Variant {
	name: string;
	/** one repetition; returns milliseconds */
	once: (rep: number) => Promise<number>;
}

async function alternate(variants: Variant[], reps: number): Promise<Record<string, number[]>> {
	const times: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
	for (let rep = 0; rep < reps; rep++) {
		for (let k = 0; k < variants.length; k++) {
			const variant = variants[(rep + k) % variants.length];
			times[variant.name].push(await variant.once(rep));
		}
	}
	return times;
}

interface Row {
	work: string;
	glomo: string;
	http: string;
	raw: string;
	ratios: string;
	target: string;
	verdict: string;
}

const rows: Row[] = [];
const fmt = (values: number[] | undefined) => (values?.length ? `${seconds(Math.min(...values))} / ${seconds(median(values))} s` : '—');

function compare(work: string, times: Record<string, number[]>, targets: { raw?: number; http?: number }, rawName = 'raw', note = '') {
	const g = Math.min(...times.glomo);
	const ratios: string[] = [];
	const verdicts: string[] = [];
	const targetText: string[] = [];
	if (times[rawName]) {
		const ratio = g / Math.min(...times[rawName]);
		ratios.push(`${ratio.toFixed(2)}× raw`);
		if (targets.raw !== undefined) {
			targetText.push(`≤ ${targets.raw.toFixed(2)}× raw`);
			verdicts.push(ratio <= targets.raw ? 'met' : `missed by ${((ratio / targets.raw - 1) * 100).toFixed(0)} %`);
		}
	}
	if (times.http) {
		const ratio = g / Math.min(...times.http);
		ratios.push(`${ratio.toFixed(2)}× HTTP`);
		if (targets.http !== undefined) {
			targetText.push(`≤ ${targets.http.toFixed(2)}× HTTP`);
			verdicts.push(ratio <= targets.http ? 'met' : `missed by ${((ratio / targets.http - 1) * 100).toFixed(0)} %`);
		}
	}
	rows.push({
		work,
		glomo: fmt(times.glomo),
		http: fmt(times.http),
		raw: fmt(times[rawName]) + note,
		ratios: ratios.join(', '),
		target: targetText.join(', ') || '—',
		verdict: verdicts.join(', ') || '—',
	});
}

function rssOf(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /VmRSS:\s+(\d+) kB/.exec(status);
	return match ? Number(match[1]) * 1024 : 0;
}

async function peakRss(pid: number, work: () => Promise<unknown>): Promise<{ before: number; peak: number }> {
	const before = rssOf(pid);
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 10);
	try {
		await work();
	} finally {
		clearInterval(timer);
	}
	return { before, peak: Math.max(peak, rssOf(pid)) };
}

// ---------------------------------------------------------------- main

async function main() {
	const started = Date.now();
	log(`Benchmark: ${QUICK ? 'quick, ' : ''}${REPS} repetitions per row`);
	const sandbox = await startSandbox({ seed: 42 });
	for (let n = 0; n < CUSTOMERS; n++) sandbox.insert('customer', customerBody('seed', n));

	await ensureN8n(log);
	const userFolder = mkdtempSync(join(tmpdir(), 'glomo-bench-'));
	installPackageInto(userFolder);
	let n8n = await startN8n({ userFolder, port: await freePort(), log });
	try {
		let rest = new N8nRest(n8n.url);
		await rest.ownerSession();
		const credentials: Credentials = {
			glomo: await rest.createCredential('Glomo bench', 'glomoApi', {
				secretKey: sandbox.secretKey,
				environment: 'sandbox',
				baseUrl: sandbox.url,
				webhookSecret: '',
			}),
			header: await rest.createCredential('Glomo bench (header)', 'httpHeaderAuth', { name: 'Authorization', value: `Bearer ${sandbox.secretKey}` }),
		};
		let bench = new N8nBench(n8n, rest);
		const nodeTime = (workflow: BenchWorkflow, items: () => unknown[] = () => [], expect?: number) => async () => {
			const result = await bench.run(workflow, items());
			if (result.status !== 'success') throw new Error(`a bench run ended ${result.status}`);
			if (expect !== undefined && result.items !== expect) throw new Error(`expected ${expect} items, got ${result.items}`);
			return result.ms;
		};
		const wall = (work: () => Promise<unknown>) => async () => {
			const t = performance.now();
			await work();
			return performance.now() - t;
		};

		// -------- Return All at 0 and 50 ms
		const listGlomo = await bench.workflow([glomoStep('Glomo', glomo.listAll, credentials)], { splitItems: false });
		const listHttp = await bench.workflow([httpStep('HTTP Request', sandbox, httpNode.listAll, credentials)], { splitItems: false });
		for (const latency of [0, 50]) {
			sandbox.setFaults({ latencyMs: latency });
			log(`Return All ${CUSTOMERS} at ${latency} ms…`);
			const variants: Variant[] = [
				{ name: 'glomo', once: nodeTime(listGlomo, undefined, CUSTOMERS) },
				{ name: 'http', once: nodeTime(listHttp) },
				{ name: 'raw', once: wall(async () => await rawListAll(sandbox)) },
			];
			if (latency) variants.push({ name: 'raw4', once: wall(async () => await rawListAll(sandbox, 4)) });
			const times = await alternate(variants, latency ? Math.max(2, Math.ceil(REPS / 2)) : REPS);
			compare(`Return All ${CUSTOMERS.toLocaleString('en')} customers, ${latency} ms added latency`, times, latency ? { raw: 0.45, http: 0.8 } : { raw: 1.1, http: 0.8 });
			if (latency) rows[rows.length - 1].raw += `; 4 pages at a time ${fmt(times.raw4)}`;
		}
		sandbox.resetFaults();

		// -------- 1,000 creates and 1,000 reads
		log(`${ITEMS} creates and ${ITEMS} reads…`);
		const createGlomo = await bench.workflow([glomoStep('Glomo', glomo.create, credentials)]);
		const createHttp = await bench.workflow([httpStep('HTTP Request', sandbox, httpNode.create, credentials)]);
		const fxGlomo = await bench.workflow([glomoStep('Glomo', glomo.fxRate, credentials)]);
		const fxHttp = await bench.workflow([httpStep('HTTP Request', sandbox, httpNode.fxRate, credentials)]);
		const fresh = (tag: string) => () => Array.from({ length: ITEMS }, (_, n) => customerBody(tag, n));
		let tag = 0;
		const creates = await alternate(
			[
				{ name: 'glomo', once: async () => await nodeTime(createGlomo, fresh(`g${tag++}`), ITEMS)() },
				{ name: 'http', once: async () => await nodeTime(createHttp, fresh(`h${tag++}`), ITEMS)() },
				{
					name: 'raw',
					once: wall(async () => {
						for (const body of fresh(`r${tag++}`)()) await rawRequest(sandbox, 'POST', '/api/v1/customer', body);
					}),
				},
			],
			REPS,
		);
		compare(`${ITEMS.toLocaleString('en')} × Customer Create`, creates, { raw: 1.3 });
		const blank = () => Array.from({ length: ITEMS }, () => ({}));
		const reads = await alternate(
			[
				{ name: 'glomo', once: nodeTime(fxGlomo, blank, ITEMS) },
				{ name: 'http', once: nodeTime(fxHttp, blank, ITEMS) },
				{
					name: 'raw',
					once: wall(async () => {
						for (let n = 0; n < ITEMS; n++) await rawRequest(sandbox, 'GET', '/api/v1/fx-rate?source_currency=USD&destination_currency=INR');
					}),
				},
			],
			REPS,
		);
		compare(`${ITEMS.toLocaleString('en')} × FX rate (reads)`, reads, { raw: 1.3, http: 0.8 });

		// -------- under a rate limit
		const limited = async (label: string, glomoWorkflow: BenchWorkflow, httpWorkflow: BenchWorkflow, items: () => unknown[], limit: number) => {
			const outcome: Record<string, string> = {};
			let glomoMs = 0;
			for (const [name, workflow] of [
				['glomo', glomoWorkflow],
				['http', httpWorkflow],
			] as const) {
				sandbox.resetFaults();
				sandbox.setFaults({ rpmLimit: limit });
				sandbox.clearRequests();
				log(`${label}: ${name}…`);
				const result = await bench.run(workflow, items());
				const refused = sandbox.requests.filter((r) => r.status === 429).length;
				outcome[name] = `${result.items - result.errors} ok / ${result.errors} failed in ${seconds(result.ms)} s (${refused} × 429)`;
				if (name === 'glomo') glomoMs = result.ms;
			}
			sandbox.resetFaults();
			return { outcome, glomoMs };
		};
		const limitVerdict = (n: number, limit: number, ms: number, failures: number, perItemMs: number) => {
			// the fastest a rolling-minute limit allows: `limit` at once, the rest as the window frees
			const ideal = 60_000 * (Math.ceil(n / limit) - 1) + perItemMs * (n - limit * (Math.ceil(n / limit) - 1));
			const share = ideal / ms;
			return { text: `${(share * 100).toFixed(0)} % of the allowed rate`, met: failures === 0 && share >= 0.9 };
		};
		const fxGlomoCof = await bench.workflow([glomoStep('Glomo', glomo.fxRate, credentials, true)]);
		const fxHttpCof = await bench.workflow([httpStep('HTTP Request', sandbox, httpNode.fxRate, credentials, true)]);
		const createGlomoCof = await bench.workflow([glomoStep('Glomo', glomo.create, credentials, true)]);
		const createHttpCof = await bench.workflow([httpStep('HTTP Request', sandbox, httpNode.create, credentials, true)]);
		for (const [label, gw, hw, items, perItem] of [
			[`${ITEMS.toLocaleString('en')} GETs (FX rate), sandbox limit ${LIMITED}/min, default settings`, fxGlomoCof, fxHttpCof, blank, Math.min(...reads.glomo) / ITEMS],
			[`${ITEMS.toLocaleString('en')} × Customer Create, same limit`, createGlomoCof, createHttpCof, fresh(`l${tag++}`), Math.min(...creates.glomo) / ITEMS],
		] as const) {
			const { outcome, glomoMs } = await limited(label, gw, hw, items, LIMITED);
			const failures = Number(/ (\d+) failed/.exec(outcome.glomo)?.[1] ?? 1);
			const verdict = limitVerdict(ITEMS, LIMITED, glomoMs, failures, perItem);
			rows.push({ work: label, glomo: outcome.glomo, http: outcome.http, raw: '—', ratios: verdict.text, target: '0 failures, ≥ 90 % of the allowed rate', verdict: verdict.met ? 'met' : 'missed' });
		}

		// -------- 5,000 mixed operations under Glomo's own limit
		const mixedSteps = [
			glomoStep('Create', glomo.create, credentials, true),
			glomoStep('Get', glomo.get, credentials, true),
			glomoStep('Update', glomo.update, credentials, true),
			glomoStep('FX rate', glomo.fxRate, credentials, true),
			glomoStep('Balances', glomo.balances, credentials, true),
		];
		const mixed = await bench.workflow(mixedSteps);
		sandbox.resetFaults();
		log(`${ITEMS * 5} mixed operations without a limit…`);
		const free = await bench.run(mixed, fresh(`m${tag++}`)());
		sandbox.setFaults({ rpmLimit: QUICK ? LIMITED : MIXED_LIMIT });
		sandbox.clearRequests();
		log(`${ITEMS * 5} mixed operations under the limit…`);
		const underLimit = await bench.run(mixed, fresh(`m${tag++}`)());
		const refused = sandbox.requests.filter((r) => r.status === 429).length;
		sandbox.resetFaults();
		const mixedLimit = QUICK ? LIMITED : MIXED_LIMIT;
		const mixedVerdict = limitVerdict(ITEMS * 5, mixedLimit, underLimit.wallMs, underLimit.errors, free.wallMs / (ITEMS * 5));
		rows.push({
			work: `${(ITEMS * 5).toLocaleString('en')} mixed operations (create, get, update, FX rate, balances), sandbox limit ${mixedLimit}/min`,
			glomo: `${ITEMS * 5 - underLimit.errors} ok / ${underLimit.errors} failed in ${seconds(underLimit.wallMs)} s (${refused} × 429; ${seconds(free.wallMs)} s without a limit)`,
			http: '—',
			raw: '—',
			ratios: mixedVerdict.text,
			target: '0 failures, ≥ 90 % of the allowed rate',
			verdict: mixedVerdict.met ? 'met' : 'missed',
		});

		// -------- memory: Return All of 100,000 records
		log(`Memory: Return All of ${MEMORY_RECORDS} records…`);
		const have = (await rawRequest(sandbox, 'GET', '/api/v1/customer?per_page=1')).json.page_meta.count as number;
		for (let n = have; n < MEMORY_RECORDS; n++) sandbox.insert('customer', customerBody('mem', n));
		let jsonBytes = 0;
		let total = 0;
		for (let page = 1; ; page++) {
			const { json } = await rawRequest(sandbox, 'GET', `/api/v1/customer?per_page=100&page=${page}`);
			jsonBytes += Buffer.byteLength(JSON.stringify(json.data));
			total += json.data.length;
			if (json.page_meta.next === null) break;
		}
		const memGlomo = await bench.workflow([glomoStep('Glomo', glomo.listAll, credentials)], { splitItems: false, saveData: false });
		const memHttp = await bench.workflow([httpStep('HTTP Request', sandbox, httpNode.listAll, credentials)], { splitItems: false, saveData: false });
		const memory: Record<string, number> = {};
		for (const [name, workflow] of [
			['glomo', memGlomo],
			['http', memHttp],
		] as const) {
			// each in a freshly started n8n, so earlier rows' heap does not hide (or add to) the growth
			await n8n.stop();
			n8n = await startN8n({ userFolder, port: await freePort(), log });
			rest = new N8nRest(n8n.url);
			await rest.ownerSession();
			bench = new N8nBench(n8n, rest);
			await new Promise((resolve) => setTimeout(resolve, 5000));
			const { before, peak } = await peakRss(n8n.process.pid as number, async () => await bench.call(workflow));
			memory[name] = peak - before;
		}
		const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
		const share = memory.glomo / jsonBytes;
		rows.push({
			work: `Memory: Return All of ${total.toLocaleString('en')} records (${mb(jsonBytes)} of JSON), growth of n8n's RSS`,
			glomo: mb(memory.glomo),
			http: mb(memory.http),
			raw: '—',
			ratios: `${share.toFixed(2)}× the JSON`,
			target: '≤ 3× the JSON',
			verdict: share <= 3 ? 'met' : `missed by ${((share / 3 - 1) * 100).toFixed(0)} %`,
		});

		// -------- the package itself
		const loads: number[] = [];
		for (let n = 0; n < 5; n++) {
			const script = `const w=require('n8n-workflow');const t=process.hrtime.bigint();const {Glomo}=require('./dist/nodes/Glomo/Glomo.node.js');const {GlomoTrigger}=require('./dist/nodes/GlomoTrigger/GlomoTrigger.node.js');const {GlomoApi}=require('./dist/credentials/GlomoApi.credentials.js');new Glomo();new GlomoTrigger();new GlomoApi();console.log(Number(process.hrtime.bigint()-t)/1e6)`;
			loads.push(Number(spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()));
		}
		const packed = previewPack(ROOT);
		rows.push({
			work: 'Package: cold load of both nodes and the credential (n8n-workflow already loaded), median of 5; packed size',
			glomo: `${median(loads).toFixed(0)} ms; ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.entryCount} files`,
			http: '—',
			raw: '—',
			ratios: '—',
			target: '—',
			verdict: '—',
		});
	} finally {
		await n8n.stop();
		await sandbox.close();
		agent.destroy();
		rmSync(userFolder, { recursive: true, force: true });
	}

	const header = ['Work (real n8n 2.8.4, sandbox on loopback)', 'Glomo node (min / median)', 'HTTP Request node (min / median)', 'raw keep-alive loop (min / median)', 'Glomo vs', 'Target', 'Verdict'];
	console.log(`\nGlomo node benchmark: node ${process.version}, ${REPS} repetitions alternated, ${new Date().toISOString()}, ${((Date.now() - started) / 60000).toFixed(1)} min\n`);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`|${header.map(() => '---').join('|')}|`);
	for (const row of rows) console.log(`| ${[row.work, row.glomo, row.http, row.raw, row.ratios, row.target, row.verdict].join(' | ')} |`);
}

main().catch((error: Error) => {
	console.error(`Benchmark failed: ${error.stack ?? error.message}`);
	process.exit(1);
});
