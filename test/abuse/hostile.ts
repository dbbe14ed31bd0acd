/**
 * A misbehaving "Glomo" on a loopback port for the abuse suite: each test sets what it answers.
 * Every request it receives is recorded (method, URL, headers, body), so tests can assert what
 * was sent, how often, and where the key went.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, received: Received, count: number) => unknown;

export class HostileServer {
	readonly received: Received[] = [];
	url = '';
	private behaviour: Behaviour = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();

	constructor() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
				this.received.push(received);
				(async () => await this.behaviour(req, res, received, this.received.length))().catch(() => res.destroy());
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	/** What the server does with the next requests; the log is cleared. */
	behave(behaviour: Behaviour): void {
		this.received.length = 0;
		this.behaviour = behaviour;
	}

	/** Answers every request with this status, body and headers. */
	answer(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): void {
		this.behave((_req, res) => res.writeHead(status, headers).end(body));
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}
}

/** One hostile server for a test file, started before its tests and closed after. */
export function useHostile(): HostileServer {
	const server = new HostileServer();
	beforeAll(async () => await server.start());
	afterAll(async () => await server.close());
	return server;
}
