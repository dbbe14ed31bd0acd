/**
 * Virtual Account › Create, Get Many and Close, run end-to-end through WorkflowExecute against the
 * sandbox: the v2 create and its pending answer, Glomo's 409 both ways, the listing, closing by
 * payment type and currency, the Currency picker, and every refusal before sending.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { linearWorkflow, runListSearch, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { useHostile } from '../abuse/hostile';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 3131 });
/** a Glomo that answers what the sandbox cannot: a 409 for an account it has not opened yet */
const glomo = useHostile();

const merchantId = () => JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const create = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'virtualAccount',
	operation: 'create',
	paymentType: 'local',
	currency: 'USD',
	...overrides,
});

/** An open account put straight into the sandbox, as Glomo lists them. */
function seedAccount(currency: string, paymentType: string, details: IDataObject, status = 'active'): Record<string, unknown> {
	return sandbox.insert('virtual_account', { merchant_id: merchantId(), payment_type: paymentType, currency, name: 'Glomo Sandbox Merchant', status, ...details });
}

/** Closes (inactive) every account of `currency` the sandbox holds open, so a test starts from none. */
async function retire(currency: string): Promise<void> {
	const listed = await axios.get(`${sandbox.url}/api/v1/virtual-accounts`, {
		params: { currency, per_page: 100 },
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	for (const account of listed.data.data as IDataObject[]) {
		const { account_id: id, ...rest } = account;
		if (account.status !== 'inactive') sandbox.insert('virtual_account', { ...rest, id, status: 'inactive' });
	}
	sandbox.clearRequests();
}

type Event = { entity_type: string; event_type: string; data: IDataObject };

/** Virtual-account webhooks of this event type, as delivered (to an address nobody listens on: each is still logged). */
async function events(eventType: string, count: number): Promise<Event[]> {
	const sent = () =>
		sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((event) => event.entity_type === 'virtual_account' && event.event_type === eventType);
	for (let waited = 0; sent().length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return sent();
}

beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_va_node'));
afterAll(() => sandbox.setWebhookTargets([], ''));

describe('Virtual Account › Create', () => {
	it('POSTs payment_type and currency to the v2 path and outputs the pending request and how activation comes', async () => {
		const result = await runGlomo(sandbox, create());

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v2/virtual-accounts', query: {}, body: { payment_type: 'local', currency: 'USD' } },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(202);
		expect(result.json('Glomo')).toEqual([
			{
				merchant_id: merchantId(),
				status: 'pending',
				payment_type: 'local',
				currency: 'USD',
				message: 'Virtual account creation request is accepted.',
				already_existed: false,
				activation_event: 'virtual_account.active',
			},
		]);
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });

		// opened in the background: listed from the next request on, with its webhook
		sandbox.clearRequests();
		const listed = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'getAll', returnAll: true, filters: { currency: 'USD' } });
		expect(listed.json('Glomo')).toEqual([expect.objectContaining({ currency: 'USD', status: 'active', payment_rails: 'ach' })]);
		expect((await events('active', 1)).map((event) => event.data)).toEqual(listed.json('Glomo'));
	});

	it('sends a SWIFT account request for a currency typed in lower case as its code', async () => {
		const result = await runGlomo(sandbox, create({ paymentType: 'swift', currency: 'eur' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ payment_type: 'swift', currency: 'EUR' }]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'pending', payment_type: 'swift', currency: 'EUR' });
	});

	it("stops with Glomo's 409 when the account exists (If It Already Exists = Error, the default), after one request", async () => {
		await runGlomo(sandbox, create({ paymentType: 'local', currency: 'GBP' }));
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, create({ paymentType: 'local', currency: 'GBP' }));

		expectApiError(result, 'Virtual Account already exists', '409');
		expect(result.error?.description).toMatch(/Duplicate record/);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/v2/virtual-accounts 409']);
	});

	it('outputs the active accounts of the currency, marked already_existed, with Return Existing; for a currency whose listing hides the type, it says so', async () => {
		await runGlomo(sandbox, create({ paymentType: 'local', currency: 'AUD' }));
		const closed = seedAccount('AUD', 'swift', { account_number: '999999999', bsb_number: '062000' }, 'inactive');
		const disabled = seedAccount('AUD', 'swift', { account_number: '888888888', bsb_number: '062001' }, 'disabled');
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, create({ paymentType: 'local', currency: 'AUD', options: { ifExists: 'returnExisting' } }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v2/virtual-accounts', query: {}, body: { payment_type: 'local', currency: 'AUD' } },
			{ method: 'GET', path: '/api/v1/virtual-accounts', query: { currency: 'AUD', per_page: '100' }, body: undefined },
		]);
		expect(sandbox.requests[0].status).toBe(409);
		const out = result.json('Glomo');
		expect(out).toEqual([
			{
				account_id: expect.stringMatching(/^va_/),
				currency: 'AUD',
				name: 'Glomo Sandbox Merchant',
				status: 'active',
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
				merchant_id: merchantId(),
				account_number: expect.stringMatching(/^\d{9}$/),
				bsb_number: expect.stringMatching(/^\d{6}$/),
				payment_type: null,
				payment_type_note: "Glomo's list does not say whether this AUD account is the local or the SWIFT one: it may not be the local account asked for",
				already_existed: true,
			},
		]);
		// neither the closed nor the disabled account of that currency is output: neither can receive payments
		expect(out.map((account) => account.account_id)).not.toContain(closed.id);
		expect(out.map((account) => account.account_id)).not.toContain(disabled.id);
	});

	it('for USD, outputs only the active account of the payment type asked for, told by its rail (wire = SWIFT, ACH = local)', async () => {
		await retire('USD');
		const wire = seedAccount('USD', 'swift', { account_number: '100000000001', routing_number: '021000021', payment_rails: 'wire' });
		const ach = seedAccount('USD', 'local', { account_number: '100000000002', routing_number: '021000021', payment_rails: 'ach' });
		sandbox.clearRequests();

		const swift = await runGlomo(sandbox, create({ paymentType: 'swift', currency: 'USD', options: { ifExists: 'returnExisting' } }));
		expect(swift.error).toBeUndefined();
		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/v2/virtual-accounts 409', 'GET /api/v1/virtual-accounts 200']);
		expect(swift.json('Glomo')).toEqual([expect.objectContaining({ account_id: wire.id, payment_rails: 'wire', payment_type: 'swift', status: 'active', already_existed: true })]);

		const local = await runGlomo(sandbox, create({ paymentType: 'local', currency: 'USD', options: { ifExists: 'returnExisting' } }));
		expect(local.json('Glomo')).toEqual([expect.objectContaining({ account_id: ach.id, payment_rails: 'ach', payment_type: 'local', already_existed: true })]);
		expect(local.json('Glomo')[0]).not.toHaveProperty('payment_type_note');
		await retire('USD');
	});

	it('never outputs a disabled account as the existing one: Glomo\'s 409 stands, saying the account is disabled', async () => {
		await retire('USD');
		const disabled = seedAccount('USD', 'swift', { account_number: '200000000001', routing_number: '021000021', payment_rails: 'wire' }, 'disabled');
		// an active account of the other payment type is not the one asked for either
		const other = seedAccount('USD', 'local', { account_number: '200000000002', routing_number: '021000021', payment_rails: 'ach' });
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, create({ paymentType: 'swift', currency: 'USD', options: { ifExists: 'returnExisting' } }));

		expectApiError(result, 'Virtual Account already exists', '409');
		expect(result.error?.description).toMatch(/Duplicate record/);
		expect(result.error?.description).toContain(`Glomo disabled this account (${String(disabled.id)}): it cannot receive payments, so it is not output.`);
		expect(result.error?.description).not.toContain(String(other.id));
		expect(sandbox.requests).toHaveLength(2);
		await retire('USD');
	});

	it('says the existing account is pending when Glomo has not opened it yet (not listed)', async () => {
		glomo.behave((_req, res, _received, count) => {
			res.writeHead(count === 1 ? 409 : 200, { 'content-type': 'application/json' });
			res.end(
				count === 1
					? JSON.stringify({ error: 'Duplicate record', message: 'Virtual Account already exists' })
					: JSON.stringify({ data: [], page_meta: { current: 1, previous: null, next: null, per_page: 100, pages: 0, count: 0 } }),
			);
		});
		const result = await runWorkflow({
			...linearWorkflow({ parameters: create({ currency: 'AED', options: { ifExists: 'returnExisting' } }) }),
			credentials: { secretKey: sandbox.secretKey, baseUrl: glomo.url },
		});

		expect(result.error).toBeUndefined();
		expect(glomo.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v2/virtual-accounts', 'GET /api/v1/virtual-accounts?currency=AED&per_page=100']);
		expect(result.json('Glomo')).toEqual([
			{
				status: 'pending',
				payment_type: 'local',
				currency: 'AED',
				message: 'Glomo already has this account and has not opened it yet: it is listed once the virtual_account.active webhook arrives',
				already_existed: true,
				activation_event: 'virtual_account.active',
			},
		]);
	});

	it('keeps other errors as errors with Return Existing', async () => {
		glomo.answer(400, JSON.stringify({ error: 'Bad Request', message: 'Missing Required parameters' }));
		const result = await runWorkflow({
			...linearWorkflow({ parameters: create({ options: { ifExists: 'returnExisting' } }) }),
			credentials: { secretKey: sandbox.secretKey, baseUrl: glomo.url },
		});

		expectApiError(result, 'Missing Required parameters', '400');
		expect(glomo.received).toHaveLength(1);
	});

	it.each([
		['a currency code that does not exist', { currency: 'XYZ' }, /^Currency: "XYZ" is not a supported currency$/],
		['a currency without virtual accounts', { currency: 'INR' }, /^Currency: "INR" is not a supported currency$/],
		['no currency', { currency: ' ' }, /^Currency: is required$/],
		['a payment type Glomo does not have', { paymentType: 'ach' }, /^Payment Type: "ach" is not one of the choices$/],
		['an unknown If It Already Exists', { options: { ifExists: 'ignore' } }, /^Options > If It Already Exists: "ignore" is not one of the choices$/],
	])('refuses %s by name, sending nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, create(overrides));

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});

	it('names the accepted currencies in the hint', async () => {
		const result = await runGlomo(sandbox, create({ currency: 'JPY' }));
		expect(result.error?.description).toBe('Use one of AED, AUD, EUR, GBP, USD.');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Virtual Account › Get Many', () => {
	it('GETs /virtual-accounts with the currency filter and the limit, and outputs the accounts', async () => {
		seedAccount('EUR', 'local', { iban: 'DE00111122223333444455' });
		seedAccount('EUR', 'swift', { iban: 'DE00999988887777666655' });
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'getAll', limit: 1, filters: { currency: 'eur' } });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/virtual-accounts', query: { currency: 'EUR', per_page: '1', page: '1' }, body: undefined },
		]);
		expect(result.json('Glomo')).toEqual([
			{
				account_id: expect.stringMatching(/^va_/),
				currency: 'EUR',
				name: 'Glomo Sandbox Merchant',
				status: 'active',
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
				merchant_id: merchantId(),
				iban: 'DE00999988887777666655',
			},
		]);
	});

	it('pages through every account with Return All', async () => {
		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/virtual-accounts' });
		expect(sandbox.requests[0].query).toMatchObject({ per_page: '100', page: '1' });
		expect(sandbox.requests[0].query.currency).toBeUndefined();
		const currencies = new Set(result.json('Glomo').map((account) => account.currency));
		expect(currencies).toEqual(new Set(['USD', 'EUR', 'GBP', 'AUD']));
	});

	it('refuses a currency filter that is no currency by name, sending nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'getAll', filters: { currency: 'EURO' } });

		expectOperationError(result, 'Currency: "EURO" is not a supported currency');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Virtual Account › Close', () => {
	it('DELETEs with payment_type and currency in the query (currency from the picker) and outputs the answer', async () => {
		seedAccount('GBP', 'swift', { account_number: '12345678', sort_code: '040004' });
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'close', paymentType: 'swift', currency: rl('GBP', 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'DELETE', path: '/api/v1/virtual-accounts', query: { payment_type: 'swift', currency: 'GBP' }, body: undefined },
		]);
		expect(result.json('Glomo')).toEqual([{ message: 'Virtual account closed successfully', payment_type: 'swift', currency: 'GBP' }]);
		expect((await events('inactive', 1)).map((event) => [event.data.account_number, event.data.status])).toEqual([['12345678', 'inactive']]);
	});

	it('takes a currency code typed By Currency Code, in any case', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'virtualAccount',
			operation: 'close',
			paymentType: 'local',
			currency: { __rl: true, mode: 'code', value: 'gbp' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.query)).toEqual([{ payment_type: 'local', currency: 'GBP' }]);
	});

	it("passes on Glomo's 404 when no account of that kind is active", async () => {
		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'close', paymentType: 'swift', currency: rl('AUD', 'list') });

		expectApiError(result, 'Virtual account not found', '404');
		expect(sandbox.requests).toHaveLength(1);
	});

	it.each([
		// expressions: the editor's own checks (three letters, required) do not see their values
		['a code of two letters', { __rl: true, mode: 'code', value: '={{ "US" }}' }, 'Currency: "US" is not a supported currency'],
		['a currency without virtual accounts', { __rl: true, mode: 'code', value: 'INR' }, 'Currency: "INR" is not a supported currency'],
		['nothing', { __rl: true, mode: 'code', value: '={{ "" }}' }, 'Currency: is required'],
	])('refuses %s by name, sending nothing', async (_what, currency, message) => {
		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'close', paymentType: 'local', currency });

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});

	it('does not run with Payment Type left at its default (none): n8n asks for it, and nothing is sent', async () => {
		await expect(runGlomo(sandbox, { resource: 'virtualAccount', operation: 'close', currency: rl('GBP', 'list') })).rejects.toThrow(/workflow has issues/);
		expect(sandbox.requests).toEqual([]);
	});

	it('refuses an empty payment type from an expression by name, sending nothing: it never closes accounts of a type picked for the user', async () => {
		const result = await runGlomo(sandbox, { resource: 'virtualAccount', operation: 'close', paymentType: '={{ "" }}', currency: rl('GBP', 'list') });

		expectOperationError(result, 'Payment Type: is required');
		expect(result.error?.description).toBe('Choose Local or SWIFT: Close closes every active account of that payment type and currency. Nothing was sent to Glomo.');
		expect(sandbox.requests).toEqual([]);
	});

	it('has no default Payment Type, where Create keeps Local', () => {
		const properties = new Glomo().description.properties.filter((p) => p.name === 'paymentType' && p.displayOptions?.show?.resource?.includes('virtualAccount'));
		const byOperation = Object.fromEntries(properties.map((p) => [String(p.displayOptions?.show?.operation), p]));
		expect(byOperation.close).toMatchObject({ default: '', required: true });
		expect(byOperation.close.description).toMatch(/nothing is chosen for you/);
		expect(byOperation.create).toMatchObject({ default: 'local' });
	});

	it('says in its description and a notice that it closes every active account of the type and currency', () => {
		const properties = new Glomo().description.properties.filter((p) => p.displayOptions?.show?.resource?.includes('virtualAccount'));
		const operation = properties.find((p) => p.name === 'operation');
		const close = (operation?.options as Array<{ value: string; description?: string; action?: string }>).find((o) => o.value === 'close');
		expect(close?.description).toMatch(/^Close every active virtual account of one payment type and currency/);
		expect(close?.action).toBe('Close virtual accounts');
		const notice = properties.find((p) => p.name === 'closeNotice');
		expect(notice?.displayName).toMatch(/closes every active virtual account you have of the chosen payment type and currency/);
	});
});

