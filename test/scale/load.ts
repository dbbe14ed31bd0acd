/**
 * The loads that prove the Glomo nodes in n8n: signed Glomo webhooks (with forged ones among them)
 * at an active Glomo Trigger workflow, and the scheduled-payouts example with many rows. The same
 * functions run against one n8n process and against queue mode, so their results can be compared.
 */
import { canonicalJson, signWebhookBody, type Sandbox } from '../sandbox';
import { exampleWorkflow, N8nRest, nodeOutput, PAY_RUN_EXAMPLE, payRunRows, type ExecutedRun, type StoredExecution } from '../e2e/n8n';

/** The Glomo Trigger of the subscription-billing example, and the Code node that writes its lines. */
export const BILLING_TRIGGER = 'Glomo Billing Events';
export const BILLING_LINES = 'Billing Update';
export const PAY_RUN_TRIGGER = 'Every Weekday at 09:00';

export interface PlannedEvent {
	index: number;
	entityType: string;
	eventType: string;
	data: Record<string, unknown>;
	/** how it is forged, or undefined for a genuine event the sandbox signs */
	forgery?: Forgery;
}

export type Forgery = 'wrong secret' | 'body changed after signing' | 'no signature' | 'signature of another event' | 'cut signature';
const FORGERIES: Forgery[] = ['wrong secret', 'body changed after signing', 'no signature', 'signature of another event', 'cut signature'];

/** The billing trigger's events, in turn: payment success/failed and five subscription states. */
const KINDS: Array<[string, string]> = [
	['payment', 'success'],
	['subscription', 'active'],
	['payment', 'failed'],
	['subscription', 'paused'],
	['subscription', 'cancelled'],
	['subscription', 'completed'],
	['subscription', 'halted'],
];

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/**
 * `total` events, every `forgedEvery`-th one forged (10 % by default) in one of five ways; the
 * genuine ones cycle through seven event types, each about its own payment or subscription.
 */
export function planEvents(total: number, forgedEvery = 10): PlannedEvent[] {
	return Array.from({ length: total }, (_v, index) => {
		const [entityType, eventType] = KINDS[index % KINDS.length];
		const n = pad(index + 1);
		const subscription = `sub_load${n}`;
		const data: Record<string, unknown> =
			entityType === 'payment'
				? {
						id: `payt_load${n}`,
						status: eventType,
						subscription_id: subscription,
						customer_id: `cust_load${n}`,
						payment_amount: 1000 + index,
						payment_currency: 'USD',
						auto_debit: index % 2 === 0,
						...(eventType === 'failed' ? { error_code: 'card_declined', error_description: 'The card was declined' } : {}),
					}
				: { id: subscription, status: eventType, plan_name: `Plan ${n}`, customer_id: `cust_load${n}`, next_payment_date: '2026-12-01' };
		const forged = (index + 1) % forgedEvery === 0;
		return { index, entityType, eventType, data, forgery: forged ? FORGERIES[((index + 1) / forgedEvery - 1) % FORGERIES.length] : undefined };
	});
}

/** The id an event is about (what the Glomo Trigger's output carries as data.id). */
export const eventId = (event: PlannedEvent) => String(event.data.id);

export interface Sent {
	event: PlannedEvent;
	sentAt: number;
	/** when n8n's answer to the webhook request came back */
	answeredAt: number;
	status: number;
}

/**
 * Sends the plan at `url`, `concurrency` at a time: genuine events through the sandbox (which signs
 * them with `secret` and delivers them to its webhook targets, set here to `url` only), forged ones
 * straight from an attacker with the same URL.
 */
export async function fireEvents(sandbox: Sandbox, url: string, secret: string, plan: PlannedEvent[], concurrency = 20): Promise<Sent[]> {
	sandbox.setWebhookTargets([url], secret);
	const send = async (event: PlannedEvent): Promise<number> => {
		if (!event.forgery) {
			const [delivery] = await sandbox.emitEvent(event.entityType, event.eventType, event.data);
			return delivery?.status ?? 0;
		}
		const body = canonicalJson({ entity_type: event.entityType, event_type: event.eventType, data: event.data });
		const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Glomopay-Webhooks/sandbox' };
		let payload = body;
		switch (event.forgery) {
			case 'wrong secret':
				headers['x-glomopay-signature'] = signWebhookBody(body, 'whsec_not_the_secret');
				break;
			case 'body changed after signing':
				headers['x-glomopay-signature'] = signWebhookBody(body, secret);
				// the same event about another record: what an attacker who saw one event would try
				payload = body.replace(`"id":"${eventId(event)}"`, `"id":"${eventId(event)}x"`);
				if (payload === body) throw new Error(`could not tamper with ${body}`);
				break;
			case 'no signature':
				break;
			case 'signature of another event':
				headers['x-glomopay-signature'] = signWebhookBody(canonicalJson({ entity_type: 'payment', event_type: 'success', data: { id: 'payt_genuine' } }), secret);
				break;
			case 'cut signature':
				headers['x-glomopay-signature'] = signWebhookBody(body, secret).slice(0, 32);
				break;
		}
		const response = await fetch(url, { method: 'POST', headers, body: payload });
		await response.arrayBuffer();
		return response.status;
	};
	return await inLanes(plan, concurrency, async (event) => {
		const sentAt = Date.now();
		const status = await send(event);
		return { event, sentAt, answeredAt: Date.now(), status };
	});
}

