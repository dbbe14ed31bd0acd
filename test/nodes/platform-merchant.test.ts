/**
 * Platform Merchant › Onboard, Get, Update and Mock Status Update (Sandbox), run end-to-end through
 * WorkflowExecute against the sandbox: exact requests and outputs, the child's secret key (masked
 * by every operation, Onboard too, unless asked for; never in an error), the sub-categories per category,
 * the mock refused on Live, and every refusal before sending.
 */
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { MERCHANT_CATEGORIES } from '../../nodes/Glomo/helpers/merchantCategories';
import { linearWorkflow, runListSearch, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { useHostile } from '../abuse/hostile';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 2727 });
/** a Glomo that answers what the sandbox does not: an error body that echoes the merchant */
const glomo = useHostile();

const platformId = () => JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

type Event = { entity_type: string; event_type: string; data: IDataObject };

/** Merchant webhooks about `id`, as delivered (to an address nobody listens on: each is still logged). */
async function eventsOf(id: string, count: number): Promise<Event[]> {
	const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((event) => event.data.merchant_id === id);
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}

/** The merchant as Glomo holds it, with its secret key, read with a plain HTTP client; that request is then forgotten. */
async function stored(id: string): Promise<IDataObject> {
	const response = await axios.get(`${sandbox.url}/api/v1/platform/merchants/${id}`, { headers: { Authorization: `Bearer ${sandbox.secretKey}` } });
	sandbox.clearRequests();
	return response.data as IDataObject;
}

const onboard = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'platformMerchant',
	operation: 'onboard',
	name: 'Acme Exports LLP',
	entityType: 'business',
	merchantCategory: 'Business Services',
	subCategory: rl('Consulting Management and Public Relations Services', 'list'),
	registrationNumber: 'REG123456',
	registrationCountry: 'IND',
	addressLine1: '456 Commerce Street',
	city: 'Mumbai',
	state: 'Maharashtra',
	pincode: '400001',
	operationCountries: ['IND', 'USA'],
	...overrides,
});

/** A merchant onboarded through the node; its id and secret key (as Glomo holds it: the output masks it). */
async function onboarded(overrides: IDataObject = {}): Promise<{ id: string; secret: string }> {
	const result = await runGlomo(sandbox, onboard(overrides));
	expect(result.error).toBeUndefined();
	sandbox.clearRequests();
	const id = String(result.json('Glomo')[0].merchant_id);
	return { id, secret: String((await stored(id)).jwt_token) };
}

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_merchant_node'));
afterAll(() => sandbox.setWebhookTargets([], ''));

