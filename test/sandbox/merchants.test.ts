/**
 * The sandbox's platform merchants over plain HTTP: onboarding (201 pending, the child's secret
 * key, the merchant webhook carrying it as GET does), the sandbox-only status mock and the events of each
 * change, lookups limited to the platform's own merchants, the inferred update, and refusals.
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';

const sandbox = useSandbox({ seed: 8080 });

function api(key = sandbox.secretKey): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true });
}

type Event = { entity_type: string; event_type: string; data: Record<string, unknown> };

/** Merchant webhooks about `id`, as delivered (to an address nobody listens on: each is still logged). */
async function eventsOf(id: string, count: number): Promise<Event[]> {
	const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((event) => event.data.merchant_id === id);
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}

const platformId = () => JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;

const business = (overrides: Record<string, unknown> = {}) => ({
	name: 'Acme Exports LLP',
	address_line1: '456 Commerce Street',
	city: 'Mumbai',
	state: 'Maharashtra',
	pincode: '400001',
	registration_number: 'REG123456',
	registration_country: 'IND',
	entity_type: 'business',
	category: 'Business Services',
	sub_category: 'Consulting Management and Public Relations Services',
	operation_countries: ['IND', 'USA'],
	...overrides,
});

async function onboard(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
	const response = await api().post('/platform/merchants', business(overrides));
	expect(response.status).toBe(201);
	return response.data.data as Record<string, unknown>;
}

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_merchants'));
afterAll(() => sandbox.setWebhookTargets([], ''));

describe('POST /platform/merchants', () => {
	it('onboards a business as pending, with its secret key, and fires merchant.pending with the merchant as GET shows it, key included', async () => {
		const response = await api().post('/platform/merchants', business({ address_line2: 'Suite 101', registration_country: 'ind' }));
		expect(response.status).toBe(201);
		expect(response.data.message).toBe('Merchant created successfully!');
		const merchant = response.data.data;
		expect(merchant).toEqual({
			owner_merchant_id: platformId(),
			merchant_id: expect.stringMatching(/^merch_[A-Za-z0-9]{13}$/),
			status: 'pending',
			name: 'Acme Exports LLP',
			category: 'Business Services',
			entity_type: 'business',
			sub_category: 'Consulting Management and Public Relations Services',
			registration_number: 'REG123456',
			registration_country: 'IND',
			address: { address_line1: '456 Commerce Street', address_line2: 'Suite 101', city: 'Mumbai', state: 'Maharashtra', pincode: '400001', country: 'IND' },
			operation_countries: ['IND', 'USA'],
			created_at: expect.any(String),
			updated_at: expect.any(String),
			jwt_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
			public_key: expect.stringMatching(/^test_[A-Za-z0-9]{16}$/),
		});
		const claims = JSON.parse(Buffer.from(String(merchant.jwt_token).split('.')[1], 'base64url').toString('utf8'));
		expect(claims).toMatchObject({ sub: merchant.merchant_id, env: 'sandbox' });
		// a key of the child, not of this sandbox's merchant: it opens nothing here
		expect((await api(String(merchant.jwt_token)).get('/balances')).status).toBe(401);

		// the published Merchant schema carries jwt_token, and so does the webhook: a receiver must mask it
		expect(await eventsOf(String(merchant.merchant_id), 1)).toEqual([{ entity_type: 'merchant', event_type: 'pending', data: merchant }]);
		expect((await api().get(`/platform/merchants/${String(merchant.merchant_id)}`)).data).toEqual(merchant);
	});

	it('keeps gender and date of birth for an individual and leaves them out for a business', async () => {
		const person = await onboard({ entity_type: 'individual', gender: 'female', date_of_birth: '1990-08-04', name: 'Asha Rao' });
		expect(person).toMatchObject({ entity_type: 'individual', gender: 'female', date_of_birth: '1990-08-04' });
		const firm = await onboard({ gender: 'male', date_of_birth: '1990-08-04' });
		expect(firm).not.toHaveProperty('gender');
		expect(firm).not.toHaveProperty('date_of_birth');
	});

	it.each([
		['an individual without gender or date of birth', { entity_type: 'individual' }, "Validation failed: Gender can't be blank, Date of birth can't be blank"],
		['a sub-category of another category', { category: 'Utilities' }, 'Validation failed: Sub category does not belong to the category'],
		['a category Glomo does not list', { category: 'Crypto' }, 'Validation failed: Category is not included in the list'],
		['a sub-category Glomo does not list', { sub_category: 'Consulting' }, 'Validation failed: Sub category is not included in the list'],
		['no operating country', { operation_countries: [] }, "Validation failed: Operation countries can't be blank"],
		['an operating country that is not alpha-3', { operation_countries: ['IN'] }, 'Validation failed: Operation countries must be a valid ISO 3166-1 alpha-3 code'],
		['a birth date in the future', { entity_type: 'individual', gender: 'male', date_of_birth: '2999-01-01' }, 'Validation failed: Date of birth must be in the past'],
		['no name', { name: '' }, "Validation failed: Name can't be blank"],
	])('refuses %s with 400', async (_what, overrides, message) => {
		const response = await api().post('/platform/merchants', business(overrides));
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});
});