/** Runs `work` over `items`, `lanes` at a time, keeping the order of the results. */
export async function inLanes<T, R>(items: T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: lanes }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await work(items[index]);
			}
		}),
	);
	return results;
}

export interface TriggeredRun {
	execution: StoredExecution;
	/** data.id of the event the Glomo Trigger emitted */
	eventId: string;
	/** the lines the workflow wrote */
	lines: string[];
}

/** What each execution of the billing workflow received and wrote (from its stored run data). */
export async function readTriggeredRuns(rest: N8nRest, executions: StoredExecution[]): Promise<TriggeredRun[]> {
	return await inLanes(executions, 8, async (execution) => {
		const run = await rest.execution(execution.id);
		const [received] = nodeOutput(run, BILLING_TRIGGER);
		return {
			execution,
			eventId: String((received?.data as Record<string, unknown> | undefined)?.id ?? ''),
			lines: nodeOutput(run, BILLING_LINES).map((line) => String(line.text)),
		};
	});
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface WebhookFigures {
	events: number;
	genuine: number;
	forged: number;
	/** genuine events per second, from the first send to the last execution's end */
	throughput: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	/** how long n8n took to answer a genuine event's request (what Glomo waits for) */
	answerP50Ms: number;
	answerP95Ms: number;
	seconds: number;
}

/** Throughput and latency from each genuine event's send to the end of its execution. */
export function webhookFigures(sent: Sent[], runs: TriggeredRun[]): WebhookFigures {
	const byEvent = new Map(runs.map((run) => [run.eventId, run.execution]));
	const latencies: number[] = [];
	let end = 0;
	for (const { event, sentAt } of sent) {
		const execution = byEvent.get(eventId(event));
		if (event.forgery || !execution) continue;
		latencies.push(execution.stoppedAt - sentAt);
		end = Math.max(end, execution.stoppedAt);
	}
	const genuineAnswers = sent.filter((s) => !s.event.forgery).map((s) => s.answeredAt - s.sentAt);
	const first = Math.min(...sent.map((s) => s.sentAt));
	const seconds = (end - first) / 1000;
	return {
		events: sent.length,
		genuine: sent.filter((s) => !s.event.forgery).length,
		forged: sent.filter((s) => s.event.forgery).length,
		throughput: latencies.length / seconds,
		p50Ms: percentile(latencies, 50),
		p95Ms: percentile(latencies, 95),
		maxMs: Math.max(...latencies),
		answerP50Ms: percentile(genuineAnswers, 50),
		answerP95Ms: percentile(genuineAnswers, 95),
		seconds,
	};
}

/** `count` rows for the pay run: the example's four payees in turn, each row its own invoice. */
export function payRunRowsAtScale(count: number, prefix = 'INV-SCALE'): Array<Record<string, string>> {
	const samples = payRunRows();
	return Array.from({ length: count }, (_v, index) => ({ ...samples[index % samples.length], invoice_number: `${prefix}-${pad(index + 1)}` }));
}

/** The scheduled-payouts example with `rows` pinned in place of the sheet, saved in n8n. */
export async function createPayRunAtScale(rest: N8nRest, credential: { id: string; name: string }, rows: Array<Record<string, string>>, name: string): Promise<string> {
	const workflow = exampleWorkflow(PAY_RUN_EXAMPLE, credential) as { name: string; pinData: Record<string, unknown> };
	workflow.name = name;
	workflow.pinData['Read Rows to Pay'] = rows.map((json) => ({ json }));
	return (await rest.createWorkflow(workflow as unknown as Record<string, unknown>)).id;
}

/** Every payout the sandbox holds (through its API, 100 a page). */
export async function sandboxPayouts(sandbox: Sandbox): Promise<Array<Record<string, unknown>>> {
	const all: Array<Record<string, unknown>> = [];
	for (let page = 1; ; page++) {
		const response = await fetch(`${sandbox.url}/api/v1/payouts?per_page=100&page=${page}`, { headers: { authorization: `Bearer ${sandbox.secretKey}` } });
		const body = (await response.json()) as { data: Array<Record<string, unknown>> };
		all.push(...body.data);
		if (body.data.length < 100) return all;
	}
}

/** The pay run's summary line (the first line of "Summarise Pay Run"). */
export function payRunSummary(run: ExecutedRun): string {
	const [summary] = nodeOutput(run, 'Summarise Pay Run');
	return String(summary?.text ?? '').split('\n')[0];
}

/** How many of `runs` each worker ran (`byWorker`: execution id → worker name, from the workers' logs). */
export function runsPerWorker(runs: TriggeredRun[], byWorker: Map<string, string>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const run of runs) {
		const worker = byWorker.get(run.execution.id) ?? 'not a worker';
		counts[worker] = (counts[worker] ?? 0) + 1;
	}
	return counts;
}
