import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { sleepWithAbort } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../helpers/constants';
import { assertEnvironment } from '../helpers/environment';
import { glomoApiError, glomoNetworkError, isTransientNetworkError, parseErrorBody } from '../helpers/errors';

type GlomoContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface GlomoRequest {
	method: IHttpRequestMethods;
	/** Path as the reference writes it: `/customer` (v1) or `/v2/beneficiaries` (v2). */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Mock endpoints: refused with a Live credential. */
	sandboxOnly?: boolean;
	itemIndex?: number;
}

export interface ListOptions {
	returnAll: boolean;
	limit: number;
	/** Pin `before` to the start of the listing so new records cannot shift pages. Default true. */
	pinWindow?: boolean;
}

const MAX_ATTEMPTS = 5;
const BASE_DELAY_MS = 400;
const MAX_DELAY_MS = 10_000;
const MAX_PER_PAGE = 100;
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const DUPLICATE_REQUEST_ID = /already exists/i;

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

/** Reads may always be retried; a create only when it carries a request_id (Glomo dedupes it). */
function isRetryable(request: GlomoRequest): boolean {
	if (request.method === 'GET' || request.method === 'HEAD') return true;
	return request.method === 'POST' && typeof request.body?.request_id === 'string';
}

/** Exponential backoff with equal jitter: half fixed, half random. */
function backoffDelay(attempt: number): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Waits before the next attempt; a cancelled execution stops the wait. */
async function pause(this: GlomoContext, attempt: number): Promise<void> {
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	await sleepWithAbort(backoffDelay(attempt), signal);
}

/**
 * The one place that talks HTTP to Glomo: environment guard, URL, auth, retries with backoff,
 * request_id recovery and error mapping.
 */
export async function glomoApiRequest(this: GlomoContext, request: GlomoRequest): Promise<any> {
	const itemIndex = request.itemIndex ?? 0;
	const node = this.getNode();
	const credentials = await this.getCredentials(CREDENTIAL_NAME, itemIndex);
	const secrets = [String(credentials.secretKey ?? '')];
	assertEnvironment(node, credentials, request.sandboxOnly === true, itemIndex);

	const options: IHttpRequestOptions = {
		method: request.method,
		url: glomoUrl(String(credentials.baseUrl ?? ''), request.path),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 60_000,
	};
	if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.body !== undefined) options.body = request.body;

	const retryable = isRetryable(request);
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (retryable && attempt < MAX_ATTEMPTS && isTransientNetworkError(error)) {
				await pause.call(this, attempt);
				continue;
			}
			throw glomoNetworkError(node, error, attempt, itemIndex, secrets);
		}

		const status = response.statusCode;
		if (status < 400) return response.body;

		if (retryable && attempt < MAX_ATTEMPTS && RETRYABLE_STATUS.has(status)) {
			await pause.call(this, attempt);
			continue;
		}
		// A create we retried was committed by an earlier attempt whose answer got lost:
		// hand back that record rather than an error (and never create a second one).
		if (attempt > 1 && (status === 409 || status === 400) && request.method === 'POST') {
			const { message, error } = parseErrorBody(response.body);
			if (DUPLICATE_REQUEST_ID.test(`${message ?? ''} ${error ?? ''}`)) {
				const existing = await findByRequestId.call(this, request);
				if (existing) return existing;
			}
		}
		throw glomoApiError(node, status, response.body, itemIndex, secrets);
	}
}

async function findByRequestId(this: GlomoContext, request: GlomoRequest): Promise<IDataObject | undefined> {
	const found = await glomoApiRequest.call(this, {
		method: 'GET',
		path: request.path,
		qs: { request_id: request.body?.request_id as string },
		itemIndex: request.itemIndex,
	});
	const records = Array.isArray(found?.data) ? (found.data as IDataObject[]) : [];
	return records.find((record) => record.request_id === request.body?.request_id);
}

/** Just after the newest created_at among records, as ISO-8601; undefined when none has one. */
function justAfterNewest(records: IDataObject[]): string | undefined {
	const times = records.map((record) => Date.parse(String(record.created_at))).filter((time) => !Number.isNaN(time));
	return times.length ? new Date(Math.max(...times) + 1).toISOString() : undefined;
}

/**
 * Lists every page of a Glomo list endpoint: per_page 100 (or the limit), next page from
 * page_meta.next until null, and a stop at the limit. After the first page, `before` is pinned
 * just after the newest record that page showed (Glomo's clock, not ours), so records created
 * during the listing cannot push older ones onto the next page (duplicates) or be half-listed.
 */
export async function glomoApiRequestAllItems(
	this: GlomoContext,
	request: GlomoRequest,
	list: ListOptions,
): Promise<IDataObject[]> {
	const perPage = list.returnAll ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, list.limit));
	const qs: IDataObject = { ...request.qs, per_page: perPage };
	const pin = list.pinWindow !== false && qs.before === undefined;

	const records: IDataObject[] = [];
	const seen = new Set<unknown>();
	let page = 1;
	for (;;) {
		const response = await glomoApiRequest.call(this, { ...request, qs: { ...qs, page } });
		const data = Array.isArray(response?.data) ? (response.data as IDataObject[]) : [];
		if (pin && page === 1) qs.before = justAfterNewest(data);
		for (const record of data) {
			// a safety net for a record seen on two pages (equal timestamps at the pin)
			if (record.id !== undefined) {
				if (seen.has(record.id)) continue;
				seen.add(record.id);
			}
			records.push(record);
			if (!list.returnAll && records.length >= list.limit) return records;
		}
		const next = response?.page_meta?.next;
		if (typeof next !== 'number' || next <= page || data.length === 0) return records;
		page = next;
	}
}
