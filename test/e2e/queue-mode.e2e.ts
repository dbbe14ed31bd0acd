/**
 * The Glomo nodes in n8n's queue mode, under load, against one n8n process doing the same work.
 *
 * One process (SQLite, `n8n start`) and then queue mode (PostgreSQL, Redis, a main, a webhook
 * processor and two workers) each get: 1,000 Glomo events at the active billing workflow's Glomo
 * Trigger, 10 % of them forged, and the scheduled-payouts example with 1,000 rows while the sandbox
 * drops answers after committing, run twice. Queue mode also loses a worker in the middle of a pay
 * run, and runs two pay runs at once under one shared rate limit. Each sandbox starts from the same
 * seed, so both modes see the same Glomo; their results must be the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { SEED_BALANCES } from '../sandbox/data/reference';
import { BILLING_EXAMPLE, ensureN8n, freePort, installPackageInto, N8nRest, nodeOutput, provisionExamples, ROOT, settledExecutions, startN8n, type ExecutedRun, type N8nInstance } from './n8n';
import {
	createPayRunAtScale,
	eventId,
	fireEvents,
	PAY_RUN_TRIGGER,
	payRunRowsAtScale,
	payRunSummary,
	planEvents,
	readTriggeredRuns,
	runsPerWorker,
	sandboxPayouts,
	webhookFigures,
	type TriggeredRun,
	type WebhookFigures,
} from '../scale/load';
import { startQueueStack, type QueueStack } from '../scale/stack';

const EVENTS = 1_000;
const ROWS = 1_000;
const SEED = 20261122;
const WEBHOOK_SECRET = 'whsec_scale_7c2e9a41d0b3';
/** a balance no load here exhausts (a fresh sandbox account holds USD 1,000,000.00) */
const BALANCES = { ...SEED_BALANCES, USD: { available: 10 ** 13, pending: 0 } };
const FIGURES_FILE = join(ROOT, 'test-output', 'queue-mode-figures.json');

type Mode = 'one process' | 'queue mode';

interface WebhookResult {
	forgedStatuses: number[];
	genuineStatuses: number[];
	/** event id → the lines its execution wrote, for every execution */
	linesByEvent: Record<string, string[]>;
	figures: WebhookFigures;
}

interface PayRunResult {
	first: string;
	second: string;
	payouts: string[];
	droppedFirst: number;
	seconds: number;
}

const webhookResults: Partial<Record<Mode, WebhookResult>> = {};
const payRunResults: Partial<Record<Mode, PayRunResult>> = {};
const extra: Record<string, unknown> = {};

const payoutPosts = (sandbox: Sandbox, prefix: string) =>
	sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payouts' && String((r.body as { request_id?: string })?.request_id).startsWith(prefix));

/** The sandbox's payouts of one pay run (by request_id prefix), as comparable lines. */
async function payoutsOf(sandbox: Sandbox, prefix: string): Promise<Array<Record<string, unknown>>> {
	return (await sandboxPayouts(sandbox)).filter((p) => String(p.request_id).startsWith(prefix));
}

const describePayout = (p: Record<string, unknown>) =>
	[p.request_id, p.beneficiary_id, p.destination_amount, p.destination_currency, p.source_currency, p.purpose_code, p.status].join(' ');

