import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type GlomoEnvironment = 'sandbox' | 'live';

/**
 * Reads the `env` claim of a Glomo secret key without verifying it. Glomo keys are JWTs whose
 * payload says `sandbox` or `production`; anything that is not a readable JWT gives undefined.
 */
export function environmentOfKey(secretKey: string): GlomoEnvironment | undefined {
	const parts = secretKey.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
		const env = (payload as { env?: unknown } | null)?.env;
		if (env === 'sandbox') return 'sandbox';
		if (env === 'production' || env === 'live') return 'live';
	} catch {
		// not a JWT: the key is sent as it is
	}
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
	const ofKey = environmentOfKey(String(credentials.secretKey ?? ''));
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
	if (sandboxOnly && (chosen === 'live' || ofKey === 'live')) {
		throw new NodeOperationError(node, 'This operation exists only in the Glomo sandbox', {
			itemIndex,
			description:
				'Mock and test operations are refused with a Live credential, so they can never run against real money. Nothing was sent.',
		});
	}
}
