/**
 * PostgreSQL and Redis for n8n's queue mode, as the project's own throwaway servers: Debian's
 * `postgresql` and `redis-server` packages (installed with apt-get when missing, with daemons kept
 * from starting at install), each started by hand on a free loopback port with a data folder of its
 * own under the system's temp folder, stopped and deleted afterwards. No system service is used or
 * left running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, killGroupAtExit, stopGroup } from '../e2e/n8n';

type Log = (line: string) => void;

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin), if any. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * Installs what is missing of Debian's postgresql and redis-server, as root, with a policy-rc.d
 * that keeps the packages' own services from starting (put back as it was afterwards).
 */
export function ensureServerPackages(log: Log = () => {}): void {
	const missing = [...(postgresBinDir() ? [] : ['postgresql']), ...(existsSync(REDIS_SERVER) ? [] : ['redis-server'])];
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`Debian's ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing and this user cannot install ${missing.length > 1 ? 'them' : 'it'}: run \`apt-get install ${missing.join(' ')}\` as root.`);
	}
	log(`Installing Debian's ${missing.join(' and ')} (first run only)…`);
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) writeFileSync(policy, '#!/bin/sh\n# written by n8n-nodes-glomo while installing its test servers: start no services\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
			const run = spawnSync('apt-get', args, { env, encoding: 'utf8' });
			if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${run.status}):\n${(run.stderr || run.stdout).trim().split('\n').slice(-10).join('\n')}`);
		}
	} finally {
		if (ownPolicy) unlinkSync(policy);
	}
	if (!postgresBinDir() || !existsSync(REDIS_SERVER)) throw new Error(`apt-get installed ${missing.join(' ')} but the server binaries are not where Debian puts them`);
}

export interface Server {
	port: number;
	dir: string;
	pid: number;
	stop(): Promise<void>;
}

/** A stop that ends the server's process group and deletes `dir`; the same if the test process dies first. */
function supervise(child: ChildProcess, dir: string): { stop: () => Promise<void>; exited: () => number | null | undefined } {
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));
	killGroupAtExit(child, () => rmSync(dir, { recursive: true, force: true }));
	const stop = async () => {
		// SIGINT is PostgreSQL's fast shutdown; Redis saves nothing (no persistence) and exits
		await stopGroup(child, 'SIGINT', 15_000);
		rmSync(dir, { recursive: true, force: true });
	};
	return { stop, exited: () => exited };
}

async function waitFor(check: () => Promise<boolean>, what: string, exited: () => number | null | undefined, logFile: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (exited() !== undefined) {
			const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n') : '';
			throw new Error(`${what} exited while starting:\n${tail}`);
		}
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`${what} did not answer within 60 s; see ${logFile}`);
		await new Promise((done) => setTimeout(done, 200));
	}
}

export interface Postgres extends Server {
	user: string;
	database: string;
}

/**
 * A PostgreSQL cluster in a new temp folder (owned by the `postgres` user when run as root, since
 * PostgreSQL refuses to run as root), listening on 127.0.0.1 only, trust auth for its one user,
 * with one database.
 */
export async function startPostgres({ database = 'n8n', user = 'glomo', log = () => {} }: { database?: string; user?: string; log?: Log } = {}): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (call ensureServerPackages first)');
	const dir = mkdtempSync(join(tmpdir(), 'glomo-pg-'));
	const asRoot = process.getuid?.() === 0;
	const runAs = (command: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
	if (asRoot) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
		if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('the postgres system user is missing (it comes with Debian\'s postgresql package)');
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const [initCommand, initArgs] = runAs(join(bin, 'initdb'), ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed: ${(init.stderr || init.stdout).trim()}`);
	}
	const port = await freePort();
	const logFile = join(dir, 'postgres.log');
	const out = createWriteStream(logFile);
	const [command, args] = runAs(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'max_connections=200']);
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	const { stop, exited } = supervise(child, dir);
	const isReady = async () => spawnSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
	try {
		await waitFor(isReady, `PostgreSQL on port ${port}`, exited, logFile);
		const created = spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], { encoding: 'utf8' });
		if (created.status !== 0) throw new Error(`createdb ${database} failed: ${created.stderr.trim()}`);
	} catch (error) {
		await stop();
		throw error;
	}
	log(`PostgreSQL ${bin.split('/').at(-2)} on 127.0.0.1:${port} (data in ${dir})`);
	return { port, dir, pid: child.pid as number, user, database, stop };
}

/** Sends one Redis command over the wire protocol and returns the first reply line. */
export async function redisCommand(port: number, ...words: string[]): Promise<string> {
	return await new Promise((done, fail) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(2_000, () => socket.destroy(new Error('Redis did not answer')));
		socket.on('connect', () => socket.write(`*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.end();
				done(reply.split('\r\n')[0]);
			}
		});
		socket.on('error', fail);
	});
}

/** A Redis server in a new temp folder on 127.0.0.1, with no persistence. */
export async function startRedis({ log = () => {} }: { log?: Log } = {}): Promise<Server> {
	if (!existsSync(REDIS_SERVER)) throw new Error('Redis is not installed (call ensureServerPackages first)');
	const dir = mkdtempSync(join(tmpdir(), 'glomo-redis-'));
	const port = await freePort();
	const logFile = join(dir, 'redis.log');
	const child = spawn(
		REDIS_SERVER,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', logFile],
		{ stdio: 'ignore', detached: true },
	);
	const { stop, exited } = supervise(child, dir);
	try {
		await waitFor(async () => (await redisCommand(port, 'PING').catch(() => '')) === '+PONG', `Redis on port ${port}`, exited, logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	log(`Redis on 127.0.0.1:${port} (data in ${dir})`);
	return { port, dir, pid: child.pid as number, stop };
}

// `ts-node test/scale/services.ts --install`: what .ci/run calls before the end-to-end suite
if (require.main === module && process.argv.includes('--install')) {
	try {
		ensureServerPackages((line) => console.log(line));
		console.log(`PostgreSQL server: ${postgresBinDir()}; Redis server: ${REDIS_SERVER}`);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}