/** 1,000 events at the billing workflow's Glomo Trigger: what each mode must show. */
async function webhooksUnderLoad(rest: N8nRest, sandbox: Sandbox, url: string, workflowId: string): Promise<{ runs: TriggeredRun[]; result: WebhookResult }> {
	const plan = planEvents(EVENTS);
	const genuine = plan.filter((event) => !event.forgery);
	const forged = plan.filter((event) => event.forgery);
	expect([genuine.length, forged.length]).toEqual([900, 100]);

	const sent = await fireEvents(sandbox, url, WEBHOOK_SECRET, plan);
	const executions = await settledExecutions(rest, workflowId, genuine.length, 600_000);
	const runs = await readTriggeredRuns(rest, executions);

	// every forged request refused, every genuine one taken
	const forgedStatuses = sent.filter((s) => s.event.forgery).map((s) => s.status);
	const genuineStatuses = sent.filter((s) => !s.event.forgery).map((s) => s.status);
	expect(new Set(forgedStatuses)).toEqual(new Set([401]));
	expect(new Set(genuineStatuses)).toEqual(new Set([200]));
	// exactly one execution per genuine event, none for a forged one, all successful
	const perEvent = new Map<string, number>();
	for (const run of runs) perEvent.set(run.eventId, (perEvent.get(run.eventId) ?? 0) + 1);
	expect(runs).toHaveLength(genuine.length);
	expect([...perEvent.keys()].sort()).toEqual(genuine.map(eventId).sort());
	expect([...perEvent.values()].every((count) => count === 1)).toBe(true);
	expect(runs.filter((run) => run.execution.status !== 'success')).toEqual([]);
	// and each wrote its one line
	expect(runs.filter((run) => run.lines.length !== 1)).toEqual([]);

	const linesByEvent = Object.fromEntries(runs.map((run) => [run.eventId, run.lines]).sort(([a], [b]) => String(a).localeCompare(String(b))));
	return { runs, result: { forgedStatuses, genuineStatuses, linesByEvent, figures: webhookFigures(sent, runs) } };
}

/** The 1,000-row pay run with commit-then-drop on, then run again. */
async function payRunUnderLoad(rest: N8nRest, sandbox: Sandbox, credential: { id: string; name: string }): Promise<PayRunResult> {
	const rows = payRunRowsAtScale(ROWS);
	const workflowId = await createPayRunAtScale(rest, credential, rows, 'Glomo: Scheduled payouts (1,000 rows)');
	sandbox.setFaults({ dropAfterCommit: 0.05 });
	try {
		sandbox.clearRequests();
		const started = Date.now();
		const first = await rest.runManually(workflowId, PAY_RUN_TRIGGER, 600_000);
		const seconds = (Date.now() - started) / 1000;
		expect(first.status).toBe('success');
		// the fault did strike: answers were lost after Glomo had made the payout
		const droppedFirst = payoutPosts(sandbox, 'INV-SCALE').filter((r) => r.status === 0).length;
		expect(droppedFirst).toBeGreaterThan(10);
		const afterFirst = await payoutsOf(sandbox, 'INV-SCALE');
		expect(afterFirst).toHaveLength(ROWS);
		expect(new Set(afterFirst.map((p) => p.request_id))).toEqual(new Set(rows.map((row) => row.invoice_number)));
		const firstSummary = payRunSummary(first);
		expect(firstSummary).toBe(`Pay run: ${ROWS * 0.75} paid, 0 queued, ${ROWS * 0.25} needing action, 0 failed, 0 duplicates skipped`);

		sandbox.clearRequests();
		const second = await rest.runManually(workflowId, PAY_RUN_TRIGGER, 600_000);
		expect(second.status).toBe('success');
		const afterSecond = await payoutsOf(sandbox, 'INV-SCALE');
		expect(afterSecond).toHaveLength(ROWS);
		expect(afterSecond.map((p) => p.id).sort()).toEqual(afterFirst.map((p) => p.id).sort());
		// Glomo refused every row as a reuse; a row whose refusal was lost is reported as the
		// existing payout (not marked duplicate: the node cannot tell it from its own lost attempt)
		const posts = payoutPosts(sandbox, 'INV-SCALE');
		expect(posts.filter((r) => r.status === 201)).toEqual([]);
		const lostRefusals = new Set(posts.filter((r) => r.status === 0).map((r) => (r.body as { request_id: string }).request_id)).size;
		const output = nodeOutput(second, 'Pay Row');
		expect(output.filter((p) => p.duplicate === true).length).toBe(ROWS - lostRefusals);
		expect(new Set(output.map((p) => p.id))).toEqual(new Set(afterFirst.map((p) => p.id)));
		return { first: firstSummary, second: payRunSummary(second), payouts: afterSecond.map(describePayout).sort(), droppedFirst, seconds };
	} finally {
		sandbox.resetFaults();
	}
}

