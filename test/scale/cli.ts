/**
 * `npm run scale`: n8n in queue mode with the Glomo nodes, on the local Glomo sandbox.
 *   build (done by the npm script) -> sandbox on 127.0.0.1 -> Debian's postgresql and redis-server
 *   (installed once if missing) on free loopback ports with throwaway data -> n8n's main, webhook
 *   processor and workers, each with the package installed as a community package -> owner, Glomo
 *   credential and example workflows -> URLs. Ctrl-C stops and deletes everything.
 * Options: --port N (main: editor and REST API, default 5678), --webhook-port N (webhook
 *   processor, default 5679), --sandbox-port N (default 4010), --workers N (default 2),
 *   --load (then fire 1,000 signed events, 10 % forged, at the billing example and print the figures).
 */
import { option, step } from '../harness/cli';
import { startSandbox } from '../sandbox';
import { BILLING_EXAMPLE, OWNER, provisionExamples, settledExecutions } from '../e2e/n8n';
import { fireEvents, planEvents, readTriggeredRuns, runsPerWorker, webhookFigures } from './load';
import { startQueueStack, type QueueStack } from './stack';

const WEBHOOK_SECRET = 'whsec_local_demo_secret';

async function main() {
	const port = option('port', 5678);
	const webhookPort = option('webhook-port', 5679);
	const sandboxPort = option('sandbox-port', 4010);
	const workers = option('workers', 2);

	const sandbox = await step(
		`Starting the Glomo sandbox on 127.0.0.1:${sandboxPort}`,
		async () => await startSandbox({ port: sandboxPort }),
		`free port ${sandboxPort} or pass --sandbox-port <another>`,
	);
	let stack: QueueStack | undefined;
	const shutdown = async () => {
		console.log('\nStopping the workers, the webhook processor, the main, Redis and PostgreSQL (their data is deleted)…');
		await stack?.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());

	stack = await step(
		`Starting PostgreSQL, Redis and n8n in queue mode (main, webhook processor, ${workers} workers)`,
		async () => await startQueueStack({ log: (line) => console.log(`  ${line}`), workers, mainPort: port, webhookPort }),
		`free ports ${port} and ${webhookPort} or pass --port and --webhook-port; as a user other than root, install Debian's postgresql and redis-server first`,
		async () => await sandbox.close(),
	);
	const running = stack;
	const { workflowIds, billingUrl, triggerUrl } = await step(
		'Creating the owner account, the Glomo credential and the example workflows',
		async () => await provisionExamples(running.rest, sandbox, running.webhookUrl, { credentialName: 'Glomo sandbox (local)', webhookSecret: WEBHOOK_SECRET }),
		'see the message above; the main\'s log is in its user folder',
		async () => {
			await running.stop();
			await sandbox.close();
		},
	);

	console.log(`
n8n is running in queue mode.
  Editor (main):       ${running.mainUrl}   login ${OWNER.email} / ${OWNER.password}
  Webhook processor:   ${running.webhookUrl}   (production webhooks, e.g. ${billingUrl})
${running.workers.map((worker) => `  ${worker.name}:            ${worker.healthUrl}/healthz (pid ${worker.instance.process.pid})`).join('\n')}
  PostgreSQL:          127.0.0.1:${running.postgres.port}, database ${running.postgres.database}, user ${running.postgres.user} (data in ${running.postgres.dir})
  Redis:               127.0.0.1:${running.redis.port} (data in ${running.redis.dir})
  Glomo sandbox:       ${sandbox.url} (credential "Glomo sandbox (local)" points at it)
Try: "Glomo: Scheduled payouts" -> Execute workflow: a worker runs it. Send a signed event through the webhook processor:
  curl -s -X POST ${sandbox.url}/__sandbox/events -H 'content-type: application/json' \\
    -d '{"entity_type":"payment","event_type":"success","data":{"id":"payt_demo1","status":"success","requested_amount":125050,"requested_currency":"USD","sender_name":"Asha Rao"}}'
  and see the run under Executions (${triggerUrl}). Ctrl-C stops everything.`);

	if (process.argv.includes('--load')) {
		console.log('\n• Firing 1,000 signed Glomo events (100 forged) at the billing example through the webhook processor…');
		const plan = planEvents(1_000);
		const sent = await fireEvents(sandbox, billingUrl, WEBHOOK_SECRET, plan);
		const executions = await settledExecutions(running.rest, workflowIds[BILLING_EXAMPLE], 900, 600_000);
		const runs = await readTriggeredRuns(running.rest, executions);
		const figures = webhookFigures(sent, runs);
		const perWorker = runsPerWorker(runs, running.executionsByWorker());
		const refused = sent.filter((s) => s.event.forgery && s.status === 401).length;
		console.log(`
| Events sent | Executions | Forged refused (401) | Throughput | n8n answers Glomo (p50 / p95) | Send → execution finished (p50 / p95) | Per worker |
|---|---|---|---|---|---|---|
| ${figures.events} | ${executions.length} | ${refused} of ${figures.forged} | ${figures.throughput.toFixed(1)}/s | ${Math.round(figures.answerP50Ms)} / ${Math.round(figures.answerP95Ms)} ms | ${Math.round(figures.p50Ms)} / ${Math.round(figures.p95Ms)} ms | ${Object.entries(perWorker).map(([name, count]) => `${name} ${count}`).join(', ')} |`);
		// the sandbox goes back to both examples' triggers
		sandbox.setWebhookTargets([triggerUrl, billingUrl], WEBHOOK_SECRET);
	}
}

void main();
