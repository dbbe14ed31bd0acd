/**
 * Run the Glomo sandbox from a terminal:
 *
 *   npx ts-node --transpile-only test/sandbox/cli.ts [--port N] [--rate-429 R] [--rate-5xx R]
 *       [--drop-after-commit R] [--latency-ms N] [--rpm-limit N] [--seed N]
 *       [--webhook-url URL]... [--webhook-secret S]
 *
 * Stays up until SIGINT / SIGTERM, then closes cleanly.
 */
import { describeFaults, Faults, SandboxOptions, startSandbox } from './index';

const DEFAULT_PORT = 4010;

const USAGE = `Usage: ts-node --transpile-only test/sandbox/cli.ts [options]
  --port N               listen on 127.0.0.1:N (default ${DEFAULT_PORT}; 0 = any free port)
  --rate-429 R           share of requests answered 429 (0..1)
  --rate-5xx R           share of requests answered 500/502/503 (0..1)
  --drop-after-commit R  share of write requests committed, then dropped without a response (0..1)
  --latency-ms N         delay added to every response
  --rpm-limit N          requests per rolling minute before 429 (0 = unlimited)
  --seed N               PRNG seed (faults and ids)
  --webhook-url URL      webhook target (repeatable)
  --webhook-secret S     webhook signing secret
  --help                 show this text`;

const FAULT_FLAGS: Record<string, keyof Faults> = {
	'--rate-429': 'rate429',
	'--rate-5xx': 'rate5xx',
	'--drop-after-commit': 'dropAfterCommit',
	'--latency-ms': 'latencyMs',
	'--rpm-limit': 'rpmLimit',
};

function fail(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

function parseNumber(flag: string, raw: string | undefined): number {
	if (raw === undefined) fail(`${flag} needs a value`);
	const n = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(n)) fail(`${flag} expects a number, got '${raw}'`);
	return n;
}

export function parseArgs(argv: string[]): SandboxOptions {
	const opts: SandboxOptions = { port: DEFAULT_PORT };
	const faults: Partial<Faults> = {};
	const urls: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		let flag = argv[i];
		let inline: string | undefined;
		const eq = flag.indexOf('=');
		if (flag.startsWith('--') && eq > 0) {
			inline = flag.slice(eq + 1);
			flag = flag.slice(0, eq);
		}
		const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--help' || flag === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else if (flag === '--port') {
			const port = parseNumber(flag, value());
			if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer 0..65535`);
			opts.port = port;
		} else if (flag === '--seed') {
			opts.seed = parseNumber(flag, value());
		} else if (flag === '--webhook-url') {
			const url = value();
			if (!url) fail('--webhook-url needs a value');
			urls.push(url);
		} else if (flag === '--webhook-secret') {
			const secret = value();
			if (secret === undefined) fail('--webhook-secret needs a value');
			opts.webhookSecret = secret;
		} else if (flag in FAULT_FLAGS) {
			faults[FAULT_FLAGS[flag]] = parseNumber(flag, value());
		} else {
			fail(`Unknown option '${argv[i]}'`);
		}
	}
	if (Object.keys(faults).length) opts.faults = faults;
	if (urls.length) opts.webhookUrls = urls;
	return opts;
}

async function main(): Promise<void> {
	const opts = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox(opts);
	const lines = [
		'Glomo sandbox is running',
		`  Base URL:    ${sandbox.url}`,
		`  API:         ${sandbox.url}/api/v1  (v2: ${sandbox.url}/api/v2)`,
		`  Secret key:  ${sandbox.secretKey}`,
		`  Faults:      ${describeFaults(opts.faults ?? {})}`,
		`  Webhooks:    ${opts.webhookUrls?.length ? opts.webhookUrls.join(', ') : 'none'}`,
		`  Admin:       ${sandbox.url}/__sandbox/health (requests, faults, keys, webhooks, events)`,
		'Press Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\nReceived ${signal}, closing sandbox...\n`);
		sandbox.close().then(
			() => {
				process.stdout.write('Sandbox closed.\n');
				process.exit(0);
			},
			(err: unknown) => {
				process.stderr.write(`Error while closing: ${String(err)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((err: unknown) => {
		process.stderr.write(`Failed to start the sandbox: ${(err as Error)?.message ?? String(err)}\n`);
		process.exit(1);
	});
}