describe('one process (n8n start, SQLite): the baseline', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let rest: N8nRest;
	let userFolder: string;
	let provisioned: Awaited<ReturnType<typeof provisionExamples>>;

	beforeAll(async () => {
		await ensureN8n((line) => console.log(line));
		userFolder = mkdtempSync(join(tmpdir(), 'glomo-one-process-'));
		installPackageInto(userFolder);
		sandbox = await startSandbox({ seed: SEED, balances: BALANCES });
		n8n = await startN8n({ userFolder, port: await freePort() });
		rest = new N8nRest(n8n.url);
		await rest.ownerSession();
		provisioned = await provisionExamples(rest, sandbox, n8n.url, { credentialName: 'Glomo sandbox', webhookSecret: WEBHOOK_SECRET });
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	test('1,000 events, 100 of them forged: every genuine one runs exactly once, every forged one gets 401 and runs nothing', async () => {
		webhookResults['one process'] = (await webhooksUnderLoad(rest, sandbox, provisioned.billingUrl, provisioned.workflowIds[BILLING_EXAMPLE])).result;
	});

	test('1,000-row pay run with answers dropped after commit: 1,000 payouts; run again: still 1,000', async () => {
		payRunResults['one process'] = await payRunUnderLoad(rest, sandbox, provisioned.credential);
	});
});

describe('queue mode (PostgreSQL, Redis, a main, a webhook processor, two workers)', () => {
	let sandbox: Sandbox;
	let stack: QueueStack;
	let provisioned: Awaited<ReturnType<typeof provisionExamples>>;

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: SEED, balances: BALANCES });
		const started = Date.now();
		stack = await startQueueStack({ log: (line) => console.log(line) });
		extra.stackStartSeconds = (Date.now() - started) / 1000;
		// the same examples; their production webhooks are the webhook processor's
		provisioned = await provisionExamples(stack.rest, sandbox, stack.webhookUrl, { credentialName: 'Glomo sandbox', webhookSecret: WEBHOOK_SECRET });
	});

	afterAll(async () => {
		await stack?.stop();
		await sandbox?.close();
	});

	test('the webhook processor serves the production webhooks; the main does not', async () => {
		expect(provisioned.billingUrl.startsWith(stack.webhookUrl)).toBe(true);
		const body = JSON.stringify({ entity_type: 'subscription', event_type: 'active', data: { id: 'sub_probe' } });
		const atMain = await fetch(provisioned.billingUrl.replace(stack.webhookUrl, stack.mainUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect(atMain.status).toBe(404);
	});

	test('1,000 events, 100 of them forged, through the webhook processor: each genuine one runs exactly once on a worker (both take part), each forged one gets 401', async () => {
		const { runs, result } = await webhooksUnderLoad(stack.rest, sandbox, provisioned.billingUrl, provisioned.workflowIds[BILLING_EXAMPLE]);
		webhookResults['queue mode'] = result;
		const counts = runsPerWorker(runs, stack.executionsByWorker());
		extra.executionsPerWorker = counts;
		expect(Object.keys(counts).sort()).toEqual(['worker-1', 'worker-2']);
		expect(Math.min(counts['worker-1'], counts['worker-2'])).toBeGreaterThan(0);
	});

	test('1,000-row pay run on a worker with answers dropped after commit: 1,000 payouts; run again: still 1,000', async () => {
		payRunResults['queue mode'] = await payRunUnderLoad(stack.rest, sandbox, provisioned.credential);
	});

	test('a worker killed in the middle of a 1,000-row pay run: n8n fails the execution and never resumes it; running the pay run again pays every row exactly once', async () => {
		const rows = payRunRowsAtScale(ROWS, 'INV-KILL');
		const workflowId = await createPayRunAtScale(stack.rest, provisioned.credential, rows, 'Glomo: Scheduled payouts (worker lost)');
		sandbox.setFaults({ dropAfterCommit: 0.05 });
		sandbox.clearRequests();
		const executionId = await stack.rest.startManually(workflowId, PAY_RUN_TRIGGER);
		const waitUntil = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs: number) => {
			const deadline = Date.now() + timeoutMs;
			while (!(await check())) {
				if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
				await new Promise((wait) => setTimeout(wait, 50));
			}
		};
		await waitUntil(() => payoutPosts(sandbox, 'INV-KILL').length >= 300, '300 payout requests', 120_000);
		const victim = stack.workers.find((worker) => worker.name === stack.executionsByWorker().get(executionId));
		expect(victim).toBeDefined();
		const killedAt = Date.now();
		process.kill(victim?.instance.process.pid as number, 'SIGKILL');
		await new Promise((wait) => setTimeout(wait, 2_000));
		const postsAtKill = payoutPosts(sandbox, 'INV-KILL').length;
		const paidAtKill = (await payoutsOf(sandbox, 'INV-KILL')).length;
		expect(paidAtKill).toBeGreaterThan(250);
		expect(paidAtKill).toBeLessThan(ROWS);

		// n8n notices the lost job (Bull's lock runs out, the stalled check fails it) and marks the execution failed
		let stored: { status: string; data: string } = { status: 'running', data: '' };
		await waitUntil(async () => {
			stored = await stack.rest.request('GET', `/executions/${executionId}`);
			return !['new', 'running'].includes(stored.status);
		}, 'n8n to give up on the execution', 300_000);
		extra.workerLoss = { secondsUntilFailed: (Date.now() - killedAt) / 1000, postsAtKill, paidAtKill };
		expect(stored.status).toBe('error');
		expect(stored.data).toMatch(/failed to be processed too many times/);
		// nothing resumed it on the other worker
		expect(payoutPosts(sandbox, 'INV-KILL')).toHaveLength(postsAtKill);

		// n8n's Retry cannot help: the execution kept no run data, so the retry fails at once and sends nothing
		const retried = await stack.rest.request<{ status: string }>('POST', `/executions/${executionId}/retry`, { loadWorkflow: false });
		expect(retried.status).toBe('error');
		expect(payoutPosts(sandbox, 'INV-KILL')).toHaveLength(postsAtKill);

		// what a user does: the supervisor brings the worker back, the pay run is run again
		await stack.restartWorker(victim?.name as string);
		const again = await stack.rest.runManually(workflowId, PAY_RUN_TRIGGER, 600_000);
		expect(again.status).toBe('success');
		const payouts = await payoutsOf(sandbox, 'INV-KILL');
		expect(payouts).toHaveLength(ROWS);
		expect(new Set(payouts.map((p) => p.request_id))).toEqual(new Set(rows.map((row) => row.invoice_number)));
		const output = nodeOutput(again, 'Pay Row');
		expect(output).toHaveLength(ROWS);
		expect(output.filter((p) => p.error)).toEqual([]);
		// every row paid before the loss came back as that payout, not a second one
		expect(new Set(output.map((p) => p.id))).toEqual(new Set(payouts.map((p) => p.id)));
		(extra.workerLoss as Record<string, unknown>).rerun = payRunSummary(again);
		sandbox.resetFaults();
	});

	test('two pay runs at once under one rate limit shared by both (one source IP): Glomo answers 429s, the runs wait and finish, nothing is paid twice', async () => {
		const limit = 1_500;
		sandbox.setFaults({ rpmLimit: limit });
		sandbox.clearRequests();
		const runs = ['A', 'B'].map((letter) => ({ prefix: `INV-RATE-${letter}`, rows: payRunRowsAtScale(ROWS, `INV-RATE-${letter}`) }));
		const ids = await Promise.all(runs.map(async ({ prefix, rows }) => await createPayRunAtScale(stack.rest, provisioned.credential, rows, `Glomo: Scheduled payouts (${prefix})`)));
		const started = Date.now();
		const executions = await Promise.all(ids.map(async (id) => await stack.rest.startManually(id, PAY_RUN_TRIGGER)));
		const done: ExecutedRun[] = await Promise.all(executions.map(async (id) => await stack.rest.waitForExecution(id, 600_000)));
		const seconds = (Date.now() - started) / 1000;
		sandbox.resetFaults();
		for (const run of done) expect(run.status).toBe('success');
		for (const { prefix } of runs) {
			const payouts = await payoutsOf(sandbox, prefix);
			expect(payouts).toHaveLength(ROWS);
			expect(new Set(payouts.map((p) => p.request_id)).size).toBe(ROWS);
		}
		const refused = sandbox.requests.filter((r) => r.status === 429).length;
		expect(refused).toBeGreaterThan(0);
		const byWorker = stack.executionsByWorker();
		extra.sharedRateLimit = { limitPerMinute: limit, requests: sandbox.requests.length, refused429: refused, seconds, workers: executions.map((id) => byWorker.get(id)), summaries: done.map(payRunSummary) };
	});
});

