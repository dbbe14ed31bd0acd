import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_NAME } from './constants';
import { assertEnvironment } from './environment';
import { redact, secretForms } from './redact';

export type GlomoContext = IExecuteFunctions | ILoadOptionsFunctions;

const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 600;
/** Glomo's published limit: 3,000 requests per minute per source IP. */
export const DEFAULT_REQUESTS_PER_MINUTE = 3_000;
const MAX_REQUESTS_PER_MINUTE = 100_000;

/** Everything the transport needs from the credential, checked once before anything is sent. */
export interface GlomoConnection {
	/** what the transport hands n8n to authenticate with: the key exactly as it goes on the wire */
	credentials: ICredentialsDecrypted;
	/** the Base URL's origin and path, ready for glomoUrl() */
	baseUrl: string;
	/** how long one attempt may wait for an answer */
	timeoutMs: number;
	/** the most requests one node run sends in any rolling minute */
	perMinute: number;
	/** every form of the key that must never leave the node */
	secrets: string[];
}

function refuse(node: INode, itemIndex: number, field: string, problem: string, fix: string): NodeOperationError {
	return new NodeOperationError(node, `Glomo credential, ${field}: ${problem}`, {
		itemIndex,
		description: `${fix} Nothing was sent to Glomo.`,
	});
}

/**
 * The secret key as it goes on the wire. Spaces or line breaks around it (a careless paste) are
 * dropped; anything inside it, or any character a header cannot carry, refuses the key.
 */
function checkKey(node: INode, itemIndex: number, raw: string): string {
	const key = raw.trim();
	if (!key) {
		throw refuse(node, itemIndex, 'Secret Key', 'is empty', 'Paste the secret key from the Glomo dashboard (Settings > API Keys).');
	}
	if (/[^\x21-\x7e]/.test(key)) {
		throw refuse(
			node,
			itemIndex,
			'Secret Key',
			'contains a space, a line break or a character that cannot be sent in a header',
			'Paste the key again on its own, without surrounding text.',
		);
	}
	return key;
}

/** A host on this machine: a key sent there never crosses a network (a local proxy, the sandbox). */
function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The Base URL, refused when it could send the key somewhere unintended or requests to the wrong path. */
function checkBaseUrl(node: INode, itemIndex: number, text: string, live: boolean, secrets: string[]): string {
	// spaces around the text need no trimming: the URL parser drops them
	const shown = redact(text, secrets);
	const fix = 'Use the root of the API, such as https://api.glomopay.com.';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw refuse(node, itemIndex, 'Base URL', `"${shown}" is not a URL`, fix);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw refuse(node, itemIndex, 'Base URL', `must start with https:// (got ${url.protocol})`, fix);
	}
	if (url.username || url.password) {
		// never echoed: it holds a password
		throw refuse(
			node,
			itemIndex,
			'Base URL',
			'must not contain a user name or password (user:pass@)',
			'They would replace the secret key in the Authorization header. Remove them from the URL.',
		);
	}
	if (text.includes('?') || text.includes('#')) {
		throw refuse(node, itemIndex, 'Base URL', `"${shown}" has a query (?) or fragment (#)`, fix);
	}
	if (live && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
		throw refuse(
			node,
			itemIndex,
			'Base URL',
			'a Live key is only ever sent over https://',
			'Plain http:// would expose the key and payment data to the network. Use https:// (plain http:// is accepted only for this machine, 127.0.0.1 or localhost).',
		);
	}
	return `${url.origin}${url.pathname}`;
}

/** A number field of the credential within [min, max]; its default when left empty. */
function checkNumber(
	node: INode,
	itemIndex: number,
	raw: unknown,
	{ field, min, max, fallback, fix }: { field: string; min: number; max: number; fallback: number; fix: string },
): number {
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < min || value > max) {
		throw refuse(node, itemIndex, field, `must be from ${min} to ${max}, got ${String(raw)}`, fix);
	}
	return value;
}

/**
 * Reads the Glomo credential and checks it before anything is sent: the key, the Base URL, the
 * timeout, the rate limit and the environment guard (a key from the other environment). Called once
 * per node run (see transport/client.ts): reading a credential is a database query and a decryption.
 */
export async function openConnection(this: GlomoContext, itemIndex: number): Promise<GlomoConnection> {
	const node = this.getNode();
	const data = await this.getCredentials(CREDENTIAL_NAME, itemIndex);
	// Stryker disable next-line StringLiteral: n8n fills every field of a credential with its default ('') before a node reads it, so the fallback is never reached
	const raw = String(data.secretKey ?? '');
	const secrets = secretForms(raw);
	const secretKey = checkKey(node, itemIndex, raw);
	const checked: ICredentialDataDecryptedObject = { ...data, secretKey };
	assertEnvironment(node, checked, false, itemIndex);
	// a Live key on a credential that says Sandbox was refused just above
	const live = data.environment === 'live';
	return {
		// Stryker disable next-line StringLiteral: n8n authenticates with the data and the type it is given apart; the id and name are only there for the type
		credentials: { id: '', name: CREDENTIAL_NAME, type: CREDENTIAL_NAME, data: checked },
		// Stryker disable next-line StringLiteral: as for the key, n8n fills the Base URL with its default first
		baseUrl: checkBaseUrl(node, itemIndex, String(data.baseUrl ?? ''), live, secrets),
		timeoutMs: Math.round(
			checkNumber(node, itemIndex, data.timeout, {
				field: 'Timeout (Seconds)',
				min: 1,
				max: MAX_TIMEOUT_SECONDS,
				fallback: DEFAULT_TIMEOUT_SECONDS,
				fix: 'Set how long to wait for an answer from Glomo.',
			}) * 1000,
		),
		perMinute: Math.floor(
			checkNumber(node, itemIndex, data.requestsPerMinute, {
				field: 'Rate Limit (Requests per Minute)',
				min: 1,
				max: MAX_REQUESTS_PER_MINUTE,
				fallback: DEFAULT_REQUESTS_PER_MINUTE,
				fix: `Set the limit of your Glomo account (${DEFAULT_REQUESTS_PER_MINUTE} unless Glomo gave you another).`,
			}),
		),
		secrets,
	};
}
