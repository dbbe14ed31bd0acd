import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { GlomoConnection, GlomoContext } from '../helpers/connection';
import { CREDENTIAL_NAME } from '../helpers/constants';
import {
	glomoAnswerError,
	glomoApiError,
	glomoNetworkError,
	glomoRedirectError,
	isTransient,
	noAnswerOf,
	type NoAnswer,
	parseErrorBody,
	type WriteInfo,
} from '../helpers/errors';
import { isPlainObject, parseJsonBounded } from '../helpers/json';
import { encodeMultipart, type MultipartUpload } from '../helpers/multipart';
import { redactDeep, secretForms } from '../helpers/redact';
import type { GlomoSession } from './client';
import { backoff } from './gate';
import { acceptExisting, type IdempotentCreate } from './idempotency';

/**
 * What a 2xx answer must be: one JSON object (default), one page of a list, an unpaged list
 * (`{data: [records]}` with no page_meta), or a JSON array of objects.
 */
export type ExpectedAnswer = 'object' | 'list' | 'data' | 'array';

export interface GlomoRequest {
	method: IHttpRequestMethods;
	/** Path as the reference writes it: `/customer` (v1) or `/v2/beneficiaries` (v2). */
	path: string;
	body?: IDataObject;
	/** a multipart/form-data body instead of JSON (POST /document, the one upload in the API) */
	upload?: MultipartUpload;
	qs?: IDataObject;
	/** Mock endpoints: refused with a Live credential. */
	sandboxOnly?: boolean;
	/** the item the request is for (0 for a dropdown search): errors name it */
	itemIndex: number;
	expect?: ExpectedAnswer;
	/** at most this many attempts (default 5): a lookup made while a create is being retried tries once */
	attempts?: number;
	/**
	 * A create whose body carries a request_id Glomo de-duplicates: its output is marked
	 * `duplicate`, and a reuse by an earlier run gives that run's record (when it is the same
	 * payment) instead of an error.
	 */
	idempotent?: IdempotentCreate;
	/**
	 * Values of this request masked like the key wherever they come back, in its output and its
	 * errors (a card number: a server or a proxy that echoes the body must not put it in n8n).
	 */
	secrets?: readonly string[];
}

const MAX_ATTEMPTS = 5;
const BASE_DELAY_MS = 400;
const MAX_DELAY_MS = 10_000;
/** No attempt starts with less time than this left in the call's budget. */
const MIN_ATTEMPT_MS = 500;
/** A page of 100 Glomo records is well under 1 MB: anything past this is not Glomo. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([500, 502, 503, 504]);
/**
 * How long one request may keep being refused by the rate limit before it gives up. Glomo counts
 * over a rolling minute, so this covers several windows; a cancelled execution stops at once.
 */
export const RATE_LIMIT_BUDGET_MS = 5 * 60_000;
const DUPLICATE_REQUEST_ID = /already exists/i;
/**
 * Glomo locks a payment while one refund of it is processed: a second create meanwhile is refused
 * with 409 "Refund is being processed" before anything is done, and is to be sent again shortly.
 */
const BEING_PROCESSED = /being processed/i;

/**
 * Joins the credential's Base URL and a reference path. Paths beginning with /v2/ belong to the
 * sibling /api/v2 root; everything else to /api/v1. A Base URL that already ends in /api or
 * /api/v1 is accepted too.
 */
export function glomoUrl(baseUrl: string, path: string): string {
	const root = baseUrl.trim().replace(/\/+$/, '').replace(/\/api(\/v\d+)?$/, '');
	const clean = `/${path.replace(/^\/+/, '')}`;
	const versioned = /^\/v\d+\//.test(clean) ? clean : `/v1${clean}`;
	return `${root}/api${versioned}`;
}

/** The request_id a write carries in its body (Glomo's idempotency key), if it is text. */
function requestIdOf(request: GlomoRequest): string | undefined {
	const requestId = request.body?.request_id;
	return typeof requestId === 'string' ? requestId : undefined;
}