describe('both modes', () => {
	test('one process and queue mode give the same results (the node keeps no state of its own)', () => {
		expect(webhookResults['one process']).toBeDefined();
		expect(webhookResults['queue mode']).toBeDefined();
		const one = { ...(webhookResults['one process'] as WebhookResult), payRun: payRunResults['one process'] as PayRunResult };
		const queue = { ...(webhookResults['queue mode'] as WebhookResult), payRun: payRunResults['queue mode'] as PayRunResult };
		expect(one?.payRun).toBeDefined();
		expect(queue?.payRun).toBeDefined();
		expect(queue.forgedStatuses).toEqual(one.forgedStatuses);
		expect(queue.genuineStatuses).toEqual(one.genuineStatuses);
		expect(queue.linesByEvent).toEqual(one.linesByEvent);
		expect(queue.payRun.first).toBe(one.payRun.first);
		expect(queue.payRun.payouts).toEqual(one.payRun.payouts);

		const figures = {
			measuredOn: `${new Date().toISOString().slice(0, 10)}, ${process.platform}, Node ${process.version}`,
			webhooks: { 'one process': one.figures, 'queue mode': queue.figures },
			payRun: {
				'one process': { seconds: one.payRun.seconds, droppedAnswers: one.payRun.droppedFirst, first: one.payRun.first, second: one.payRun.second },
				'queue mode': { seconds: queue.payRun.seconds, droppedAnswers: queue.payRun.droppedFirst, first: queue.payRun.first, second: queue.payRun.second },
			},
			...extra,
		};
		mkdirSync(join(ROOT, 'test-output'), { recursive: true });
		writeFileSync(FIGURES_FILE, `${JSON.stringify(figures, null, 2)}\n`);
		const row = (mode: Mode, f: WebhookFigures, payRun: PayRunResult) =>
			`| ${mode} | ${f.genuine} + ${f.forged} forged | ${f.throughput.toFixed(1)}/s | ${Math.round(f.answerP50Ms)} / ${Math.round(f.answerP95Ms)} ms | ${Math.round(f.p50Ms)} / ${Math.round(f.p95Ms)} ms | ${payRun.seconds.toFixed(1)} s |`;
		console.log(
			[
				'| Mode | Webhook events | Throughput | n8n answers Glomo (p50 / p95) | Send → execution finished (p50 / p95) | 1,000-row pay run |',
				'|---|---|---|---|---|---|',
				row('one process', one.figures, one.payRun),
				row('queue mode', queue.figures, queue.payRun),
			`(figures in ${FIGURES_FILE})`,
			].join('\n'),
		);
	});
});
