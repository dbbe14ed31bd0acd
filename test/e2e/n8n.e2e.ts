/**
 * The end-to-end suite: real n8n 2.8.4 with the packed package installed as a community package,
 * the local sandbox on a free loopback port, a throwaway user folder. It checks what a user sees:
 * the node types, the example workflows run by n8n's CLI, the credential test, and the editor.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { GlomoTrigger } from '../../nodes/GlomoTrigger/GlomoTrigger.node';
import { fakeKey, occurrences } from '../abuse/helpers';
import { HostileServer } from '../abuse/hostile';
import { startSandbox, type Sandbox } from '../sandbox';
import {
	ensureN8n,
	executeWithCli,
	exampleWorkflow,
	freePort,
	installPackageInto,
	listExecutions,
	N8nRest,
	provisionExamples,
	nodeOutput,
	OWNER,
	PAY_RUN_EXAMPLE,
	payRunRows,
	REFUND_EXAMPLE,
	ROOT,
	runN8nCli,
	settledExecutions,
	startN8n,
	TRIGGER_EXAMPLE,
	BILLING_EXAMPLE,
	type N8nInstance,
} from './n8n';

const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const WEBHOOK_SECRET = 'whsec_e2e_3b9d1f27c4a8';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let sandbox: Sandbox;
let n8n: N8nInstance;
let rest: N8nRest;
let userFolder: string;
let credential: { id: string; name: string };
let workflowIds: Record<string, string> = {};
let triggerUrl: string;
let billingUrl: string;
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
	({ credential, workflowIds, triggerUrl, billingUrl } = await provisionExamples(rest, sandbox, n8n.url, {
		credentialName: 'Glomo sandbox',
		webhookSecret: WEBHOOK_SECRET,
	}));
});

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.close();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	console.log(`e2e timings: ${JSON.stringify(timings)}`);
});

beforeEach(() => sandbox.clearRequests());

test('n8n lists the Glomo node (and its AI tool variant), the Glomo Trigger and the Glomo API credential', async () => {
	const output = join(userFolder, 'nodes.json');
	const exported = await runN8nCli(userFolder, n8n.port, ['export:nodes', `--output=${output}`]);
	expect(exported.code).toBe(0);
	const nodes = JSON.parse(readFileSync(output, 'utf8')) as Array<{ name: string; credentials?: Array<{ name: string }> }>;
	const glomo = nodes.find((node) => node.name === 'n8n-nodes-glomo.glomo');
	expect(glomo?.credentials).toEqual([{ name: 'glomoApi', required: true }]);
	expect(nodes.some((node) => node.name === 'n8n-nodes-glomo.glomoTool')).toBe(true);
	const trigger = nodes.find((node) => node.name === 'n8n-nodes-glomo.glomoTrigger') as { webhooks?: unknown[] } | undefined;
	expect(trigger?.webhooks).toHaveLength(1);

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

describe('example "Scheduled payouts" in n8n (pinned sheet rows and Slack, as the editor runs it)', () => {
	const trigger = 'Every Weekday at 09:00';
	const payoutPosts = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payouts');

	test('pays every row once, the held one surfaced; the Slack message says so', async () => {
		const rows = payRunRows();
		const run = await rest.runManually(workflowIds[PAY_RUN_EXAMPLE], trigger);
		expect(run.data.resultData.error).toBeUndefined();
		expect(payoutPosts().map((r) => r.body)).toEqual(
			rows.map((row) =>
				expect.objectContaining({
					request_id: row.invoice_number,
					invoice_number: row.invoice_number,
					destination_currency: row.currency,
					destination_amount: Math.round(Number(row.amount) * 100),
					purpose_code: row.purpose,
					source_currency: 'USD',
				}),
			),
		);
		expect(payoutPosts().map((r) => r.status)).toEqual([201, 201, 201, 201]);
		const paid = nodeOutput(run, 'Pay Row');
		expect(paid.map((p) => [p.status, p.duplicate])).toEqual([
			['in_progress', false],
			['in_progress', false],
			['in_progress', false],
			['action_required', false],
		]);
		const [summary] = nodeOutput(run, 'Summarise Pay Run');
		expect(summary.text).toBe(
			[
				'Pay run: 3 paid, 0 queued, 1 needing action, 0 failed, 0 duplicates skipped',
				`⚠ 66.23 AED to Gulf Traders (INV-2026-1104): Glomo asks for documents (${String(paid[3].id)})`,
			].join('\n'),
		);
		// the If sent it to the alert, whose text is the summary
		expect(nodeOutput(run, 'Alert #payouts')).toHaveLength(1);
		expect(run.data.resultData.runData['Post Summary to #payouts']).toBeUndefined();
	});

	test('run again (the same rows, by mistake): nothing is paid, every row is a skipped duplicate', async () => {
		const count = async () =>
			((await (await fetch(`${sandbox.url}/api/v1/payouts?per_page=1`, { headers: { authorization: `Bearer ${sandbox.secretKey}` } })).json()) as { page_meta: { count: number } }).page_meta.count;
		const before = await count();
		sandbox.clearRequests();
		const run = await rest.runManually(workflowIds[PAY_RUN_EXAMPLE], trigger);
		expect(run.data.resultData.error).toBeUndefined();
		expect(payoutPosts().map((r) => r.status)).toEqual([409, 409, 409, 409]);
		expect(nodeOutput(run, 'Pay Row').every((p) => p.duplicate === true)).toBe(true);
		expect(nodeOutput(run, 'Summarise Pay Run')[0].text).toBe('Pay run: 0 paid, 0 queued, 0 needing action, 0 failed, 4 duplicates skipped');
		expect(nodeOutput(run, 'Post Summary to #payouts')).toHaveLength(1);
		expect(await count()).toBe(before);
	});
});

/** A workflow's executions, newest first. */
const executions = async (workflowId: string) => (await listExecutions(rest, workflowId)).reverse();

