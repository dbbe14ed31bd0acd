import { ResourceModule, V1 } from '../core/resource';
import { validateBody } from '../core/validate';

export const MAX_ROTATION_WINDOW_S = 604_800;

/**
 * `POST /api-keys/rotate {expire_after_in_seconds}`: issues a new key at once; the calling key keeps
 * working until `previous_key_expires_at`, then gets 401.
 */
export const apiKeysModule: ResourceModule = {
	name: 'api-keys',
	routes: [
		{
			method: 'POST',
			path: `${V1}/api-keys/rotate`,
			handler: (req, ctx) => {
				const body = validateBody(req.body, {
					fields: {
						expire_after_in_seconds: { type: 'integer', required: true, min: 0, max: MAX_ROTATION_WINDOW_S },
					},
				});
				const seconds = body.expire_after_in_seconds as number;
				const env = req.key?.env ?? 'sandbox';
				const secretKey = ctx.keys.issue(env);
				const expiresAt = Date.now() + seconds * 1000;
				if (req.token) ctx.keys.expireAt(req.token, expiresAt);
				return {
					status: 200,
					body: { secret_key: secretKey, previous_key_expires_at: new Date(expiresAt).toISOString() },
				};
			},
		},
	],
};
