/**
 * Public types of the Glomo sandbox (the in-memory imitation of the Glomo REST API).
 * Other test code depends on these shapes: change them only together with their users.
 */

/** Fault knobs. Ratios are 0..1; `rpmLimit` 0 means unlimited. */
export interface Faults {
	/** Share of API requests answered 429 `{"message":"Too Many Requests"}` before any processing. */
	rate429: number;
	/** Share of API requests answered 500/502/503 (flat error body) before any processing. */
	rate5xx: number;
	/** Share of write requests (POST/PATCH/PUT/DELETE) that are processed and committed, then the socket is destroyed without a response. */
	dropAfterCommit: number;
	/** Delay added before every API response (ms). */
	latencyMs: number;
	/** Requests admitted per rolling minute; the excess gets 429 (message-only body). 0 = unlimited. */
	rpmLimit: number;
	/** Seconds a 429 asks the client to wait (Retry-After header). 0 = no header, as Glomo. */
	retryAfterSec: number;
}

/** Capabilities Glomo switches on per account; each changes how creates come out. All off by default. */
export interface AccountSettings {
	/** payout queueing: every payout is created `queued` (released by the Mock Status `pending` step) */
	payoutQueueing: boolean;
	/** maker-checker: every payout is created `pending_approval` (approved in the dashboard, which the sandbox has not) */
	makerChecker: boolean;
	/** beneficiary review: new beneficiaries are created `pending` until reviewed */
	beneficiaryReview: boolean;
	/** notes keys the account requires on (v2) beneficiaries: a missing one is a 422 */
	beneficiaryNotes: string[];
	/** post-payment screening: a sanctions hit leaves the payment `success` with a compliance RFI (else `action_required` SANCTION_HIT) */
	postPaymentScreening: boolean;
	/** payment sessions not enabled for the business: `POST /payment-sessions` answers 403 (off = sessions work, as the sandbox starts) */
	paymentSessionsDisabled: boolean;
}

export interface SandboxOptions {
	/** the account's capabilities (default: all off) */
	account?: Partial<AccountSettings>;
	/** TCP port on 127.0.0.1; 0 (default) = ephemeral. */
	port?: number;
	faults?: Partial<Faults>;
	/** PRNG seed for fault decisions and generated ids; default random. */
	seed?: number;
	webhookUrls?: string[];
	webhookSecret?: string;
	/** opening balances in minor units (default: a fresh sandbox account's), e.g. for loads larger than it holds */
	balances?: Record<string, { available: number; pending: number }>;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. `/api/v1/customer`. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body, or undefined when there was none / it did not parse. */
	body: unknown;
	rawBody: string;
	/** the body exactly as received (for multipart uploads, whose file bytes are not UTF-8) */
	rawBytes: Buffer;
	/** Status sent, or 0 when the response was dropped (or not sent yet). */
	status: number;
	/** The JSON body sent back, when one was sent. */
	responseBody?: unknown;
	/** Arrival time, ISO-8601. */
	at: string;
}

export interface DeliveredWebhook {
	url: string;
	/** Exact body bytes sent (RFC 8785 canonical JSON). */
	body: string;
	/** Value of `X-Glomopay-Signature`. */
	signature: string;
	/** Status returned by the target, 0 on network error / timeout. */
	status: number;
	at: string;
}

export interface Sandbox {
	/** Base URL, e.g. http://127.0.0.1:41234 (the API lives under /api/v1 and /api/v2). */
	url: string;
	/** A valid key: RS256 JWT whose payload has env 'sandbox' and sub = merchant id. */
	secretKey: string;
	/** Mint another accepted key (production-env keys are accepted by this fake too). */
	issueKey(env: 'sandbox' | 'production'): string;
	/** Every API request (not the /__sandbox admin routes), in arrival order. */
	requests: RecordedRequest[];
	clearRequests(): void;
	/** Called BEFORE the request is handled; the handler waits for a returned promise. */
	onRequest(fn: ((r: RecordedRequest) => void | Promise<void>) | undefined): void;
	setFaults(f: Partial<Faults>): void;
	resetFaults(): void;
	/** Change the account's capabilities (the rest stay as they are). */
	setAccount(settings: Partial<AccountSettings>): void;
	webhooks: DeliveredWebhook[];
	setWebhookTargets(urls: string[], secret: string): void;
	/** Deliver `{entity_type, event_type, data}` to all targets; resolves with the deliveries once every one has finished. */
	emitEvent(entityType: string, eventType: string, data: object): Promise<DeliveredWebhook[]>;
	/** Put a record straight into a collection, filling id/created_at/updated_at if missing. */
	insert(kind: string, record: Record<string, unknown>): Record<string, unknown>;
	/**
	 * Test-only (no HTTP route; Glomo has no KYC mock): move a KYC link's journey on, to `to` or to the next
	 * step of initiated → in_progress → under_review → completed, with its `kyc_journey` webhook. Returns the link.
	 */
	advanceKycLink(id: string, to?: string): Record<string, unknown>;
	/**
	 * Test-only (no HTTP route; Glomo's sandbox cannot trigger a renewal): the daily subscription renewal run
	 * for `date` (YYYY-MM-DD): due active subscriptions charged (payment.success), moved to their next date or
	 * completed; unpaid ones past their link's expiry expired. Returns the payment and subscription ids.
	 */
	runSubscriptionRenewals(date: string): { payments: string[]; completed: string[]; expired: string[] };
	/** Close the server, every open socket, timer and outgoing webhook request. */
	close(): Promise<void>;
}