/** Waits until the workflow has `count` finished executions (or the time is up), newest first. */
const executionsOf = async (workflowId: string, count: number, timeoutMs = 30_000) => (await settledExecutions(rest, workflowId, count, timeoutMs, 0)).reverse();

/** The output of one node in a stored execution. */
const outputOf = async (executionId: string, nodeName: string) => nodeOutput(await rest.execution(executionId), nodeName);

describe('Glomo Trigger in an active workflow', () => {
	let workflowId: string;
	let productionUrl: string;

	beforeAll(() => {
		// provisionExamples activated it and pointed the sandbox's webhooks at it
		workflowId = workflowIds[TRIGGER_EXAMPLE];
		productionUrl = triggerUrl;
	});

	const waitForExecutions = async (count: number) => await executionsOf(workflowId, count);

	test('signed events from the sandbox start the workflow; the message is formatted', async () => {
		const before = (await executions(workflowId)).length;
		const emittedAt = Date.now();
		await sandbox.emitEvent('payment', 'success', {
			id: 'payt_686f7cc3pe69T',
			status: 'success',
			requested_amount: 125050,
			requested_currency: 'USD',
			sender_name: 'Asha Rao',
		});
		expect(sandbox.webhooks.at(-1)?.status).toBe(200);
		const list = await waitForExecutions(before + 1);
		expect(list).toHaveLength(before + 1);
		const newest = list[0];
		timings.eventToExecutionStartMs = newest.startedAt - emittedAt;
		expect(newest.status).toBe('success');

		const [message] = await outputOf(newest.id, 'Format Notification');
		expect(message).toEqual({
			text: 'Payment received: 1250.50 USD from Asha Rao (payt_686f7cc3pe69T)',
			event_key: 'payment:payt_686f7cc3pe69T:success:success',
			is_terminal: false,
		});
	});

	test('forged requests get 401 and unselected events 200, and neither starts an execution', async () => {
		const before = (await waitForExecutions(0)).length;
		const body = JSON.stringify({ entity_type: 'payment', event_type: 'success', data: { id: 'payt_forged', status: 'success' } });
		const forged = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glomopay-signature': '0'.repeat(64) }, body });
		expect(forged.status).toBe(401);
		const unsigned = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect(unsigned.status).toBe(401);
		// built to hurt: 20,000 levels deep (once a stack overflow, a 500 and an error execution), and 11 MB wide
		const deep = `{"entity_type":"payment","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
		const deepForged = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glomopay-signature': '0'.repeat(64) }, body: deep });
		expect(deepForged.status).toBe(401);
		const wide = `{"entity_type":"payment","data":{${Array.from({ length: 650_000 }, (_v, i) => `"k${i}":${i}`).join(',')}}}`;
		const wideForged = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glomopay-signature': '0'.repeat(64) }, body: wide });
		expect(wideForged.status).toBe(413);
		await sandbox.emitEvent('payout', 'success', { id: 'payout_1', status: 'success' });
		expect(sandbox.webhooks.at(-1)?.status).toBe(200);
		await new Promise((r) => setTimeout(r, 2000));
		expect((await executions(workflowId)).length).toBe(before);
	});
});

describe('example "Refund requests" in n8n (pinned sheet rows and Slack, as the editor runs it)', () => {
	const trigger = 'Every Hour';
	const refundPosts = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/refunds');

	test('refunds the two card payments, shows why the Pay via Bank one is refused, and the Slack message says so', async () => {
		const run = await rest.runManually(workflowIds[REFUND_EXAMPLE], trigger);
		expect(run.data.resultData.error).toBeUndefined();
		expect(refundPosts().map((r) => r.body)).toEqual([
			{ payment_id: 'payt_demorefund0001', reason: 'Requested By Customer', amount: 12000, request_id: 'RR-2026-0301' },
			{ payment_id: 'payt_demorefund0002', reason: 'Duplicate', amount: 1550, request_id: 'RR-2026-0302' },
			{ payment_id: 'payt_demorefund0003', reason: 'Requested By Customer', amount: 8000, request_id: 'RR-2026-0303' },
		]);
		expect(refundPosts().map((r) => r.status)).toEqual([202, 202, 400]);
		const refunds = nodeOutput(run, 'Refund');
		expect(refunds.map((r) => [r.status, r.duplicate])).toEqual([
			['in_progress', false],
			['in_progress', false],
			[undefined, undefined],
		]);
		expect(nodeOutput(run, 'Summarise Refunds')[0].text).toBe(
			[
				'Refunds: 2 sent, 0 already done, 1 refused',
				`• RR-2026-0301: 120.00 USD back to the payer (${String(refunds[0].id)}, in_progress)`,
				`• RR-2026-0302: 15.50 EUR back to the payer (${String(refunds[1].id)}, in_progress)`,
				'✗ RR-2026-0303 (payt_demorefund0003): Pay via bank payments cannot be refunded',
			].join('\n'),
		);
		// the pinned Slack node stands in for the post
		expect(nodeOutput(run, 'Post to #refunds')).toHaveLength(1);
	});

	test('run again (the same sheet, an hour later): nothing is refunded twice', async () => {
		const run = await rest.runManually(workflowIds[REFUND_EXAMPLE], trigger);
		expect(run.data.resultData.error).toBeUndefined();
		expect(refundPosts().map((r) => r.status)).toEqual([400, 400, 400]);
		expect(nodeOutput(run, 'Refund').map((r) => r.duplicate)).toEqual([true, true, undefined]);
		expect(nodeOutput(run, 'Summarise Refunds')[0].text).toBe(
			['Refunds: 0 sent, 2 already done, 1 refused', '✗ RR-2026-0303 (payt_demorefund0003): Pay via bank payments cannot be refunded'].join('\n'),
		);
	});
});

describe('example "Payment link for a new order" in n8n (through its production webhook URL)', () => {
	const shop = `meera.nair+${Date.now()}@example.com`;
	const order = { order_id: 'ORD-5001', email: shop, name: 'Meera Nair', address: '4 Marine Drive', city: 'Mumbai', state: 'Maharashtra', country: 'IND', pincode: '400002', total: '250.00', currency: 'USD' };
	const placeOrder = async (body: Record<string, string>) => {
		const response = await fetch(`${n8n.url}/webhook/glomo-new-order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const glomoCalls = () => sandbox.requests.map((r) => `${r.method} ${r.path.replace('/api/v1', '')} ${r.status}`);
	let linkId: string;

	test('a new order from a new customer: the customer is created, a link made, and its URL is the answer', async () => {
		const { status, body } = await placeOrder(order);
		expect(status).toBe(200);
		expect(body).toMatchObject({ order_id: 'ORD-5001', status: 'active', reused: false });
		expect(body.payment_link_id).toMatch(/^payin_/);
		expect(body.payment_link_url).toMatch(/^https:\/\/.+payin_/);
		linkId = String(body.payment_link_id);
		expect(glomoCalls()).toEqual(['GET /customer 200', 'POST /customer 201', 'GET /payin 200', 'POST /payin 201']);
		const [, created, , link] = sandbox.requests;
		expect(created.body).toMatchObject({ name: 'Meera Nair', email: shop, country: 'IND' });
		expect(link.body).toMatchObject({ amount: 25000, currency: 'USD', reference_number: 'ORD-5001', purpose_code: 'P0802' });
		expect(link.body).not.toHaveProperty('request_id');
	});

	test('the shop sends the same order again: the same link is answered and nothing is created', async () => {
		const { status, body } = await placeOrder(order);
		expect(status).toBe(200);
		expect(body).toMatchObject({ payment_link_id: linkId, reused: true });
		expect(glomoCalls()).toEqual(['GET /customer 200', 'GET /payin 200']);
	});

	test('the customer pays (a sandbox mock payment): payment.success reaches the Glomo Trigger example, the link is paid', async () => {
		const triggerWorkflow = workflowIds[TRIGGER_EXAMPLE];
		const before = (await executionsOf(triggerWorkflow, 0)).length;
		const headers = { authorization: `Bearer ${sandbox.secretKey}`, 'content-type': 'application/json' };
		const paid = await fetch(`${sandbox.url}/api/v1/payment/mock`, { method: 'POST', headers, body: JSON.stringify({ amount: 25000, currency: 'USD', payin_id: linkId }) });
		expect(paid.status).toBe(201);
		const payment = (await paid.json()) as { id: string; status: string };
		expect(payment.status).toBe('success');
		// both events are delivered (in the background) and accepted; only payment.success is selected in the trigger
		const delivered = () => sandbox.webhooks.map((w) => { const event = JSON.parse(w.body) as { entity_type: string; event_type: string; data: { id?: string } }; return [event.entity_type, event.event_type, event.data.id, w.status]; });
		const expected = [['payment', 'success', payment.id, 200], ['payment_link', 'paid', linkId, 200]];
		for (let waited = 0; waited < 10_000 && !expected.every((e) => delivered().some((d) => JSON.stringify(d) === JSON.stringify(e))); waited += 100) {
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(delivered()).toEqual(expect.arrayContaining(expected));
		const list = await executionsOf(triggerWorkflow, before + 1);
		expect(list).toHaveLength(before + 1);
		expect(list[0].status).toBe('success');
		const [message] = await outputOf(list[0].id, 'Format Notification');
		expect(message.text).toMatch(new RegExp(`^Payment received: 250\\.00 USD from .+ \\(${payment.id}\\)$`));
		const link = (await (await fetch(`${sandbox.url}/api/v1/payin/${linkId}`, { headers })).json()) as { status: string };
		expect(link.status).toBe('paid');
	});
});

describe('example "Subscription billing": a customer subscribes on the n8n form, Glomo events report the billing', () => {
	let browser: Browser;
	let subscriptionId: string;
	const email = `subscriber.${Date.now()}@example.com`;
	const headers = () => ({ authorization: `Bearer ${sandbox.secretKey}`, 'content-type': 'application/json' });
	const billing = () => workflowIds[BILLING_EXAMPLE];

	beforeAll(async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
	});
	afterAll(async () => await browser?.close());

	/** The billing workflow's executions started by Glomo events (not by the form), newest first, once `count` have finished. */
	async function eventRuns(count: number) {
		for (let waited = 0; waited < 30_000; waited += 250) {
			const runs = [];
			for (const execution of await executions(billing())) {
				if (execution.status === 'running' || execution.status === 'new') continue;
				// runs for other payments (the other examples' events reach this trigger too) output nothing
				const update = await outputOf(execution.id, 'Billing Update').catch(() => undefined);
				if (update?.some((item) => item.subscription_id === subscriptionId)) runs.push({ execution, update });
			}
			if (runs.length >= count) return runs;
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`fewer than ${count} events of ${subscriptionId} reached the billing workflow`);
	}

	test('the form creates the customer and a monthly subscription, then sends the browser to Glomo\'s checkout', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		// Glomo's checkout is out of reach here: the browser is answered by a stand-in page
		await page.route('https://checkout.glomopay.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Glomo checkout (stand-in)</h1>' }));
		await page.goto(`${n8n.url}/form/glomo-subscribe`);
		await page.getByText('Subscribe to Pro Hosting').first().waitFor({ timeout: 30_000 });
		const fill = async (label: string, value: string) => await page.getByLabel(label, { exact: true }).fill(value);
		await fill('Full Name', 'Mira Kapoor');
		await fill('Email', email);
		await fill('Address', '12 MG Road');
		await fill('City', 'Bengaluru');
		await fill('State', 'Karnataka');
		await fill('Country Code', 'ind');
		await fill('Postal Code', '560001');
		await page.getByLabel('Plan', { exact: true }).selectOption('Monthly - USD 29.99');
		await page.screenshot({ path: join(SCREENSHOTS, 'subscription-form.png') });
		await page.getByRole('button', { name: 'Continue to payment' }).click();
		await page.waitForURL(/^https:\/\/checkout\.glomopay\.com\/subscription\/sub_/, { timeout: 60_000 });
		subscriptionId = new URL(page.url()).pathname.split('/').pop() as string;
		await page.close();

		const calls = sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
		expect(calls).toEqual(['GET /api/v1/customer 200', 'POST /api/v1/customer 201', 'POST /api/v1/subscriptions 201']);
		const created = sandbox.requests[2];
		expect(created.body).toMatchObject({
			customer_id: (sandbox.requests[1].responseBody as { id: string }).id,
			product_name: 'Pro Hosting',
			amount: 2999,
			currency: 'USD',
			interval_type: 'month',
			interval_count: 1,
			billing_cycles: 12,
			start_date: new Date().toISOString().slice(0, 10),
			plan_name: 'Monthly - USD 29.99',
		});
		expect(created.responseBody).toMatchObject({ id: subscriptionId, status: 'created' });
	});

	test('the first card charge and a pause reach the Glomo Trigger: one readable line each, nothing else', async () => {
		expect(subscriptionId).toMatch(/^sub_/);
		const before = (await executions(billing())).length;
		// what Glomo's checkout does with the customer's card: a payment for the subscription, then 3-D Secure
		const charged = await fetch(`${sandbox.url}/api/v1/payment`, {
			method: 'POST',
			headers: headers(),
			body: JSON.stringify({
				subscription_id: subscriptionId,
				method: 'card',
				card: { number: '4242424242424242', expiry_month: '08', expiry_year: '2039', cvv: '123', holder_name: 'Mira Kapoor' },
				callback_url: 'https://shop.example.com/subscribed',
				request_id: `first-${subscriptionId}`,
			}),
		});
		expect(charged.status).toBe(201);
		const payment = (await charged.json()) as { id: string; next_steps: { redirect_url: string } };
		expect((await fetch(payment.next_steps.redirect_url, { redirect: 'manual' })).status).toBe(302);
		let runs = await eventRuns(2);
		const paused = await fetch(`${sandbox.url}/api/v1/subscriptions/${subscriptionId}/pause`, { method: 'PATCH', headers: headers() });
		expect(paused.status).toBe(200);
		runs = await eventRuns(3);
		expect(runs).toHaveLength(3);
		expect((await executions(billing())).length).toBeGreaterThanOrEqual(before + 3);
		expect(runs.every((run) => run.execution.status === 'success')).toBe(true);
		const lines = runs.flatMap((run) => run.update.map((item) => item.text)).sort();
		expect(lines).toEqual(
			[
				`Charged 29.99 USD for subscription ${subscriptionId} (first payment)`,
				expect.stringMatching(new RegExp(`^Subscription ${subscriptionId} \\(Monthly - USD 29\\.99\\) is active; next charge on \\d{4}-\\d{2}-\\d{2}$`)),
				`Subscription ${subscriptionId} (Monthly - USD 29.99) was paused`,
			].sort(),
		);
		// each event was delivered to both example triggers and acknowledged by both
		const deliveries = sandbox.webhooks.filter((w) => w.body.includes(subscriptionId));
		expect(deliveries.length).toBeGreaterThanOrEqual(6);
		expect(new Set(deliveries.map((w) => w.url))).toEqual(new Set([triggerUrl, billingUrl]));
		expect(deliveries.every((w) => w.status === 200)).toBe(true);
	});

	test('a forged subscription event is refused with 401 and starts nothing', async () => {
		const before = (await executions(billing())).length;
		const body = JSON.stringify({ data: { id: subscriptionId, status: 'cancelled' }, entity_type: 'subscription', event_type: 'cancelled' });
		const forged = await fetch(billingUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-glomopay-signature': 'f'.repeat(64) }, body });
		expect(forged.status).toBe(401);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await executions(billing())).length).toBe(before);
	});
});