describe('GET and PATCH /platform/merchants/{merchant_id}', () => {
	it('finds only the platform\'s own merchants', async () => {
		const other = sandbox.insert('merchant', { name: 'Elsewhere', owner_merchant_id: 'merch_otherplatform1', status: 'success' });
		expect((await api().get(`/platform/merchants/${String(other.id)}`)).data).toEqual({
			error: 'Not Found',
			message: 'Merchant with the specified ID was not found',
		});
		expect((await api().get('/platform/merchants/merch_unknown000001')).status).toBe(404);
		expect((await api().get('/platform/merchants/cust_abcdef123456')).data).toEqual({ error: 'Bad Request', message: 'Invalid merchant ID format' });
	});

	it('updates the descriptive fields (address kept whole) without a webhook, and refuses an empty update', async () => {
		const merchant = await onboard();
		const id = String(merchant.merchant_id);
		await eventsOf(id, 1);
		const response = await api().patch(`/platform/merchants/${id}`, { city: 'Pune', registration_country: 'are', operation_countries: ['ARE'] });
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			merchant_id: id,
			status: 'pending',
			registration_country: 'ARE',
			address: { address_line1: '456 Commerce Street', city: 'Pune', state: 'Maharashtra', pincode: '400001', country: 'ARE' },
			operation_countries: ['ARE'],
		});
		expect(response.data.jwt_token).toBe(merchant.jwt_token);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect((await eventsOf(id, 1)).map((event) => event.event_type)).toEqual(['pending']);

		const empty = await api().patch(`/platform/merchants/${id}`, {});
		expect(empty.status).toBe(400);
		expect(empty.data).toEqual({ error: 'Bad Request', message: 'Invalid request data' });
	});
});

describe('PATCH /platform/merchants/status-update (sandbox only)', () => {
	it('moves a merchant along its review, one merchant webhook per change and none for no change', async () => {
		const merchant = await onboard();
		const id = String(merchant.merchant_id);
		for (const target of ['success', 'success', 'failed', 'pending']) {
			const response = await api().patch('/platform/merchants/status-update', { merchant_id: id, target_status: target });
			expect(response.status).toBe(200);
			expect(response.data).toMatchObject({ merchant_id: id, status: target, jwt_token: merchant.jwt_token });
		}
		const events = await eventsOf(id, 4);
		expect(events.map((event) => [event.event_type, event.data.status])).toEqual([
			['pending', 'pending'],
			['success', 'success'],
			['failed', 'failed'],
			['pending', 'pending'],
		]);
		for (const event of events) expect(event.data.jwt_token).toBe(merchant.jwt_token);
	});

	it('answers a production key with 404 and changes nothing', async () => {
		const merchant = await onboard();
		const id = String(merchant.merchant_id);
		const response = await api(sandbox.issueKey('production')).patch('/platform/merchants/status-update', { merchant_id: id, target_status: 'success' });
		expect(response.status).toBe(404);
		expect((await api().get(`/platform/merchants/${id}`)).data.status).toBe('pending');
	});

	it.each([
		['a status the mock does not set', { target_status: 'offboarded' }, 400, 'Validation failed: Target status must be one of: success, pending, failed'],
		['no merchant', { merchant_id: undefined }, 400, "Validation failed: Merchant id can't be blank"],
		['an id of another kind', { merchant_id: 'cust_abcdef123456' }, 400, 'Invalid merchant ID format'],
		['an unknown merchant', { merchant_id: 'merch_unknown000001' }, 404, 'Merchant with the specified ID was not found'],
	])('refuses %s', async (_what, overrides, status, message) => {
		const merchant = await onboard();
		const response = await api().patch('/platform/merchants/status-update', { merchant_id: merchant.merchant_id, target_status: 'success', ...overrides });
		expect(response.status).toBe(status);
		expect(response.data.message).toBe(message);
	});

	it('leaves an offboarded merchant as it is', async () => {
		const gone = sandbox.insert('merchant', { name: 'Gone', owner_merchant_id: platformId(), status: 'offboarded' });
		const response = await api().patch('/platform/merchants/status-update', { merchant_id: gone.id, target_status: 'success' });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message: 'State change not allowed' });
	});
});

describe('onboarded merchants in internal transfers', () => {
	it('lets the platform pay a merchant it onboarded', async () => {
		const merchant = await onboard();
		const response = await api().post('/internal-transfer', {
			amount: 1000,
			currency: 'AED',
			reference: 'first float',
			from_merchant_id: platformId(),
			to_merchant_id: merchant.merchant_id,
		});
		expect(response.status).toBe(201);
		expect(response.data).toMatchObject({ to_merchant_id: merchant.merchant_id, transfer_amount: 1000 });
	});
});
