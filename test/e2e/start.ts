/**
 * `npm start`: a working n8n with the Glomo nodes on the local Glomo sandbox.
 *   build (done by the npm script) -> sandbox on 127.0.0.1 -> n8n 2.8.4 installed once into
 *   .n8n-runtime/ -> the packed package installed as a community package -> owner, Glomo
 *   credential and example workflows -> n8n on 127.0.0.1 -> URL, login and what to click first.
 * Options: --port N (n8n, default 5678), --sandbox-port N (default 4010), --fresh (new user folder).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { option, step } from '../harness/cli';
import { startSandbox } from '../sandbox';
import { ensureN8n, installPackageInto, N8nRest, OWNER, provisionExamples, ROOT, startN8n } from './n8n';

const WEBHOOK_SECRET = 'whsec_local_demo_secret';

async function main() {
	const port = option('port', 5678);
	const sandboxPort = option('sandbox-port', 4010);
	const userFolder = join(ROOT, '.n8n-local');
	if (process.argv.includes('--fresh')) rmSync(userFolder, { recursive: true, force: true });

	const sandbox = await step(
		`Starting the Glomo sandbox on 127.0.0.1:${sandboxPort}`,
		async () => await startSandbox({ port: sandboxPort }),
		`free port ${sandboxPort} or pass --sandbox-port <another>`,
	);
	await step('Installing n8n (reused after the first run)', async () => await ensureN8n((line) => console.log(`  ${line}`)), 'see the message above');
	await step('Installing the built package as a community package', () => installPackageInto(userFolder), 'run `npm run build` and check the error above');

	const n8n = await step(
		`Starting n8n on 127.0.0.1:${port}`,
		async () => await startN8n({ userFolder, port, log: (line) => console.log(`  ${line}`) }),
		`free port ${port} or pass --port <another>; the n8n log is in ${join(userFolder, 'n8n.log')}`,
	);
	const shutdown = async () => {
		console.log('\nStopping n8n and the sandbox…');
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());

	const rest = new N8nRest(n8n.url);
	await step('Creating the owner account, the Glomo credential and the example workflows', async () => {
		await rest.ownerSession();
		await provisionExamples(rest, sandbox, n8n.url, { credentialName: 'Glomo sandbox (local)', webhookSecret: WEBHOOK_SECRET });
	}, `delete ${userFolder} (or run with --fresh) and start again`);

	console.log(`
n8n is ready: ${n8n.url}
  Login:     ${OWNER.email} / ${OWNER.password}
  Sandbox:   ${sandbox.url} (credential "Glomo sandbox (local)" points at it)
First click: Overview -> "Glomo: Balances report" -> Execute workflow.
Then open a Glomo node to see every resource and operation.
Pay run: "Glomo: Scheduled payouts" -> Execute workflow pays four sample rows (pinned in place of Google
  Sheets; Slack pinned too): the message is in "Summarise Pay Run". Execute it again: nothing is paid twice.
Webhooks: "Glomo: Payment received → notification" is active; make the sandbox send it a signed event:
  curl -s -X POST ${sandbox.url}/__sandbox/events -H 'content-type: application/json' \\
    -d '{"entity_type":"payment","event_type":"success","data":{"id":"payt_demo1","status":"success","requested_amount":125050,"requested_currency":"USD","sender_name":"Asha Rao"}}'
  and see the run under Executions. Ctrl-C stops n8n and the sandbox.
${existsSync(join(userFolder, 'n8n.log')) ? `n8n's log: ${join(userFolder, 'n8n.log')}` : ''}`);
}

void main();