/** What an error about a write needs to say how to check its outcome; undefined for reads. */
function writeInfo(request: GlomoRequest, requestId: string | undefined): WriteInfo | undefined {
	return request.method === 'GET' ? undefined : { method: request.method, path: request.path, requestId };
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	// Node hands header values over without surrounding blanks
	if (typeof value !== 'string') return undefined;
	if (/^\d+$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function cancelSignal(ctx: GlomoContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/** What one attempt came to: an answer, no (complete) answer, or an answer too large to read. */
type Exchange =
	| { kind: 'answer'; status: number; headers: IDataObject; text: string }
	| ({ kind: 'none' } & NoAnswer)
	| { kind: 'tooLarge'; status: number };

const LATE: unique symbol = Symbol('late');
/** How far past an attempt's deadline axios' own timeout is set, so the deadline always decides. */
const AXIOS_TIMEOUT_MARGIN_MS = 5_000;

/**
 * Runs `work` with a deadline: when it passes, `onLate` is called (to destroy a stream) and LATE
 * is returned. The deadline is an AbortSignal.timeout: nothing to cancel when work ends first (its
 * timer is unreferenced and only ever fires into a removed listener), so an answer that arrives in
 * time costs no aborted controller and no cancellation error, which n8n's sleepWithAbort builds.
 */
async function withDeadline<T>(work: Promise<T>, ms: number, onLate: () => void): Promise<T | typeof LATE> {
	const deadline = AbortSignal.timeout(Math.max(1, Math.ceil(ms)));
	let late: () => void = () => undefined;
	const lateness = new Promise<typeof LATE>((resolve) => {
		late = () => {
			onLate();
			resolve(LATE);
		};
		deadline.addEventListener('abort', late);
	});
	try {
		return await Promise.race([work, lateness]);
	} finally {
		// Stryker disable next-line all: a deadline that fires after the race only destroys a stream already read; removing its listener keeps a late timer from touching anything at all
		deadline.removeEventListener('abort', late);
	}
}

interface StreamBody {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy(): void;
}

/**
 * Reads an answer's body (n8n hands it over as a stream: `encoding: 'stream'`) as text: at most
 * MAX_BODY_BYTES, and never past the deadline.
 */
async function readBody(body: unknown, deadline: number, status: number): Promise<string | Exchange> {
	const stream = body as StreamBody;
	const stop = () => stream.destroy();
	const read = (async (): Promise<string | Exchange> => {
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			for await (const chunk of stream) {
				const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
				size += buffer.length;
				if (size > MAX_BODY_BYTES) {
					stop();
					return { kind: 'tooLarge', status };
				}
				chunks.push(buffer);
			}
		} catch {
			// the body broke off after the headers: the connection was closed before a whole answer
			return { kind: 'none', code: 'ECONNRESET', status };
		}
		return Buffer.concat(chunks).toString('utf8');
	})();
	const text = await withDeadline(read, deadline - Date.now(), stop);
	return text === LATE ? { kind: 'none', code: 'ETIMEDOUT', status } : text;
}

/** One HTTP exchange within `left` ms: no redirects followed, the body read as a bounded stream, the key from the checked credential. */
async function exchange(this: GlomoContext, connection: GlomoConnection, request: GlomoRequest, left: number): Promise<Exchange> {
	// sockets wait in real time, whatever clock the retries use
	const deadline = Date.now() + left;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: glomoUrl(connection.baseUrl, request.path),
		qs: request.qs,
		body: request.body,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		// the attempt's deadline below ends it. axios' own timeout (n8n's default is 5 minutes, less
		// than a long attempt may take) is put past it, so it never decides instead: axios 1.12
		// rejects at it without closing the socket either, and under a code of its own
		timeout: Math.ceil(left) + AXIOS_TIMEOUT_MARGIN_MS,
	};
	if (request.upload) {
		// the bytes go as they are: n8n hands a Buffer body with its own Content-Type to axios untouched
		const { body, contentType } = encodeMultipart(request.upload);
		options.body = body;
		options.headers = { 'Content-Type': contentType };
	}

	let response: IN8nHttpFullResponse | typeof LATE;
	try {
		const sending = this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options, {
			credentialsDecrypted: connection.credentials,
		}) as Promise<IN8nHttpFullResponse>;
		response = await withDeadline(sending, left, () => undefined);
	} catch (error) {
		return { kind: 'none', ...noAnswerOf(error) };
	}
	if (response === LATE) return { kind: 'none', code: 'ETIMEDOUT' };
	const text = await readBody(response.body, deadline, response.statusCode);
	if (typeof text !== 'string') return text;
	return { kind: 'answer', status: response.statusCode, headers: (response.headers ?? {}) as IDataObject, text };
}