describe('a hostile Base URL in real n8n', () => {
	const glomo = new HostileServer();
	const elsewhere = new HostileServer();
	const key = fakeKey();
	let workflowId: string;

	beforeAll(async () => {
		await glomo.start();
		await elsewhere.start();
		const hostile = await rest.createCredential('Glomo hostile server', 'glomoApi', { secretKey: key, environment: 'sandbox', baseUrl: glomo.url, webhookSecret: '' });
		const workflow = exampleWorkflow('balances-report.json', hostile);
		workflowId = (await rest.createWorkflow({ ...workflow, name: 'Glomo: hostile server' })).id;
	});
	afterAll(async () => {
		await glomo.close();
		await elsewhere.close();
	});

	test('a 307 to another origin is not followed: the key goes nowhere else and appears in no output or log', async () => {
		glomo.behave((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/collect?k=${key}` }).end());
		const result = await executeWithCli(userFolder, n8n.port, workflowId);
		expect(result.run?.data.resultData.error?.message).toBe(`Glomo's address answered with a redirect (HTTP 307) to ${elsewhere.url}/collect`);
		expect(glomo.received).toHaveLength(1);
		expect(elsewhere.received).toHaveLength(0);
		expect(occurrences(`${result.stdout}${result.stderr}`, key)).toBe(0);
	});

	test('a server echoing the key in its error fields: masked in the execution data and the logs', async () => {
		glomo.behave((req, res) =>
			res
				.writeHead(400, { 'content-type': 'application/json' })
				.end(JSON.stringify({ error: String(req.headers.authorization), message: `bad ${String(req.headers.authorization)}`, code: key })),
		);
		const result = await executeWithCli(userFolder, n8n.port, workflowId);
		expect(result.run?.data.resultData.error?.message).toBe('bad Bearer [redacted]');
		expect(glomo.received[0].headers.authorization).toBe(`Bearer ${key}`);
		expect(occurrences(`${result.stdout}${result.stderr}`, key)).toBe(0);
	});
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

/** What `read` gives once `done` holds (or after 10 s, whatever it gives then). */
async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
	for (let waited = 0; waited < 10_000; waited += 200) {
		const value = await read();
		if (done(value)) return value;
		await new Promise((r) => setTimeout(r, 200));
	}
	return await read();
}

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

	test('the Resource list: every resource alphabetically, each with its area; typing filters it', async () => {
		await page.goto(`${n8n.url}/workflow/${workflowIds['balances-report.json']}`);
		const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Get Balances' }).first();
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 30_000 });
		await panel.locator('[data-test-id="parameter-input-resource"]').click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor({ timeout: 15_000 });
		const shown = (await options.allInnerTexts()).map((text) => text.split('\n'));
		const resources = (new Glomo().description.properties.find((p) => p.name === 'resource')?.options ?? []) as Array<{ name: string; description: string }>;
		// n8n adds its own Custom API Call (an HTTP Request with the Glomo credential) last
		expect(shown).toEqual([...resources.map((r) => [r.name, r.description]), ['Custom API Call']]);
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-resource-list.png') });
		await page.keyboard.type('sub');
		expect(await settled(async () => (await options.allInnerTexts()).map((text) => text.split('\n')[0]), (names) => names.length === 1)).toEqual(['Subscription']);
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-resource-list-filtered.png') });
		await page.keyboard.press('Escape');
	});

	test('the node creator lists every action and trigger event of Glomo as a sentence', async () => {
		await page.goto(`${n8n.url}/workflow/${workflowIds['balances-report.json']}`);
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Get Balances' }).first().waitFor({ timeout: 60_000 });
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		await page.keyboard.type('Glomo');
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Glomo$/ }).first().click();
		const categories = page.locator('[data-test-id="node-creator-category-item"]');
		await categories.first().waitFor({ timeout: 15_000 });
		const description = new Glomo().description;
		const operations = description.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options as Array<{ action: string }>);
		const events = (new GlomoTrigger().description.properties.find((p) => p.name === 'events')?.options ?? []) as Array<{ action?: string }>;
		expect(await categories.allInnerTexts()).toEqual([`Actions (${operations.length})`, `Triggers (${events.length})`]);
		// the list is virtual: only what is on screen is in the DOM, so it is scrolled to the end as a user would
		const items = page.locator('[data-test-id="item-iterator-item"]');
		const scrolledThrough = async (): Promise<string[]> => {
			const seen: string[] = [];
			for (let still = 0, round = 0; still < 3 && round < 80; round++) {
				const before = seen.length;
				for (const text of await items.allInnerTexts()) if (!seen.includes(text)) seen.push(text);
				still = seen.length === before ? still + 1 : 0;
				await items.last().scrollIntoViewIfNeeded();
				await page.waitForTimeout(150);
			}
			return seen;
		};
		expect(await items.allInnerTexts()).toEqual(expect.arrayContaining(['API KEY ACTIONS', 'Rotate the secret API key', 'Get all balances']));
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-node-creator-actions.png') });
		const actions = await scrolledThrough();
		expect(operations.map((o) => o.action).filter((action) => !actions.includes(action))).toEqual([]);
		expect(actions).toEqual(expect.arrayContaining(['SUBSCRIPTION ACTIONS', 'Create a subscription', 'Pause a subscription', 'Send a payout']));
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-node-creator-actions-end.png') });
		await categories.filter({ hasText: 'Actions' }).click();
		await categories.filter({ hasText: 'Triggers' }).click();
		await settled(async () => await items.allInnerTexts(), (texts) => texts.includes('On any event'));
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-node-creator-triggers.png') });
		const triggers = await scrolledThrough();
		expect(events.map((e) => e.action ?? 'On any event').filter((action) => !triggers.includes(action))).toEqual([]);
		expect(triggers).toEqual(expect.arrayContaining(['On payment succeeded', 'On KYC completed', 'On balance credited']));
		await page.keyboard.press('Escape');
	});

	test('the Glomo Trigger shows its setup notice, production URL, events and signature switch', async () => {
		await page.goto(`${n8n.url}/workflow/${workflowIds[TRIGGER_EXAMPLE]}`);
		const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Glomo Trigger' }).first();
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 30_000 });
		for (const text of ['Webhook URLs', 'Settings > API & Webhooks', 'Events', 'Verify Signature', 'Payment Succeeded']) {
			await panel.getByText(text).first().waitFor({ timeout: 15_000 });
		}
		await page.screenshot({ path: join(SCREENSHOTS, 'glomo-trigger-parameters.png') });
		await page.keyboard.press('Escape');
	});

	test('the pay run executed in the editor: every node green, the summary in the last step', async () => {
		await page.goto(`${n8n.url}/workflow/${workflowIds[PAY_RUN_EXAMPLE]}`);
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Pay Row' }).first().waitFor({ timeout: 60_000 });
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 90_000 });
		await page.screenshot({ path: join(SCREENSHOTS, 'scheduled-payouts-executed.png') });
		expect(existsSync(join(SCREENSHOTS, 'scheduled-payouts-executed.png'))).toBe(true);
		// a third run of the same rows: still nothing paid twice
		expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payouts').every((r) => r.status === 409)).toBe(true);
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