describe('Close › Currency "From List"', () => {
	const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });

	it('lists the active accounts by currency, number and status, each picking its currency; typing narrows them', async () => {
		seedAccount('AED', 'swift', { account_number: 'AE070331234567890123456' });
		seedAccount('AED', 'local', { account_number: 'AE000000000000000000001' }, 'disabled');
		sandbox.clearRequests();

		const all = await runListSearch('searchVirtualAccounts', credentials());
		expect(sandbox.requests.map((r) => r.query)).toEqual([{ page: '1', per_page: '100' }]);
		expect(all.results[0]).toEqual({ name: 'AED · AE070331234567890123456 · active', value: 'AED' });
		expect(all.results.every((entry) => entry.name.endsWith(' · active'))).toBe(true);
		expect(all.results.map((entry) => entry.name)).not.toContain('AED · AE000000000000000000001 · disabled');
		expect(all.results).toContainEqual({ name: 'EUR · DE00999988887777666655 · active', value: 'EUR' });
		expect(all.paginationToken).toBeUndefined();

		const narrowed = await runListSearch('searchVirtualAccounts', credentials(), { filter: 'de0011' });
		expect(narrowed.results).toEqual([{ name: 'EUR · DE00111122223333444455 · active', value: 'EUR' }]);
	});

	it('shows the payment type and rail where Glomo\'s list tells them (USD), and finds accounts by rail', async () => {
		seedAccount('USD', 'swift', { account_number: '300000000001', routing_number: '021000021', payment_rails: 'wire' });
		seedAccount('USD', 'local', { account_number: '300000000002', routing_number: '021000021', payment_rails: 'ach' });
		sandbox.clearRequests();

		const all = await runListSearch('searchVirtualAccounts', credentials());
		expect(all.results).toContainEqual({ name: 'USD · 300000000001 · SWIFT (wire) · active', value: 'USD' });
		expect(all.results).toContainEqual({ name: 'USD · 300000000002 · Local (ACH) · active', value: 'USD' });
		const wire = await runListSearch('searchVirtualAccounts', credentials(), { filter: 'WIRE' });
		expect(wire.results.map((entry) => entry.name)).toContain('USD · 300000000001 · SWIFT (wire) · active');
		expect(wire.results.map((entry) => entry.name)).not.toContain('USD · 300000000002 · Local (ACH) · active');
	});
});
