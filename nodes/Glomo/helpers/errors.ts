import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isPlainObject, parseJsonBounded } from './json';
import { redact, redactDeep, redactSecretFields } from './redact';

/** What the transport knows of a write when it reports a failure: so the error can say what to check. */
export interface WriteInfo {
	method: string;
	path: string;
	requestId?: string;
}

/** How to check a write whose outcome is unknown, and whether running it again is safe. */
function checkAdvice(write: WriteInfo): string {
	if (write.requestId) {
		return `Look it up by its request_id "${write.requestId}" (Get Many filtered by request_id, or GET ${write.path}?request_id=${write.requestId}) before doing anything else; sending it again with the same request_id cannot carry it out twice.`;
	}
	return 'Check in Glomo (Get or Get Many, or the dashboard) whether it was carried out before running this again: running it again could do it twice.';
}

function withContext(error: NodeApiError, context: IDataObject): NodeApiError {
	for (const [key, value] of Object.entries(context)) if (value !== undefined) error.context[key] = value;
	return error;
}

/**
 * Glomo's error body is flat: {error, message, code?}; any of them may be missing. Some refusals
 * are the record itself (a refund failed at creation answers 422 with the refund): its id and status.
 */
export function parseErrorBody(text: string): { error?: string; message?: string; code?: string; id?: string; status?: string } {
	const parsed = parseJsonBounded(text);
	if (!parsed.ok) return { message: excerpt(redactSecretFields(text)) || undefined };
	const value = parsed.value;
	if (!isPlainObject(value)) return {};
	const { error, message, code, id, status } = value as IDataObject;
	const field = (value: unknown) => (typeof value === 'string' && value.trim() ? excerpt(value, 500) : undefined);
	return { error: field(error), message: field(message), code: field(code), id: field(id), status: field(status) };
}

/** Control characters, shown escaped in error messages (a body could carry terminal escapes). */
const CONTROL = new RegExp('[\\u0000-\\u001f\\u007f]', 'g');

