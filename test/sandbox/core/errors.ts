import * as http from 'node:http';

/** Reason phrase for a status code, as used in the `error` field of flat error bodies. */
export function reasonPhrase(status: number): string {
	return http.STATUS_CODES[status] ?? 'Error';
}

/** Flat Glomo-style error body: `{"error": <reason>, "message": <text>}` (+ optional `code`). */
export interface ErrorBody {
	error?: string;
	message?: string;
	code?: string;
}

/**
 * Thrown by handlers and helpers; the HTTP layer turns it into a response.
 * `body` is sent verbatim, so variants (message only, extra `code`, resource object as body) are possible.
 */
export class ApiError extends Error {
	readonly status: number;
	readonly body: unknown;

	constructor(status: number, message: string, extra?: { code?: string; error?: string | null; body?: unknown }) {
		super(message);
		this.status = status;
		if (extra?.body !== undefined) {
			this.body = extra.body;
		} else {
			const body: ErrorBody = {};
			if (extra?.error !== null) body.error = extra?.error ?? reasonPhrase(status);
			body.message = message;
			if (extra?.code) body.code = extra.code;
			this.body = body;
		}
	}
}

export const badRequest = (message: string, code?: string): ApiError => new ApiError(400, message, { code });
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const unauthorized = (message: string): ApiError => new ApiError(401, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);
export const unprocessable = (message: string, code?: string): ApiError => new ApiError(422, message, { code });
