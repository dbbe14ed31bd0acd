/**
 * Shared helpers for the Glomo node tests (test/nodes/*.test.ts). Every test runs the real node
 * through n8n-core's WorkflowExecute (test/harness) against a real sandbox on a loopback port.
 */
import type { IDataObject } from 'n8n-workflow';

import { linearWorkflow, runWorkflow, type GlomoCredentials, type RunResult } from '../harness';
import type { RecordedRequest, Sandbox } from '../sandbox';

export interface RunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** overrides of the credential (key, environment, base URL) */
	credentials?: Partial<GlomoCredentials>;
	/** the workflow's time zone setting */
	timezone?: string;
	/** the node's clock for waits: virtual by default (see the harness) */
	clock?: 'real' | 'virtual';
}

/** Runs one Glomo node after a Start node, with the sandbox's key unless told otherwise. */
export async function runGlomo(sandbox: Sandbox, parameters: IDataObject, options: RunOptions = {}): Promise<RunResult> {
	return await runWorkflow({
		...linearWorkflow({ parameters, continueOnFail: options.continueOnFail }, options.items ?? [{}]),
		credentials: { secretKey: sandbox.secretKey, baseUrl: sandbox.url, environment: 'sandbox', ...options.credentials },
		timezone: options.timezone,
		clock: options.clock,
	});
}

/** A resource-locator value, as the editor stores it. */
export function rl(value: string, mode: 'id' | 'list' = 'id'): IDataObject {
	return { __rl: true, mode, value };
}

/** What the sandbox received, without headers that vary (for exact comparisons). */
export function summary(request: RecordedRequest): { method: string; path: string; query: Record<string, string>; body: unknown } {
	return { method: request.method, path: request.path, query: request.query, body: request.body };
}

/** Every recorded request carried exactly this Bearer key. */
export function expectBearer(requests: RecordedRequest[], key: string): void {
	expect(requests.length).toBeGreaterThan(0);
	for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${key}`);
}

/** The run's error must be a NodeOperationError (serialised by WorkflowExecute) for this item. */
export function expectOperationError(result: RunResult, message: string | RegExp, itemIndex = 0): void {
	const error = result.error;
	expect(error).toBeDefined();
	expect(error?.name).toBe('NodeOperationError');
	if (typeof message === 'string') expect(error?.message).toBe(message);
	else expect(error?.message).toMatch(message);
	expect(error?.context?.itemIndex).toBe(itemIndex);
	expect(result.items('Glomo')).toEqual([]);
}

/** The run's error must be a NodeApiError built from Glomo's answer. */
export function expectApiError(result: RunResult, message: string, httpCode: string, itemIndex = 0): void {
	const error = result.error;
	expect(error).toBeDefined();
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe(message);
	expect(String(error?.httpCode)).toBe(httpCode);
	expect(error?.context?.itemIndex).toBe(itemIndex);
}

let emailCounter = 0;

/** A unique email per call (customers are unique per email + country in a sandbox). */
export function uniqueEmail(tag: string): string {
	emailCounter++;
	return `${tag}.${emailCounter}.${Date.now().toString(36)}@example.com`;
}

/** A customer row for `sandbox.insert('customer', …)`, shaped like the ones Glomo returns. */
export function customerRecord(overrides: IDataObject = {}): IDataObject {
	return {
		name: 'Seeded Customer',
		customer_type: 'individual',
		email: uniqueEmail('seeded'),
		phone: null,
		dob: null,
		nationality: null,
		tax_identification_number: null,
		address: '1 Seed Street',
		city: 'Pune',
		state: 'Maharashtra',
		country: 'IND',
		pincode: '411001',
		status: 'active',
		metadata: {},
		user_id: null,
		deleted_at: null,
		...overrides,
	};
}

/** A balance conversion row for `sandbox.insert('balance_conversion', …)`. */
export function conversionRecord(source: string, target: string, overrides: IDataObject = {}): IDataObject {
	return {
		from: { amount: 1000, currency: source },
		to: { amount: 900, currency: target },
		fees: { amount: 5, currency: source },
		mid_market_rate: { currency: target, rate: 0.9 },
		status: 'success',
		...overrides,
	};
}

/** Parameters of a valid Customer › Create, to be overridden per test. */
export function createCustomerParams(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'customer',
		operation: 'create',
		name: 'Asha Rao',
		customerType: 'individual',
		email: uniqueEmail('asha'),
		address: '12 MG Road',
		city: 'Bengaluru',
		state: 'Karnataka',
		country: 'IND',
		pincode: '560001',
		...overrides,
	};
}
