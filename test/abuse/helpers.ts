/** Shared pieces of the abuse suite: a key to hunt for, and runs through the real transport and node. */
import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../harness';
import type { GlomoRequest, ListOptions } from '../../nodes/Glomo/transport';
import { probe } from '../transport/helpers';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A key shaped like Glomo's (an RS256 JWT with an env claim) with a long random signature to hunt for. */
export function fakeKey(env: 'sandbox' | 'production' = 'sandbox'): string {
	const signature = Buffer.from(Array.from({ length: 48 }, () => Math.floor(Math.random() * 256))).toString('base64url');
	return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ sub: 'merch_abuse', env, jti: Math.random().toString(36) })}.${signature}`;
}

/**
 * How many times the key shows in a text: whole, or its signature part alone (which no
 * redaction may leave behind), URL-encoded or not.
 */
export function occurrences(text: string, key: string): number {
	const signature = key.trim().split('.').pop() ?? key.trim();
	let count = 0;
	for (const form of new Set([key.trim(), signature, encodeURIComponent(signature)])) {
		count += text.split(form).length - 1;
	}
	return count;
}

/** Runs one request through the real transport at `url` with the key; timeouts short so silence is quick. */
export async function attack(
	url: string,
	key: string,
	request: Omit<GlomoRequest, 'itemIndex'>,
	options: { list?: ListOptions; continueOnFail?: boolean; timeout?: number; environment?: 'sandbox' | 'live' } = {},
): Promise<RunResult> {
	return await probe(
		{ secretKey: key, baseUrl: url, timeout: options.timeout ?? 2, environment: options.environment },
		request,
		{ list: options.list, continueOnFail: options.continueOnFail },
	);
}

/** A page of a Glomo list answer. */
export function page(data: IDataObject[], meta: IDataObject): string {
	return JSON.stringify({ data, page_meta: { per_page: 100, ...meta } });
}