/**
 * A parsed answer with the key masked wherever it appears. Without a backslash in the text, every
 * string JSON.parse made is a piece of the text as written; so when no form of the key occurs in
 * the text, none occurs in the value, and the walk over every value is skipped (a page of 100
 * records is handed on as parsed, with no copy). Any escape sends the value through the walk.
 */
function masked(value: unknown, text: string, secrets: readonly string[]): unknown {
	// Stryker disable next-line StringLiteral: with '' every text counts as escaped, so the walk runs needlessly, to the same value
	if (!text.includes('\\') && !secrets.some((secret) => text.includes(secret))) return value;
	return redactDeep(value, secrets);
}

/** The problem with a 2xx answer's text, or its parsed and masked value when it has the expected shape. */
function checkAnswer(text: string, expect: ExpectedAnswer | undefined, secrets: readonly string[]): { value: unknown } | { problem: string } {
	const parsed = parseJsonBounded(text);
	if (!parsed.ok) return { problem: parsed.problem };
	const value = parsed.value;
	if (expect === 'array') {
		return Array.isArray(value) && value.every(isPlainObject)
			? { value: masked(value, text, secrets) }
			: { problem: 'something other than a list of records' };
	}
	if (!isPlainObject(value)) return { problem: value === null ? 'null instead of a record' : 'something other than a JSON object' };
	if (expect === 'list' || expect === 'data') {
		if (!Array.isArray(value.data)) return { problem: 'a list answer without a data array' };
		if (!value.data.every(isPlainObject)) return { problem: 'a data array that holds something other than records' };
		if (expect === 'list' && !isPlainObject(value.page_meta)) return { problem: 'a list answer without its page_meta' };
	}
	return { value: masked(value, text, secrets) };
}

/**
 * The one place that talks HTTP to Glomo, for one request of a node run: pacing, URL, auth,
 * retries within a time budget, request_id recovery, answer checking, redaction and error mapping.
 */
