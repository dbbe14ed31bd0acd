import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isPlainObject, parseJsonBounded } from './json';

export type GlomoEnvironment = 'sandbox' | 'live';

/**
 * Reads the `env` claim of a Glomo secret key without verifying it. Glomo keys are JWTs whose
 * payload says `sandbox` or `production`; anything that is not a readable JWT gives undefined
 * (and such a key is sent as it is).
 */
export function environmentOfKey(secretKey: string): GlomoEnvironment | undefined {
	const parts = secretKey.split('.');
	if (parts.length !== 3) return undefined;
	const { value } = parseJsonBounded(Buffer.from(parts[1], 'base64url').toString('utf8'));
	const env = isPlainObject(value) ? value.env : undefined;
	if (env === 'sandbox') return 'sandbox';
	if (env === 'production' || env === 'live') return 'live';
	return undefined;
}

const LABEL: Record<GlomoEnvironment, string> = { sandbox: 'Sandbox', live: 'Live' };

/**
 * Refuses, before anything is sent, a key whose own environment contradicts the credential's
 * Environment, and a sandbox-only operation on Live.
 */
export function assertEnvironment(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	sandboxOnly: boolean,
	itemIndex: number,
): void {
	const chosen: GlomoEnvironment = credentials.environment === 'live' ? 'live' : 'sandbox';
	const ofKey = environmentOfKey(String(credentials.secretKey));
	if (ofKey && ofKey !== chosen) {
		throw new NodeOperationError(
			node,
			`The secret key is a ${LABEL[ofKey]} key, but the credential's Environment is ${LABEL[chosen]}`,
			{
				itemIndex,
				description: `Nothing was sent to Glomo. Set the credential's Environment to ${LABEL[ofKey]}, or use a ${LABEL[chosen]} secret key.`,
			},
		);
	}
	// a Live key on a Sandbox credential was refused above
	if (sandboxOnly && chosen === 'live') {
		throw new NodeOperationError(node, 'This operation exists only in the Glomo sandbox', {
			itemIndex,
			description:
				'Mock and test operations are refused with a Live credential, so they can never run against real money. Nothing was sent.',
		});
	}
}
