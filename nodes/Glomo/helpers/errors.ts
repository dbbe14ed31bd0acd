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
	'UND_ERR_SOCKET',
]);

/** The system error code of a request that got no HTTP answer (n8n wraps axios' error once). */
export function networkErrorCode(error: unknown): string | undefined {
	for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' && /socket hang up/i.test(message) ? 'ECONNRESET' : undefined;
}

/** Worth another try: the connection failed or was cut, not a refusal by Glomo or a cancelled run. */
export function isTransientNetworkError(error: unknown): boolean {
	const code = networkErrorCode(error);
	return code !== undefined && TRANSIENT_CODES.has(code);
}

/** A request that got no HTTP answer, described without the request (which holds the key). */
export function glomoNetworkError(
	node: INode,
	cause: unknown,
	attempts: number,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError {
	const code = networkErrorCode(cause);
	const text = (cause as { message?: unknown })?.message;
	const message = redact(`Request to Glomo failed: ${code ?? (typeof text === 'string' ? text : 'no answer')}`, secrets);
	const error = new NodeApiError(
		node,
		{ message, code: code ?? null },
		{
			message,
			description: `No HTTP answer after ${attempts} attempt(s). Check the Base URL in the credential and the network.`,
			itemIndex,
		},
	);
	if (code) error.context.glomoCode = code;
	return error;
}