export async function sendRequest(this: GlomoContext, session: GlomoSession, request: GlomoRequest): Promise<any> {
	const { itemIndex } = request;
	const node = this.getNode();
	const { connection, gate, clock } = session;
	const secrets = request.secrets?.length ? [...connection.secrets, ...request.secrets.flatMap(secretForms)] : connection.secrets;
	const requestId = requestIdOf(request);
	// a create with a request_id: Glomo dedupes it, and what an attempt made can be looked up
	const createId = request.method === 'POST' ? requestId : undefined;
	// reads may always be retried after a failure; a create only when idempotent. A 429 is another
	// matter: Glomo's gateway refuses it before any processing, so every request goes again after one.
	const retryable = request.method === 'GET' || createId !== undefined;
	const write = writeInfo(request, requestId);
	const maxAttempts = request.attempts ?? MAX_ATTEMPTS;
	// what this create made, when an attempt of it may have been carried out; nothing for other requests
	// A lookup that fails finds nothing: the caller then sends the create again (Glomo refuses a
	// reuse of its request_id) or reports what it knows, with the request_id to check.
	const madeEarlier = async (): Promise<IDataObject | undefined> =>
		createId === undefined ? undefined : await findByRequestId.call(this, session, request, createId).catch(() => undefined);
	// only creates are marked idempotent, and a create without a request_id finds nothing to recover
	const idempotent = request.idempotent;
	/** a record this create found already made: checked to be the same payment, and marked */
	const found = (record: IDataObject, earlierRun: boolean): IDataObject =>
		idempotent ? acceptExisting(node, itemIndex, idempotent, request.body ?? {}, String(createId), record, earlierRun) : record;
	// whether an attempt of this very call may have been carried out (its answer was lost or broken,
	// or a 5xx came back): a record then found under its request_id may be this call's own
	let mayHaveMade = false;
	const signal = cancelSignal(this);
	const started = clock.now();
	// a read may spend two timeouts across all its attempts; a write that is not retried, one.
	// Time spent waiting for the rate gate does not count: it is moved on by every wait.
	let deadline = started + connection.timeoutMs * (retryable ? 2 : 1);
	let firstRefusal: number | undefined;
	const seconds = () => Math.round((clock.now() - started) / 100) / 10;
	const canWait = (ms: number) => clock.now() + ms + MIN_ATTEMPT_MS <= deadline;

	for (let attempt = 1; ; ) {
		const ticket = await gate.acquire(signal);
		deadline += ticket.waitedMs;
		const answer = await exchange.call(this, connection, request, deadline - clock.now());

		if (answer.kind === 'answer' && answer.status === 429) {
			// refused before any processing: every request may go again, within the rate budget
			const pauseMs = gate.refused(ticket.sentAt, retryAfterMs(answer.headers['retry-after']));
			firstRefusal ??= ticket.sentAt;
			const waited = clock.now() - firstRefusal;
			if (waited + pauseMs <= RATE_LIMIT_BUDGET_MS && signal?.aborted !== true) continue;
			const minutes = Math.round(waited / 6_000) / 10;
			throw glomoApiError(node, 429, answer.text, itemIndex, secrets, {
				note: `Glomo's rate limit kept refusing it for ${minutes} min; nothing was carried out. Lower the credential's Rate Limit (Requests per Minute), or spread the runs that share this account's limit.`,
				outcome: 'not sent',
			});
		}
		gate.admitted();

		if (answer.kind === 'tooLarge') {
			const problem = `a body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, which was not read`;
			throw glomoAnswerError(node, answer.status, problem, '', itemIndex, secrets, answer.status < 300 ? write : undefined);
		}
		if (answer.kind === 'none') {
			mayHaveMade = true;
			// a create that got no whole answer (and no error status) may have been carried out: look
			// it up before sending it again (a lookup is a read, and finds what a lost answer hid;
			// after a failed connect it finds nothing, or fails as fast)
			if (Number(answer.status ?? 0) < 300) {
				const existing = await madeEarlier();
				if (existing) return found(existing, false);
			}
			const delay = backoff(attempt, BASE_DELAY_MS, MAX_DELAY_MS);
			if (signal?.aborted !== true && retryable && attempt < maxAttempts && isTransient(answer) && canWait(delay)) {
				await clock.sleep(delay, signal);
				attempt++;
				continue;
			}
			throw glomoNetworkError(node, answer, { attempts: attempt, seconds: seconds(), itemIndex, secrets, write });
		}

		const { status } = answer;
		// Node's client hands over no 1xx as a final answer
		if (status < 300) {
			const checked = checkAnswer(answer.text, request.expect, secrets);
			if ('value' in checked) return idempotent ? { ...(checked.value as IDataObject), duplicate: false } : checked.value;
			// a create with a request_id was carried out though its answer is broken: fetch what it made
			const existing = await madeEarlier();
			if (existing) return found(existing, false);
			throw glomoAnswerError(node, status, checked.problem, answer.text, itemIndex, secrets, write);
		}
		if (status < 400) throw glomoRedirectError(node, status, answer.headers.location, itemIndex, secrets);

		const busy = status === 409 && BEING_PROCESSED.test(answer.text);
		mayHaveMade ||= RETRYABLE_STATUS.has(status);
		if (retryable && attempt < maxAttempts && (RETRYABLE_STATUS.has(status) || busy)) {
			const delay = backoff(attempt, BASE_DELAY_MS, MAX_DELAY_MS);
			if (canWait(delay)) {
				await clock.sleep(delay, signal);
				attempt++;
				continue;
			}
		}
		// A create we retried was committed by an earlier attempt whose answer got lost: hand back
		// that record rather than an error (and never create a second one). When no attempt of this
		// call can have made it, an idempotent create's request_id was used by an earlier run (or a
		// simultaneous one): that run's record, marked.
		if ((attempt > 1 || idempotent) && (status === 409 || status === 400)) {
			const { message, error } = parseErrorBody(answer.text);
			if (DUPLICATE_REQUEST_ID.test(`${message} ${error}`)) {
				const existing = await madeEarlier();
				if (existing) return found(existing, !mayHaveMade);
			}
		}
		throw glomoApiError(node, status, answer.text, itemIndex, secrets);
	}
}

/** The record a create with this request_id made, if Glomo lists exactly that request_id. */
async function findByRequestId(
	this: GlomoContext,
	session: GlomoSession,
	request: GlomoRequest,
	requestId: string,
): Promise<IDataObject | undefined> {
	const found = (await sendRequest.call(this, session, {
		method: 'GET',
		path: request.path,
		qs: { request_id: requestId },
		itemIndex: request.itemIndex,
		expect: 'list',
		// the create itself is retried: a lookup that fails leaves the next attempt to the create
		attempts: 1,
	})) as { data: IDataObject[] };
	return found.data.find((record) => record.request_id === requestId);
}
