import axios from 'axios';

import { GlomoApi } from '../../credentials/GlomoApi.credentials';
import { resolveWithCredentials } from '../harness';
import { useSandbox } from '../harness/use-sandbox';

const sandbox = useSandbox({ seed: 808 });
const credentialType = new GlomoApi();

/** What n8n's credential test does: resolve the test request and the auth block, then send it. */
async function credentialTest(secretKey: string, baseUrl: string) {
	const credentials = { secretKey, baseUrl };
	const request = credentialType.test.request;
	const url = `${resolveWithCredentials(request.baseURL as string, credentials) as string}${request.url as string}`;
	const authorization = resolveWithCredentials(credentialType.authenticate.properties.headers!.Authorization as string, credentials);
	return await axios.request({ method: request.method, url, headers: { Authorization: String(authorization) }, validateStatus: () => true });
}

test.each(['', '/', '/api', '/api/v1', '/api/v1/'])('a good key passes with Base URL ending in "%s"', async (suffix) => {
	const response = await credentialTest(sandbox.secretKey, `${sandbox.url}${suffix}`);
	expect(response.status).toBe(200);
	expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/balances']);
	expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
});

test('a bad key fails with Glomo\'s message', async () => {
	const response = await credentialTest('not-a-valid-key', sandbox.url);
	expect(response.status).toBe(401);
	expect(response.data).toEqual({ error: 'Unauthorized', message: 'Auth token expired or invalid' });
});

test('the credential declares the documented fields, a timeout and a rate limit, secrets as passwords', () => {
	const fields = Object.fromEntries(credentialType.properties.map((p) => [p.name, p]));
	expect(Object.keys(fields)).toEqual(['secretKey', 'environment', 'baseUrl', 'webhookSecret', 'timeout', 'requestsPerMinute']);
	expect(fields.timeout.default).toBe(60);
	expect(fields.requestsPerMinute.default).toBe(3000);
	expect(fields.secretKey.typeOptions?.password).toBe(true);
	expect(fields.webhookSecret.typeOptions?.password).toBe(true);
	expect(fields.baseUrl.default).toBe('https://api.glomopay.com');
	expect(fields.environment.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['sandbox', 'live']);
});