/** A text with its control characters shown escaped, so it cannot break or forge log lines. */
export function printable(text: string): string {
	return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The start of a text for an error message: one line, control characters escaped, at most `max` characters. */
export function excerpt(text: string, max = 160): string {
	const visible = printable(text.trim().replace(/\s+/g, ' '));
	return visible.length > max ? `${visible.slice(0, max)}…` : visible;
}

/**
 * A NodeApiError built only from what Glomo answered, with every field masked for the key: never
 * from the request (which holds the key).
 */
export function glomoApiError(
	node: INode,
	status: number,
	body: string,
	itemIndex: number,
	secrets: readonly string[],
	/** what the transport adds: why it stopped retrying, and whether anything was carried out */
	extra: { note?: string; outcome?: 'not sent' } = {},
): NodeApiError {
	// masked before anything is cut short, so no part of the key survives at a cut
	const parsed = redactDeep(parseErrorBody(redact(body, secrets)), secrets);
	const message = parsed.message ?? parsed.error ?? `Glomo answered HTTP ${status}`;
	const details = [`HTTP ${status}`];
	if (parsed.error && parsed.message) details.push(parsed.error);
	if (parsed.code) details.push(`code ${parsed.code}`);
	const response: JsonObject = { httpCode: String(status), message };
	if (parsed.code) response.code = parsed.code;
	const error = new NodeApiError(node, response, {
		message,
		description: `Glomo rejected the request (${details.join(', ')})${extra.note ? `. ${extra.note}` : ''}`,
		httpCode: String(status),
		itemIndex,
	});
	return withContext(error, { glomoStatus: status, glomoCode: parsed.code, recordId: parsed.id, recordStatus: parsed.status, outcome: extra.outcome });
}

/**
 * A 2xx answer that is not what the operation expects (HTML, an empty or cut-off body, null, a
 * list without its data): never taken as data. For a write, the server accepted it, so it was
 * probably carried out.
 */
export function glomoAnswerError(
	node: INode,
	status: number,
	problem: string,
	text: string,
	itemIndex: number,
	secrets: readonly string[],
	write?: WriteInfo,
): NodeApiError {
	const message = `Glomo answered HTTP ${status} with ${problem}`;
	const began = text.trim() ? `The answer began: "${excerpt(redactSecretFields(redact(text, secrets)))}". ` : '';
	const advice = write
		? `The request was accepted (HTTP ${status}), so it was probably carried out. ${checkAdvice(write)}`
		: 'Nothing was taken from it. A proxy or a wrong Base URL in the credential usually causes this.';
	const error = new NodeApiError(node, { httpCode: String(status), message }, {
		message,
		description: `${began}${advice}`,
		httpCode: String(status),
		itemIndex,
	});
	return withContext(error, { glomoStatus: status, outcome: write ? 'unknown' : undefined, requestId: write?.requestId });
}

/**
 * A 3xx from the Base URL. Glomo's API never redirects, so the call ends here: the redirect is not
 * followed, the key goes nowhere else and nothing is sent again. Only the target's origin and path
 * are shown (its query could carry anything).
 */
export function glomoRedirectError(
	node: INode,
	status: number,
	location: unknown,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError {
	let target = 'an address it did not give';
	// Node's HTTP parser hands header values over trimmed
	// Stryker disable next-line ConditionalExpression: Node hands a Location header over as a string or not at all (a repeated one is dropped), so the typeof only narrows the type
	if (typeof location === 'string' && location) {
		try {
			const url = new URL(location, 'http://relative.invalid');
			target = url.origin === 'http://relative.invalid' ? url.pathname : `${url.origin}${url.pathname}`;
		} catch {
			target = 'an address that is not a URL';
		}
	}
	const message = `Glomo's address answered with a redirect (HTTP ${status}) to ${excerpt(redact(target, secrets), 200)}`;
	const error = new NodeApiError(node, { httpCode: String(status), message }, {
		message,
		description:
			'Glomo\'s API does not redirect, so the redirect was not followed: the secret key was sent to no other address and the request was not sent again. Check the Base URL in the credential (https://, the right host, no proxy that redirects).',
		httpCode: String(status),
		itemIndex,
	});
	return withContext(error, { glomoStatus: status });
}

/** What is known of an attempt that got no (complete) HTTP answer. */
export interface NoAnswer {
	/** Node's system error code (ECONNRESET, ...); ETIMEDOUT when the attempt ran out of time */
	code?: string;
	/** the connection was never made (no address for the host, or connecting failed): nothing was sent */
	notSent?: boolean;
	/** the HTTP status, when the answer began but its body never arrived whole */
	status?: number;
}

/** Node's text for a system error: the system call, then the code ("connect ECONNREFUSED 127.0.0.1:443"). */
// Stryker disable next-line Regex: every text n8n keeps from Node or axios that holds a system call and code begins with them, so the anchor changes no match
const SYSTEM_ERROR = /^(\w+) (E[A-Z_]+)\b/;
/** axios' own text for a connection closed before an answer, which names no code */
const HANG_UP = 'socket hang up';

/**
 * What the error n8n threw says of a request that got no answer. n8n wraps axios' error in a
 * NodeApiError that keeps none of its fields (its message is replaced by a friendly sentence)
 * but the original text in `messages`: Node's system error, or axios' own words.
 */
export function noAnswerOf(error: unknown): NoAnswer {
	const messages = (error as { messages?: unknown }).messages;
	// Stryker disable next-line ArrayDeclaration: a made-up text in place of no messages names neither a system error nor a hang-up, so nothing is found either way
	for (const text of Array.isArray(messages) ? messages.map(String) : []) {
		const system = SYSTEM_ERROR.exec(text);
		// a name lookup or a connect that failed: the request never left this machine
		if (system) return { code: system[2], notSent: system[1] === 'getaddrinfo' || system[1] === 'connect' };
		if (text === HANG_UP) return { code: 'ECONNRESET' };
	}
	return {};
}

/** Worth another try: the connection failed or was cut, but not because the host does not exist. */
export function isTransient(answer: NoAnswer): boolean {
	return answer.code !== undefined && answer.code !== 'ENOTFOUND';
}

/** The failures a user meets most, in words; any other is "the connection failed" and its code. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'the request timed out',
	ENOTFOUND: 'the host name does not exist',
};

export interface NoAnswerInfo {
	attempts: number;
	seconds: number;
	itemIndex: number;
	secrets: readonly string[];
	/** set for a write (anything but a read): the error then says what is known of its outcome */
	write?: WriteInfo;
}

/**
 * A request that got no (complete) HTTP answer, described without the request (which holds the
 * key). A read is harmless; for a write it says what is known: refused before sending (nothing
 * happened), or sent with no answer (the outcome is unknown, and how to check it).
 */
export function glomoNetworkError(node: INode, answer: NoAnswer, info: NoAnswerInfo): NodeApiError {
	const { code, status } = answer;
	// n8n swaps a message that names a system error code for its own sentence, so the code
	// goes into the description
	const what = code ? (NETWORK_WORDS[code] ?? 'the connection failed') : 'no answer';
	const named = code ? `${code}. ` : '';
	const tried = `${info.attempts} attempt(s) in ${info.seconds} s`;
	let message: string;
	let description: string;
	let outcome: string | undefined;
	if (answer.notSent) {
		message = `Glomo could not be reached: ${what}`;
		description = `${named}Nothing was sent (${tried}): check the Base URL in the credential and the network.`;
		outcome = info.write ? 'not sent' : undefined;
	} else if (info.write) {
		const how = status === undefined ? what : `its answer (HTTP ${status}) was cut off`;
		message = `Glomo did not answer: the request was sent and whether it was carried out is unknown (${how})`;
		description = `${named}No complete answer after ${tried}. ${checkAdvice(info.write)}`;
		outcome = 'unknown';
	} else {
		message = status === undefined ? `Glomo did not answer: ${what}` : `Glomo's answer (HTTP ${status}) was cut off: ${what}`;
		description = `${named}No complete answer after ${tried}; nothing was changed. Check the Base URL in the credential and the network, or raise the credential's Timeout.`;
	}
	const error = new NodeApiError(node, { message: redact(message, info.secrets) }, {
		message: redact(message, info.secrets),
		description: redact(description, info.secrets),
		itemIndex: info.itemIndex,
	});
	return withContext(error, { glomoCode: code, outcome, requestId: info.write?.requestId });
}

/**
 * A listing whose pages contradict each other (a `next` that does not advance, pages that repeat,
 * more pages than announced, a total that does not match): stopped, and nothing is returned, so
 * that no loop runs on and no record goes missing without a word.
 */
export function glomoListError(node: INode, problem: string, page: number, itemIndex: number): NodeApiError {
	const message = `Glomo's list pages are inconsistent: ${problem}`;
	const error = new NodeApiError(node, { message }, {
		message,
		description: `Stopped at page ${page} and returned nothing, rather than loop or return a partial list. Run it again; if it persists, narrow the listing with Filters or a Limit.`,
		itemIndex,
	});
	return withContext(error, { page });
}
