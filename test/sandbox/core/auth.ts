import * as crypto from 'node:crypto';
import { unauthorized } from './errors';

export type KeyEnv = 'sandbox' | 'production';

export interface KeyInfo {
	token: string;
	env: KeyEnv;
	/** Merchant id (`sub` claim). */
	sub: string;
	issuedAt: number;
	/** Epoch ms after which the key is refused; null = no expiry. */
	expiresAt: number | null;
}

function b64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/**
 * Issues and checks secret keys. Keys are RS256 JWTs signed with an RSA pair made for this sandbox;
 * acceptance is decided by looking the exact token up (and checking its expiry).
 */
export class KeyStore {
	private readonly keys = new Map<string, KeyInfo>();

	private constructor(
		private readonly privateKey: crypto.KeyObject,
		readonly publicKeyPem: string,
		private readonly merchantId: string,
	) {}

	static async create(merchantId: string): Promise<KeyStore> {
		const pair = await new Promise<{ privateKey: crypto.KeyObject; publicKey: crypto.KeyObject }>((resolve, reject) =>
			crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) =>
				err ? reject(err) : resolve({ publicKey, privateKey }),
			),
		);
		const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
		return new KeyStore(pair.privateKey, pem, merchantId);
	}

	/** Mint a new accepted key for the given environment. */
	issue(env: KeyEnv): string {
		const now = Date.now();
		const header = { alg: 'RS256', typ: 'JWT' };
		// jti keeps two keys minted in the same second distinct (RS256 signatures are deterministic).
		const payload = { sub: this.merchantId, env, iat: Math.floor(now / 1000), jti: crypto.randomBytes(9).toString('hex') };
		const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
		const signature = crypto.sign('sha256', Buffer.from(signingInput), this.privateKey);
		const token = `${signingInput}.${b64url(signature)}`;
		this.keys.set(token, { token, env, sub: this.merchantId, issuedAt: now, expiresAt: null });
		return token;
	}

	lookup(token: string): KeyInfo | undefined {
		return this.keys.get(token);
	}

	isValid(info: KeyInfo, now = Date.now()): boolean {
		return info.expiresAt === null || now < info.expiresAt;
	}

	/** Make a key stop working at `atMs` (keeps an earlier expiry if it already had one). */
	expireAt(token: string, atMs: number): void {
		const info = this.keys.get(token);
		if (!info) return;
		info.expiresAt = info.expiresAt === null ? atMs : Math.min(info.expiresAt, atMs);
	}

	/** Check an Authorization header; throws the 401 Glomo sends. */
	authenticate(header: string | string[] | undefined): KeyInfo {
		const value = Array.isArray(header) ? header[0] : header;
		if (value === undefined || value.trim() === '') throw unauthorized('Missing token');
		const m = /^Bearer\s+(.*)$/i.exec(value.trim());
		if (!m) throw unauthorized('Auth token expired or invalid');
		const token = m[1].trim();
		if (token === '') throw unauthorized('Missing token');
		const info = this.keys.get(token);
		if (!info || !this.isValid(info)) throw unauthorized('Auth token expired or invalid');
		return info;
	}
}
