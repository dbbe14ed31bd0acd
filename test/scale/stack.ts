/**
 * n8n 2.8.4 in queue mode, as companies run it: PostgreSQL as the database, Redis as the queue, one
 * main (editor, REST API, activation; production webhooks off), one `n8n webhook` processor that
 * takes the production webhooks, and `n8n worker` processes that run the executions. Every process
 * has its own user folder with the package installed as a community package, its own ports (task
 * runner broker included) and the same encryption key; all listen on 127.0.0.1 only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureN8n, freePort, installPackageInto, N8nRest, packPackage, startN8n, type N8nInstance } from '../e2e/n8n';
import { ensureServerPackages, startPostgres, startRedis, type Postgres, type Server } from './services';

type Log = (line: string) => void;

export interface Worker {
	name: string;
	instance: N8nInstance;
	/** the worker's health server (`/healthz/readiness`) */
	healthUrl: string;
}

export interface QueueStack {
	postgres: Postgres;
	redis: Server;
	main: N8nInstance;
	webhook: N8nInstance;
	workers: Worker[];
	/** the editor and REST API */
	mainUrl: string;
	/** where production webhooks go (WEBHOOK_URL of every process) */
	webhookUrl: string;
	rest: N8nRest;
	/** execution id → name of the worker that ran it, from the workers' logs */
	executionsByWorker(): Map<string, string>;
	/** starts a worker again under the same name (after it was killed) */
	restartWorker(name: string): Promise<Worker>;
	stop(): Promise<void>;
}

export interface QueueStackOptions {
	log?: Log;
	workers?: number;
	/** executions each worker runs at once (`n8n worker --concurrency`, n8n's default 10) */
	concurrency?: number;
	/** extra environment for every n8n process */
	env?: Record<string, string>;
	/** the main's port (editor and REST API) and the webhook processor's; default: free ones */
	mainPort?: number;
	webhookPort?: number;
}

const STARTED = /Worker started execution (\d+) \(job/g;

/** Starts PostgreSQL, Redis, the main, the webhook processor and the workers; `stop` ends and deletes them all. */
export async function startQueueStack({ log = () => {}, workers: workerCount = 2, concurrency = 10, env = {}, mainPort: chosenMainPort, webhookPort: chosenWebhookPort }: QueueStackOptions = {}): Promise<QueueStack> {
	ensureServerPackages(log);
	await ensureN8n(log);
	const root = mkdtempSync(join(tmpdir(), 'glomo-queue-'));
	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		for (const part of started.reverse()) await part.stop().catch(() => undefined);
		rmSync(root, { recursive: true, force: true });
	};
	try {
		const postgres = await startPostgres({ log });
		started.push(postgres);
		const redis = await startRedis({ log });
		started.push(redis);

		const mainPort = chosenMainPort ?? (await freePort());
		const webhookPort = chosenWebhookPort ?? (await freePort());
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const shared: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// manual runs (the editor's Execute workflow) go to the workers too, as n8n recommends
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_EDITOR_BASE_URL: `${mainUrl}/`,
			WEBHOOK_URL: `${webhookUrl}/`,
			...env,
		};
		// packed once, installed into each process's user folder
		const tarball = packPackage(root);
		const folder = (name: string) => {
			const userFolder = join(root, name);
			installPackageInto(userFolder, tarball);
			return userFolder;
		};

		// the main first: it creates the database tables
		const main = await startN8n({
			userFolder: folder('main'),
			port: mainPort,
			log,
			env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		});
		started.push(main);

		const startWorker = async (name: string): Promise<Worker> => {
			const healthPort = await freePort();
			const healthUrl = `http://127.0.0.1:${healthPort}`;
			const instance = await startN8n({
				userFolder: join(root, name),
				port: healthPort,
				log,
				command: ['worker', `--concurrency=${concurrency}`],
				// info: the worker logs each execution it starts (see executionsByWorker)
				env: { ...shared, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', N8N_LOG_LEVEL: 'info' },
				isReady: async () => await answers(`${healthUrl}/healthz/readiness`),
			});
			return { name, instance, healthUrl };
		};
		const workerNames = Array.from({ length: workerCount }, (_v, index) => `worker-${index + 1}`);
		for (const name of workerNames) folder(name);
		const [webhook, ...workers] = await Promise.all([
			startN8n({
				userFolder: folder('webhook'),
				port: webhookPort,
				log,
				command: ['webhook'],
				env: shared,
				isReady: async () => await answers(`${webhookUrl}/healthz/readiness`),
			}),
			...workerNames.map(startWorker),
		]);
		started.push(webhook, ...workers.map((worker) => ({ stop: () => worker.instance.stop() })));

		const rest = new N8nRest(mainUrl);
		await rest.ownerSession();
		const stack: QueueStack = {
			postgres,
			redis,
			main,
			webhook,
			workers,
			mainUrl,
			webhookUrl,
			rest,
			executionsByWorker() {
				const byExecution = new Map<string, string>();
				for (const worker of stack.workers) {
					const text = readFileSync(join(worker.instance.userFolder, 'n8n.log'), 'utf8');
					for (const match of text.matchAll(STARTED)) byExecution.set(match[1], worker.name);
				}
				return byExecution;
			},
			async restartWorker(name) {
				const index = stack.workers.findIndex((worker) => worker.name === name);
				await stack.workers[index].instance.stop();
				const worker = await startWorker(name);
				stack.workers[index] = worker;
				started.push({ stop: () => worker.instance.stop() });
				return worker;
			},
			stop: stopAll,
		};
		return stack;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(url)).status === 200;
	} catch {
		return false;
	}
}
