import * as http from 'node:http';
import * as net from 'node:net';
import { RecordedRequest } from '../types';
import { KeyStore } from './auth';
import { ApiError, badRequest, reasonPhrase } from './errors';
import { FaultInjector } from './faults';
import { ApiRequest, ApiResult, SandboxContext } from './resource';
import { Router } from './router';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type RequestHook = (r: RecordedRequest) => void | Promise<void>;

/** Admin routes (`/__sandbox/...`): no auth, no faults, not recorded. */
export type AdminHandler = (
	method: string,
	path: string,
	body: unknown,
	query: Record<string, string>,
) => Promise<ApiResult>;

export interface FrontendDeps {
	ctx: SandboxContext;
	keys: KeyStore;
	router: Router;
	faults: FaultInjector;
	requests: RecordedRequest[];
	admin: AdminHandler;
}

interface ParsedBody {
	body: unknown;
	error?: ApiError;
}

function parseBody(raw: string, contentType: string | undefined): ParsedBody {
	if (raw.trim() === '') return { body: undefined };
	const ct = (contentType ?? '').toLowerCase();
	if (ct.startsWith('multipart/form-data')) return { body: undefined };
	if (ct !== '' && !ct.includes('json')) {
		return { body: undefined, error: badRequest(`Unsupported Content-Type '${contentType}': request body must be JSON (application/json)`) };
	}
	try {
		return { body: JSON.parse(raw) as unknown };
	} catch (e) {
		return { body: undefined, error: badRequest(`Invalid JSON in request body: ${(e as Error).message}`) };
	}
}

function firstValues(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	params.forEach((value, key) => {
		if (!(key in out)) out[key] = value;
	});
	return out;
}

function isLoopback(addr: string | undefined): boolean {
	return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
}

/**
 * The HTTP side of a sandbox: records requests, applies faults, authenticates, routes, and keeps track of
 * every socket and timer so `close()` leaves nothing behind.
 */
export class HttpFrontend {
	readonly server: http.Server;
	private readonly sockets = new Set<net.Socket>();
	private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private closing = false;
	hook: RequestHook | undefined;

	constructor(private readonly deps: FrontendDeps) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				// Last-resort guard: never let a bug leave the client hanging.
				if (!res.headersSent && !res.destroyed) {
					this.send(res, { status: 500, body: { error: reasonPhrase(500), message: String((err as Error)?.message ?? err) } });
				}
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	listen(port: number): Promise<number> {
		return new Promise((resolve, reject) => {
			const onError = (err: Error): void => reject(err);
			this.server.once('error', onError);
			this.server.listen(port, '127.0.0.1', () => {
				this.server.off('error', onError);
				resolve((this.server.address() as net.AddressInfo).port);
			});
		});
	}

	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		for (const w of Array.from(this.waits)) {
			clearTimeout(w.timer);
			w.resolve();
		}
		this.waits.clear();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		for (const s of Array.from(this.sockets)) s.destroy();
		await closed;
	}

	private sleep(ms: number): Promise<void> {
		if (ms <= 0 || this.closing) return Promise.resolve();
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.waits.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this.waits.add(entry);
		});
	}

	private readBody(req: http.IncomingMessage): Promise<Buffer | null> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			let tooBig = false;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_BODY_BYTES) tooBig = true;
				else chunks.push(chunk);
			});
			req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
			req.on('error', reject);
		});
	}

	private send(res: http.ServerResponse, result: ApiResult): void {
		if (res.destroyed || res.headersSent) return;
		const payload = result.body === undefined ? '' : JSON.stringify(result.body);
		const headers: http.OutgoingHttpHeaders = {
			...result.headers,
			'Cache-Control': 'no-cache',
			'X-Content-Type-Options': 'nosniff',
			'Content-Length': Buffer.byteLength(payload),
		};
		if (payload !== '') headers['Content-Type'] = 'application/json; charset=utf-8';
		res.writeHead(result.status, headers);
		res.end(payload);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const query = firstValues(url.searchParams);
		const bytes = await this.readBody(req);
		const raw = bytes === null ? null : bytes.toString('utf8');
		if (this.closing) {
			req.socket.destroy();
			return;
		}

		if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
			if (!isLoopback(req.socket.remoteAddress)) {
				this.send(res, { status: 403, body: { error: reasonPhrase(403), message: 'Admin routes are loopback only' } });
				return;
			}
			const parsed = parseBody(raw ?? '', req.headers['content-type']);
			if (parsed.error) {
				this.send(res, { status: parsed.error.status, body: parsed.error.body });
				return;
			}
			this.send(res, await this.deps.admin(method, path, parsed.body, query));
			return;
		}

		const parsed: ParsedBody =
			raw === null
				? { body: undefined, error: new ApiError(413, 'Request body is too large') }
				: parseBody(raw, req.headers['content-type']);
		const record: RecordedRequest = {
			method,
			path,
			query,
			headers: { ...req.headers },
			body: parsed.body,
			rawBody: raw ?? '',
			rawBytes: bytes ?? Buffer.alloc(0),
			status: 0,
			at: new Date().toISOString(),
		};
		this.deps.requests.push(record);
		if (this.hook) {
			try {
				await this.hook(record);
			} catch {
				// A failing test hook must not change the API's answer.
			}
			if (this.closing) return;
		}

		const { faults } = this.deps;
		let result: ApiResult;
		let processed = false;
		const canned = faults.gate();
		if (canned) {
			result = canned;
		} else {
			processed = true;
			result = await this.dispatch(method, path, query, req, parsed, raw ?? '', bytes ?? Buffer.alloc(0));
		}
		// Freeze the answer now: later state changes must not leak into it while latency is applied.
		const frozen: ApiResult = {
			status: result.status,
			body: result.body === undefined ? undefined : JSON.parse(JSON.stringify(result.body)),
			headers: result.headers,
		};
		await this.sleep(faults.latencyMs);
		if (this.closing) return;
		if (processed && faults.shouldDrop(method)) {
			record.status = 0;
			req.socket.destroy();
			return;
		}
		record.status = frozen.status;
		record.responseBody = frozen.body;
		this.send(res, frozen);
	}

	private async dispatch(
		method: string,
		path: string,
		query: Record<string, string>,
		req: http.IncomingMessage,
		parsed: ParsedBody,
		rawBody: string,
		rawBytes: Buffer,
	): Promise<ApiResult> {
		try {
			const match = this.deps.router.match(method, path);
			if (!match) throw new ApiError(404, `No route matches ${method} ${path}`);
			const apiReq: ApiRequest = {
				method,
				path,
				params: match.params,
				query,
				headers: { ...req.headers },
				body: parsed.body,
				rawBody,
				rawBytes,
			};
			if (match.def.auth !== false) {
				const key = this.deps.keys.authenticate(req.headers.authorization);
				apiReq.key = key;
				apiReq.token = key.token;
			}
			if (parsed.error) throw parsed.error;
			return await match.def.handler(apiReq, this.deps.ctx);
		} catch (err) {
			if (err instanceof ApiError) return { status: err.status, body: err.body };
			return { status: 500, body: { error: reasonPhrase(500), message: (err as Error)?.message ?? 'Internal error' } };
		}
	}
}