describe('Platform Merchant › Onboard', () => {
	it('POSTs the documented body for a business and outputs the pending merchant, its secret key masked by default', async () => {
		const result = await runGlomo(sandbox, onboard({ additionalFields: { addressLine2: 'Suite 101' } }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/platform/merchants',
				query: {},
				body: {
					name: 'Acme Exports LLP',
					address_line1: '456 Commerce Street',
					address_line2: 'Suite 101',
					city: 'Mumbai',
					state: 'Maharashtra',
					pincode: '400001',
					registration_number: 'REG123456',
					registration_country: 'IND',
					entity_type: 'business',
					category: 'Business Services',
					sub_category: 'Consulting Management and Public Relations Services',
					operation_countries: ['IND', 'USA'],
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const out = result.json('Glomo');
		expect(out).toEqual([
			{
				owner_merchant_id: platformId(),
				merchant_id: expect.stringMatching(/^merch_/),
				status: 'pending',
				name: 'Acme Exports LLP',
				category: 'Business Services',
				entity_type: 'business',
				sub_category: 'Consulting Management and Public Relations Services',
				registration_number: 'REG123456',
				registration_country: 'IND',
				address: { address_line1: '456 Commerce Street', address_line2: 'Suite 101', city: 'Mumbai', state: 'Maharashtra', pincode: '400001', country: 'IND' },
				operation_countries: ['IND', 'USA'],
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
				jwt_token: '[redacted]',
				public_key: expect.stringMatching(/^test_/),
			},
		]);
		const held = await stored(String(out[0].merchant_id));
		expect(held.jwt_token).toMatch(JWT);
		expect(out[0]).toEqual({ ...held, jwt_token: '[redacted]' });
		// nowhere in the run: not in an AI agent's context, not in the execution data
		expect(result.dump()).not.toContain(String(held.jwt_token));
		const events = await eventsOf(String(out[0].merchant_id), 1);
		expect(events.map((event) => [event.entity_type, event.event_type])).toEqual([['merchant', 'pending']]);
	});

	it('sends gender and date of birth for an individual, a sub-category by name and countries typed as text', async () => {
		const result = await runGlomo(
			sandbox,
			onboard({
				name: 'Asha Rao',
				entityType: 'individual',
				gender: 'female',
				dateOfBirth: '1990-08-04T00:00:00',
				merchantCategory: 'Professional Services',
				subCategory: { __rl: true, mode: 'name', value: ' Accounting Auditing and Bookkeeping Services ' },
				operationCountries: '={{ "ind, are, IND" }}',
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({
			name: 'Asha Rao',
			entity_type: 'individual',
			gender: 'female',
			date_of_birth: '1990-08-04',
			category: 'Professional Services',
			sub_category: 'Accounting Auditing and Bookkeeping Services',
			operation_countries: ['IND', 'ARE'],
		});
		expect(result.json('Glomo')[0]).toMatchObject({ entity_type: 'individual', gender: 'female', date_of_birth: '1990-08-04' });
	});

	it('does not send gender or date of birth for a business, whatever the hidden fields hold', async () => {
		const result = await runGlomo(sandbox, onboard({ gender: 'male', dateOfBirth: '1990-08-04' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).not.toHaveProperty('gender');
		expect(sandbox.requests[0].body).not.toHaveProperty('date_of_birth');
	});

	it('runs with Entity Type as an expression and no date of birth when it comes out a business', async () => {
		const result = await runGlomo(sandbox, onboard({ entityType: '={{ "business" }}', gender: 'female' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toMatchObject({ entity_type: 'business' });
		expect(sandbox.requests[0].body).not.toHaveProperty('gender');
	});

	it('shows the secret key with Include Child Secret Key on, to copy it into a credential', async () => {
		const result = await runGlomo(sandbox, onboard({ options: { includeSecretKey: true } }));

		expect(result.error).toBeUndefined();
		const out = result.json('Glomo')[0];
		expect(out.jwt_token).toMatch(JWT);
		expect(out.jwt_token).toBe((await stored(String(out.merchant_id))).jwt_token);
	});

	it('has Include Child Secret Key off by default on every operation; Onboard says to turn it on once for a new credential', () => {
		const properties = new Glomo().description.properties.filter((p) => p.displayOptions?.show?.resource?.includes('platformMerchant'));
		const switches = properties
			.filter((p) => p.name === 'options')
			.map((p) => ({ operation: String(p.displayOptions?.show?.operation), option: (p.options as INodeProperties[]).find((o) => o.name === 'includeSecretKey') }));
		expect(switches.map((s) => s.operation).sort()).toEqual(['get', 'mockStatusUpdate', 'onboard', 'update']);
		for (const { option } of switches) expect(option?.default).toBe(false);
		const onboardSwitch = switches.find((s) => s.operation === 'onboard')?.option;
		expect(onboardSwitch?.description).toMatch(/Turn it on for one run to copy the key into a new Glomo credential/);
		const notice = properties.find((p) => p.name === 'secretKeyNotice');
		expect(notice?.displayName).toMatch(/"\[redacted\]".*turn on Options > Include Child Secret Key for one run, copy the key into a new Glomo credential/);
	});

	it('takes the address in the shared address fields (the merchant\'s), under the names Glomo\'s body uses', () => {
		const properties = new Glomo().description.properties.filter(
			(p) => p.displayOptions?.show?.resource?.includes('platformMerchant') && p.displayOptions?.show?.operation?.includes('onboard'),
		);
		const field = (name: string) => properties.find((p) => p.name === name);
		expect(field('addressLine1')).toMatchObject({ displayName: 'Address Line 1', required: true, description: "The merchant's street address: building number and street" });
		expect(field('city')).toMatchObject({ displayName: 'City', required: true, description: "The merchant's city or town" });
		expect(field('state')).toMatchObject({ displayName: 'State', required: true, description: "The merchant's state, province or region" });
		expect(field('pincode')).toMatchObject({ displayName: 'Postal Code', required: true, description: "The merchant's postal code (PIN code in India, ZIP code in the US)" });
		const update = new Glomo().description.properties.find(
			(p) => p.name === 'updateFields' && p.displayOptions?.show?.resource?.includes('platformMerchant'),
		);
		expect((update?.options as INodeProperties[]).map((o) => o.name)).toEqual([
			'addressLine1',
			'addressLine2',
			'city',
			'name',
			'operationCountries',
			'pincode',
			'registrationCountry',
			'registrationNumber',
			'state',
		]);
	});

	it('leaves the pairing of a sub-category of another category to Glomo, and passes on its refusal', async () => {
		const result = await runGlomo(sandbox, onboard({ merchantCategory: 'Utilities', subCategory: { __rl: true, mode: 'name', value: 'Veterinary Services' } }));

		expectApiError(result, 'Validation failed: Sub category does not belong to the category', '400');
		expect(sandbox.requests).toHaveLength(1);
	});

	it.each([
		['a blank name', { name: '={{ " " }}' }, 'Name: is required'],
		['an entity type Glomo does not have', { entityType: '={{ "company" }}' }, 'Entity Type: "company" is not one of the choices'],
		['a category Glomo does not list', { merchantCategory: '={{ "Crypto" }}' }, 'Category: "Crypto" is not one of the choices'],
		['no sub-category', { subCategory: { __rl: true, mode: 'name', value: '={{ "" }}' } }, 'Sub-Category: is required'],
		['a sub-category Glomo does not list', { subCategory: { __rl: true, mode: 'name', value: 'Consulting' } }, 'Sub-Category: "Consulting" is not one of Glomo\'s sub-categories'],
		['a registration country that is not alpha-3', { registrationCountry: '={{ "IN" }}' }, 'Registration Country: "IN" is not an ISO 3166-1 alpha-3 country code'],
		['no operating country', { operationCountries: '={{ [] }}' }, 'Operating Countries: add at least one country'],
		['an operating country that is not alpha-3', { operationCountries: '={{ "IND, US" }}' }, 'Operating Countries: "US" is not an ISO 3166-1 alpha-3 country code'],
		['a blank postal code', { pincode: '={{ "" }}' }, 'Postal Code: is required'],
		['an individual without a gender Glomo has', { entityType: 'individual', gender: '={{ "other" }}', dateOfBirth: '1990-01-01' }, 'Gender: "other" is not one of the choices'],
		['an individual without a date of birth', { entityType: 'individual', gender: 'male', dateOfBirth: '={{ "" }}' }, 'Date of Birth: is required for an individual'],
		['an individual born in the future', { entityType: 'individual', gender: 'male', dateOfBirth: '2999-01-01' }, 'Date of Birth: 2999-01-01 is not in the past'],
		['a date of birth that is no date', { entityType: 'individual', gender: 'male', dateOfBirth: '={{ "soon" }}' }, 'Date of Birth: "soon" is not a date'],
		['an unknown Include Child Secret Key', { options: { includeSecretKey: '={{ "yes" }}' } }, 'Options > Include Child Secret Key: must be true or false, got "yes"'],
	])('refuses %s by name, sending nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, onboard(overrides));

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Onboard › Sub-Category "From List"', () => {
	const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });

	it('offers the sub-categories of the chosen category only, alphabetically, narrowed by typing, without a request', async () => {
		const utilities = await runListSearch('searchMerchantSubCategories', credentials(), { parameters: onboard({ merchantCategory: 'Utilities' }) });
		expect(utilities.results).toEqual([{ name: 'Utilities—Electric Gas Heating Oil Sanitary Water', value: 'Utilities—Electric Gas Heating Oil Sanitary Water' }]);

		const agricultural = await runListSearch('searchMerchantSubCategories', credentials(), { parameters: onboard({ merchantCategory: 'Agricultural Services' }) });
		expect(agricultural.results.map((r) => r.value)).toEqual(['Agricultural Cooperatives', 'Horticultural and Landscaping Services', 'Veterinary Services']);

		const typed = await runListSearch('searchMerchantSubCategories', credentials(), { parameters: onboard({ merchantCategory: 'Financial Services' }), filter: 'moneysend' });
		expect(typed.results.map((r) => r.value)).toEqual([
			'MoneySend Funding',
			'MoneySend Intercountry',
			'MoneySend Intracountry',
			'POI Funding Transactions (Excluding MoneySend)',
		]);
		expect(sandbox.requests).toEqual([]);
	});

	it('offers every sub-category when the category is an expression', async () => {
		const all = await runListSearch('searchMerchantSubCategories', credentials(), { parameters: onboard({ merchantCategory: '={{ $json.category }}' }), filter: 'veterinary' });
		expect(all.results.map((r) => r.value)).toEqual(['Veterinary Services']);
	});

	it('pairs exactly the categories and sub-categories of the published spec, each sub-category once', () => {
		const spec = JSON.parse(readFileSync(join(__dirname, '../spec/reference/glomo-openapi.json'), 'utf8'));
		const request = spec.components.schemas.CreateMerchantRequest.properties;
		expect(MERCHANT_CATEGORIES.map((entry) => entry.category)).toEqual(request.category.enum);
		// in the spec's order: the enum runs category by category
		expect(MERCHANT_CATEGORIES.flatMap((entry) => entry.subCategories)).toEqual(request.sub_category.enum);
		expect(MERCHANT_CATEGORIES.find((entry) => entry.category === 'Agricultural Services')?.subCategories).toContain(request.sub_category.example);
	});
});

describe('Platform Merchant › Get', () => {
	it('GETs the merchant by ID and masks its secret key by default', async () => {
		const { id, secret } = await onboarded();

		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'get', merchantId: rl(id) });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/platform/merchants/${id}`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([{ ...(await stored(id)), jwt_token: '[redacted]' }]);
		expect(result.dump()).not.toContain(secret);
	});

	it('shows the secret key with Include Child Secret Key on', async () => {
		const { id, secret } = await onboarded();

		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'get', merchantId: rl(id), options: { includeSecretKey: true } });

		expect(result.json('Glomo')[0].jwt_token).toBe(secret);
	});

	it("passes on Glomo's 404 for a merchant that is not the platform's", async () => {
		const other = sandbox.insert('merchant', { name: 'Elsewhere', owner_merchant_id: 'merch_otherplatform1', status: 'success' });
		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'get', merchantId: rl(String(other.id)) });

		expectApiError(result, 'Merchant with the specified ID was not found', '404');
	});

	it('refuses an ID of another kind by name, sending nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'get', merchantId: rl('={{ "cust_5JU9yv0lGSUP" }}') });

		expectOperationError(result, 'Merchant: "cust_5JU9yv0lGSUP" is not a valid ID');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Platform Merchant › Update', () => {
	it('PATCHes only the fields given, under the create body\'s names, and outputs the merchant with its key masked', async () => {
		const { id, secret } = await onboarded();

		const result = await runGlomo(sandbox, {
			resource: 'platformMerchant',
			operation: 'update',
			merchantId: rl(id),
			updateFields: { name: ' Acme Exports Pvt Ltd ', city: 'Pune', pincode: '411001', addressLine2: 'Floor 2', registrationCountry: 'are', operationCountries: ['ARE', 'IND'] },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'PATCH',
				path: `/api/v1/platform/merchants/${id}`,
				query: {},
				body: { name: 'Acme Exports Pvt Ltd', city: 'Pune', pincode: '411001', address_line2: 'Floor 2', registration_country: 'ARE', operation_countries: ['ARE', 'IND'] },
			},
		]);
		expect(result.json('Glomo')).toEqual([{ ...(await stored(id)), jwt_token: '[redacted]' }]);
		expect(result.json('Glomo')[0]).toMatchObject({ name: 'Acme Exports Pvt Ltd', registration_country: 'ARE', address: { city: 'Pune', pincode: '411001', address_line2: 'Floor 2', country: 'ARE' } });
		expect(result.dump()).not.toContain(secret);
	});

	it.each([
		['no field to change', {}, 'Update Fields: add at least one field to change'],
		['only blank fields', { city: '  ' }, 'Update Fields: add at least one field to change'],
		['a registration country that is not alpha-3', { registrationCountry: '={{ "UAE" }}' }, 'Update Fields > Registration Country: "UAE" is not an ISO 3166-1 alpha-3 country code'],
		['an empty list of operating countries', { operationCountries: [] }, 'Update Fields > Operating Countries: add at least one country'],
	])('refuses %s by name, sending nothing', async (_what, updateFields, message) => {
		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'update', merchantId: rl('merch_5JU9yv0lGSUP'), updateFields });

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Platform Merchant › Mock Status Update (Sandbox)', () => {
	it('PATCHes status-update with merchant_id and target_status, outputs the approved merchant and fires merchant.success', async () => {
		const { id, secret } = await onboarded();

		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'mockStatusUpdate', merchantId: rl(id), targetStatus: 'success' });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: '/api/v1/platform/merchants/status-update', query: {}, body: { merchant_id: id, target_status: 'success' } },
		]);
		expect(result.json('Glomo')).toEqual([{ ...(await stored(id)), jwt_token: '[redacted]' }]);
		expect(result.json('Glomo')[0].status).toBe('success');
		expect(result.dump()).not.toContain(secret);
		const events = await eventsOf(id, 2);
		expect(events.map((event) => event.event_type)).toEqual(['pending', 'success']);
	});

	it('rejects an onboarding with Failed', async () => {
		const { id } = await onboarded();
		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'mockStatusUpdate', merchantId: rl(id), targetStatus: 'failed' });

		expect(result.json('Glomo')[0].status).toBe('failed');
		expect((await eventsOf(id, 2)).map((event) => event.event_type)).toEqual(['pending', 'failed']);
	});

	it('is refused with a Live credential, and nothing is sent', async () => {
		const result = await runGlomo(
			sandbox,
			{ resource: 'platformMerchant', operation: 'mockStatusUpdate', merchantId: rl('merch_5JU9yv0lGSUP'), targetStatus: 'success' },
			{ credentials: { environment: 'live', secretKey: sandbox.issueKey('production') } },
		);

		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(result.error?.description).toMatch(/Nothing was sent\.$/);
		expect(sandbox.requests).toEqual([]);
	});

	it('refuses a status the mock does not set by name, sending nothing', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'platformMerchant',
			operation: 'mockStatusUpdate',
			merchantId: rl('merch_5JU9yv0lGSUP'),
			targetStatus: '={{ "offboarded" }}',
		});

		expectOperationError(result, 'Target Status: "offboarded" is not one of the choices');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('the child merchant\'s secret key in errors', () => {
	it('is not in the error of a refused mock, nor anywhere in the run', async () => {
		const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZXJjaF9nb25lIn0.c2VjcmV0LXNpZ25hdHVyZS1vZmZib2FyZGVk';
		const gone = sandbox.insert('merchant', { name: 'Gone', owner_merchant_id: platformId(), status: 'offboarded', jwt_token: secret });

		const result = await runGlomo(sandbox, { resource: 'platformMerchant', operation: 'mockStatusUpdate', merchantId: rl(String(gone.id)), targetStatus: 'success' });

		expectApiError(result, 'State change not allowed', '400');
		expect(result.dump()).not.toContain(secret);
	});

	it('is not in the error when Glomo answers an error with the merchant, key included, as its body', async () => {
		const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZXJjaF9lY2hvIn0.ZWNob2VkLXNpZ25hdHVyZS1vZi10aGUta2V5';
		glomo.answer(422, JSON.stringify({ merchant_id: 'merch_5JU9yv0lGSUP', status: 'failed', jwt_token: secret, message: 'Merchant cannot be updated' }));

		const result = await runWorkflow({
			...linearWorkflow({
				parameters: { resource: 'platformMerchant', operation: 'update', merchantId: rl('merch_5JU9yv0lGSUP'), updateFields: { city: 'Pune' } },
				continueOnFail: true,
			}),
			credentials: { secretKey: sandbox.secretKey, baseUrl: glomo.url },
		});

		expect(glomo.received.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH /api/v1/platform/merchants/merch_5JU9yv0lGSUP']);
		const [out] = result.json('Glomo');
		expect(out).toMatchObject({ error: 'Merchant cannot be updated', httpCode: '422' });
		expect(JSON.stringify(out)).not.toContain(secret);
	});
});
