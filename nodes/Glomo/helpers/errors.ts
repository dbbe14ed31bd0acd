import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Replaces every occurrence of a secret in a text. Applied to everything that leaves the node. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
	}
	return out;
}

/** Glomo's error body is flat: {error, message, code?}; any of them may be missing. */
export function parseErrorBody(body: unknown): { error?: string; message?: string; code?: string } {
	let value = body;
	if (typeof body === 'string') {
		try {
			value = JSON.parse(body);
		} catch {
			return { message: body.trim() || undefined };
		}
	}
	if (!value || typeof value !== 'object') return {};
	const { error, message, code } = value as IDataObject;
	return {
		error: typeof error === 'string' ? error : undefined,
		message: typeof message === 'string' ? message : undefined,
		code: typeof code === 'string' ? code : undefined,
	};
}

/** A NodeApiError built only from what Glomo answered: never from the request (which holds the key). */
export function glomoApiError(
	node: INode,
	status: number,
	body: unknown,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError {
	const parsed = parseErrorBody(body);
	const message = redact(parsed.message ?? parsed.error ?? `Glomo answered HTTP ${status}`, secrets);
	const details = [`HTTP ${status}`];
	if (parsed.error && parsed.message) details.push(redact(parsed.error, secrets));
	if (parsed.code) details.push(`code ${parsed.code}`);
	const response: JsonObject = { httpCode: String(status), message };
	if (parsed.code) response.code = parsed.code;
	const error = new NodeApiError(node, response, {
		message,
		description: `Glomo rejected the request (${details.join(', ')})`,
		httpCode: String(status),
		itemIndex,
	});
	error.context.glomoStatus = status;
	if (parsed.code) error.context.glomoCode = parsed.code;
	return error;
}

const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** n8n replaces a socket error's text with a friendly sentence; these map it back to the code. */
const FRIENDLY_TEXT: Array<[RegExp, string]> = [
	[/socket hang up|closed unexpectedly/i, 'ECONNRESET'],
	[/refused the connection/i, 'ECONNREFUSED'],
	[/connection timed out/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
	[/incorrect host/i, 'ENOTFOUND'],
];

/**
 * The system error code of a request that got no HTTP answer. n8n wraps axios' error in a
 * NodeApiError that keeps the original text in `messages`, so both are searched.
 */
export function networkErrorCode(error: unknown): string | undefined {
	const candidate = error as { code?: unknown; message?: unknown; messages?: unknown; cause?: { code?: unknown } };
	if (!candidate || typeof candidate !== 'object') return undefined;
	for (const code of [candidate.code, candidate.cause?.code]) {
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	const texts = [candidate.message, ...(Array.isArray(candidate.messages) ? candidate.messages : [])].filter(
		(text): text is string => typeof text === 'string',
	);
	for (const text of texts) {
		const code = /\b(E[A-Z]{2,}(?:_[A-Z]+)?)\b/.exec(text)?.[1];
		if (code) return code;
	}
	for (const text of texts) {
		for (const [pattern, code] of FRIENDLY_TEXT) if (pattern.test(text)) return code;
	}
	return undefined;
}

/** Worth another try: the connection failed or was cut, not a refusal by Glomo or a cancelled run. */
export function isTransientNetworkError(error: unknown): boolean {
	const code = networkErrorCode(error);
	return code !== undefined && TRANSIENT_CODES.has(code);
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the connection was aborted',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	EPIPE: 'the connection was closed while sending',
	EAI_AGAIN: 'the host name could not be resolved right now',
	ENOTFOUND: 'the host name does not exist',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

/** A request that got no HTTP answer, described without the request (which holds the key). */
export function glomoNetworkError(
	node: INode,
	cause: unknown,
	attempts: number,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError {
	const code = networkErrorCode(cause);
	// n8n swaps a message that names a system error code for its own sentence, so the code
	// goes into the description
	const what = code ? (NETWORK_WORDS[code] ?? 'the connection failed') : 'no answer';
	const message = redact(`Glomo could not be reached: ${what}`, secrets);
	const error = new NodeApiError(
		node,
		{ message },
		{
			message,
			description: `${code ? `${code}. ` : ''}No HTTP answer after ${attempts} attempt(s): check the Base URL in the credential and the network.`,
			itemIndex,
		},
	);
	if (code) error.context.glomoCode = code;
	return error;
}
