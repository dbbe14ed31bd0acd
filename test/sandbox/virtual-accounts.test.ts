/**
 * The sandbox's virtual accounts over plain HTTP: the asynchronous v2 create (202 pending, opened
 * at the next virtual-account request with its webhook), one account per payment type and
 * currency (409), closing by type and currency, and the refusals the node never provokes.
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';

const sandbox = useSandbox({ seed: 5150 });

function api(version: 'v1' | 'v2' = 'v1', key = sandbox.secretKey): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/${version}`, headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true });
}

type Event = { entity_type: string; event_type: string; data: Record<string, unknown> };

/** Webhooks about virtual accounts, as delivered (to an address nobody listens on: each is still logged). */
async function accountEvents(count: number): Promise<Event[]> {
	const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((event) => event.entity_type === 'virtual_account');
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}

const merchantId = () => JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_va'));
afterAll(() => sandbox.setWebhookTargets([], ''));

describe('POST /v2/virtual-accounts', () => {
	it('accepts with 202 pending, lists nothing yet, then opens the account at the next request with virtual_account.active', async () => {
		const created = await api('v2').post('/virtual-accounts', { payment_type: 'local', currency: 'gbp' });
		expect(created.status).toBe(202);
		expect(created.data).toEqual({
			message: 'Virtual account creation request is accepted.',
			data: { merchant_id: merchantId(), status: 'pending' },
		});
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await accountEvents(0)).toEqual([]);

		const listed = await api().get('/virtual-accounts', { params: { currency: 'GBP' } });
		expect(listed.status).toBe(200);
		expect(listed.data.data).toEqual([
			{
				account_id: expect.stringMatching(/^va_[A-Za-z0-9]{13}$/),
				currency: 'GBP',
				name: 'Glomo Sandbox Merchant',
				status: 'active',
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
				merchant_id: merchantId(),
				account_number: expect.stringMatching(/^\d{8}$/),
				sort_code: expect.stringMatching(/^\d{6}$/),
			},
		]);
		expect(listed.data.page_meta).toMatchObject({ current: 1, count: 1 });
		expect(await accountEvents(1)).toEqual([{ entity_type: 'virtual_account', event_type: 'active', data: listed.data.data[0] }]);
	});

	it('keeps one account per payment type and currency: a second is 409 Duplicate record, another type or currency is not', async () => {
		expect((await api('v2').post('/virtual-accounts', { payment_type: 'local', currency: 'AED' })).status).toBe(202);
		// still pending: it holds the place as well
		const again = await api('v2').post('/virtual-accounts', { payment_type: 'local', currency: 'AED' });
		expect(again.status).toBe(409);
		expect(again.data).toEqual({ error: 'Duplicate record', message: 'Virtual Account already exists' });
		// once open, too
		expect((await api('v2').post('/virtual-accounts', { payment_type: 'local', currency: 'aed' })).status).toBe(409);
		expect((await api('v2').post('/virtual-accounts', { payment_type: 'swift', currency: 'AED' })).status).toBe(202);
		expect((await api('v2').post('/virtual-accounts', { payment_type: 'local', currency: 'EUR' })).status).toBe(202);

		const aed = (await api().get('/virtual-accounts', { params: { currency: 'AED' } })).data.data as Array<Record<string, unknown>>;
		expect(aed.map((account) => account.status)).toEqual(['active', 'active']);
		expect(aed.every((account) => /^AE\d{21}$/.test(String(account.account_number)))).toBe(true);
		const eur = (await api().get('/virtual-accounts', { params: { currency: 'EUR' } })).data.data;
		expect(eur).toEqual([expect.objectContaining({ iban: expect.stringMatching(/^DE\d{20}$/), status: 'active' })]);
		expect(eur[0]).not.toHaveProperty('account_number');
	});

	it('gives USD accounts a routing number and the rail of their type (ACH local, wire SWIFT)', async () => {
		await api('v2').post('/virtual-accounts', { payment_type: 'local', currency: 'USD' });
		await api('v2').post('/virtual-accounts', { payment_type: 'swift', currency: 'USD' });
		const usd = (await api().get('/virtual-accounts', { params: { currency: 'USD' } })).data.data as Array<Record<string, unknown>>;
		// newest first: the SWIFT one
		expect(usd.map((account) => account.payment_rails)).toEqual(['wire', 'ach']);
		for (const account of usd) expect(account).toMatchObject({ account_number: expect.stringMatching(/^\d{12}$/), routing_number: expect.stringMatching(/^\d{9}$/) });
	});

	it.each([
		['an empty body', {}, 'Missing Required parameters'],
		['no currency', { payment_type: 'local' }, 'Missing Required parameters'],
		['a blank payment type', { payment_type: ' ', currency: 'USD' }, 'Missing Required parameters'],
		['an unknown payment type', { payment_type: 'ach', currency: 'USD' }, 'Validation failed: Payment type must be one of: local, swift'],
		['a currency without virtual accounts', { payment_type: 'local', currency: 'INR' }, 'Validation failed: Currency is not supported for virtual accounts'],
	])('refuses %s with 400', async (_what, body, message) => {
		const response = await api('v2').post('/virtual-accounts', body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it('counts a disabled account as existing, and lives on v2 only', async () => {
		sandbox.insert('virtual_account', { merchant_id: merchantId(), payment_type: 'swift', currency: 'AUD', name: 'x', status: 'disabled' });
		expect((await api('v2').post('/virtual-accounts', { payment_type: 'swift', currency: 'AUD' })).status).toBe(409);
		expect((await api('v1').post('/virtual-accounts', { payment_type: 'local', currency: 'AUD' })).status).toBe(404);
	});
});

describe('DELETE /virtual-accounts', () => {
	it('closes every active account of the type and currency with virtual_account.inactive, which frees the place', async () => {
		sandbox.insert('virtual_account', { merchant_id: merchantId(), payment_type: 'swift', currency: 'GBP', name: 'a', status: 'active', account_number: '11112222', sort_code: '040004' });
		sandbox.insert('virtual_account', { merchant_id: merchantId(), payment_type: 'swift', currency: 'GBP', name: 'b', status: 'active', account_number: '33334444', sort_code: '040004' });
		const before = (await accountEvents(0)).length;

		const closed = await api().delete('/virtual-accounts', { params: { payment_type: 'swift', currency: 'gbp' } });
		expect(closed.status).toBe(200);
		expect(closed.data).toEqual({ message: 'Virtual account closed successfully' });
		const events = (await accountEvents(before + 2)).slice(before);
		expect(events.map((event) => [event.event_type, event.data.account_number, event.data.status])).toEqual([
			['inactive', '11112222', 'inactive'],
			['inactive', '33334444', 'inactive'],
		]);
		// the local GBP account of the first test stays open
		const gbp = (await api().get('/virtual-accounts', { params: { currency: 'GBP' } })).data.data as Array<Record<string, unknown>>;
		expect(gbp.map((account) => account.status)).toEqual(['inactive', 'inactive', 'active']);

		expect((await api().delete('/virtual-accounts', { params: { payment_type: 'swift', currency: 'GBP' } })).status).toBe(404);
		expect((await api('v2').post('/virtual-accounts', { payment_type: 'swift', currency: 'GBP' })).status).toBe(202);
	});

	it.each([
		['no parameters', {}, 400, { error: 'Bad Request', message: 'Missing Required parameters' }],
		['no payment type', { currency: 'USD' }, 400, { error: 'Bad Request', message: 'Missing Required parameters' }],
		['no active account of that kind', { payment_type: 'local', currency: 'AUD' }, 404, { error: 'Not Found', message: 'Virtual account not found' }],
	])('answers %s', async (_what, params, status, body) => {
		const response = await api().delete('/virtual-accounts', { params });
		expect(response.status).toBe(status);
		expect(response.data).toEqual(body);
	});
});
