import axios, { AxiosInstance } from 'axios';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import { canonicalJson, signWebhookBody, startSandbox, Sandbox } from './index';

/** Loosely typed JSON (what JSON.parse returns), for poking at response bodies. */
type Json = ReturnType<typeof JSON.parse>;

function client(sb: Sandbox, key: string | null = sb.secretKey): AxiosInstance {
	return axios.create({
		baseURL: `${sb.url}/api/v1`,
		headers: key === null ? {} : { Authorization: `Bearer ${key}` },
		validateStatus: () => true,
	});
}

function decodeJwtPart(token: string, index: number): Json {
	return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));
}

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
	const start = Date.now();
	while (!cond()) {
		if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for condition');
		await new Promise((r) => setTimeout(r, 10));
	}
}

let seq = 0;
function customerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	seq += 1;
	return {
		name: "Prabhat's Arts & Crafts Pvt. Ltd",
		customer_type: 'business',
		email: `buyer${seq}@example.com`,
		phone: '+91-9023456789',
		dob: '1990-04-12',
		nationality: 'IND',
		address: '123 Main St',
		city: 'Bengaluru',
		state: 'Karnataka',
		country: 'IND',
		pincode: '560048',
		...overrides,
	};
}

function payoutBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		beneficiary_id: 'bene_5JU9yv0lGSUPa',
		purpose_code: 'S1006',
		source_currency: 'USD',
		destination_currency: 'INR',
		source_amount: 10_000,
		...overrides,
	};
}

const ID = (prefix: string) => new RegExp(`^${prefix}[A-Za-z0-9]{13}$`);

describe('Glomo sandbox', () => {
	let sb: Sandbox;
	let api: AxiosInstance;

	beforeAll(async () => {
		sb = await startSandbox({ seed: 1234 });
		api = client(sb);
	});

	afterAll(async () => {
		await sb.close();
	});

	describe('auth', () => {
		it('rejects a missing Authorization header with "Missing token"', async () => {
			const res = await client(sb, null).get('/balances');
			expect(res.status).toBe(401);
			expect(res.data).toEqual({ error: 'Unauthorized', message: 'Missing token' });
		});

		it('rejects unknown keys with "Auth token expired or invalid"', async () => {
			const res = await client(sb, 'eyJhbGciOiJSUzI1NiJ9.e30.bogus').get('/balances');
			expect(res.status).toBe(401);
			expect(res.data).toEqual({ error: 'Unauthorized', message: 'Auth token expired or invalid' });
		});

		it('issues RS256 JWT keys carrying env and sub', async () => {
			expect(decodeJwtPart(sb.secretKey, 0)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
			const payload = decodeJwtPart(sb.secretKey, 1);
			expect(payload).toMatchObject({ env: 'sandbox' });
			expect(payload.sub).toMatch(ID('merch_'));
			expect(typeof payload.iat).toBe('number');

			const prod = sb.issueKey('production');
			expect(decodeJwtPart(prod, 1)).toMatchObject({ env: 'production', sub: payload.sub });
			expect(prod).not.toBe(sb.secretKey);
			const res = await client(sb, prod).get('/balances');
			expect(res.status).toBe(200);
		});

		it('answers unknown routes with a flat 404', async () => {
			const res = await api.get('/no-such-thing');
			expect(res.status).toBe(404);
			expect(res.data.error).toBe('Not Found');
			expect(typeof res.data.message).toBe('string');
		});

		it('rejects invalid JSON with a 400 naming it', async () => {
			const res = await api.post('/customer', '{"name": ', { headers: { 'Content-Type': 'application/json' } });
			expect(res.status).toBe(400);
			expect(res.data.error).toBe('Bad Request');
			expect(res.data.message).toMatch(/JSON/);
		});
	});

	describe('customers', () => {
		it('creates a customer (201, cust_ id, status active)', async () => {
			const body = customerBody();
			const res = await api.post('/customer', body);
			expect(res.status).toBe(201);
			expect(res.data.id).toMatch(ID('cust_'));
			expect(res.data).toMatchObject({
				name: body.name,
				customer_type: 'business',
				email: body.email,
				country: 'IND',
				pincode: '560048',
				status: 'active',
			});
			expect(res.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		});

		it.each([
			[{ name: 'A' }, 'Validation failed: Name is too short'],
			[{ name: 'Bad_Name' }, 'Validation failed: Name is invalid'],
			[{ name: 'Café Ltd' }, 'Validation failed: Name is invalid'],
			[{ customer_type: 'company' }, 'Customer type must be one of: individual, business'],
			[{ email: 'not-an-email' }, 'Email is invalid'],
			[{ country: 'ind' }, 'Country must be a valid ISO 3166-1 alpha-3 code'],
			[{ country: 'IN' }, 'Country must be a valid ISO 3166-1 alpha-3 code'],
			[{ pincode: undefined }, "Pincode can't be blank"],
			[{ pincode: 560048 }, 'Pincode must be a string'],
			[{ phone: '9023456789' }, 'Phone is invalid'],
			[{ dob: '2999-01-01' }, 'Dob must be in the past'],
			[{ dob: '29-11-2003' }, 'Dob must be in YYYY-MM-DD format'],
			[{ city: '  ' }, "City can't be blank"],
		])('rejects %j', async (override, message) => {
			const res = await api.post('/customer', customerBody(override));
			expect(res.status).toBe(400);
			expect(res.data.error).toBe('Bad Request');
			expect(res.data.message).toContain(message);
		});

		it('enforces email + country uniqueness case-insensitively', async () => {
			const first = await api.post('/customer', customerBody({ email: 'Dup.User@Example.com' }));
			expect(first.status).toBe(201);
			const dup = await api.post('/customer', customerBody({ email: 'dup.user@example.COM' }));
			expect(dup.status).toBe(400);
			expect(dup.data).toEqual({ error: 'Bad Request', message: 'Validation failed: Email has already been taken' });
			const otherCountry = await api.post('/customer', customerBody({ email: 'dup.user@example.com', country: 'ARE' }));
			expect(otherCountry.status).toBe(201);
		});

		it('gets a customer; wrong prefix → 400, unknown → 404', async () => {
			const created = (await api.post('/customer', customerBody())).data;
			const got = await api.get(`/customer/${created.id}`);
			expect(got.status).toBe(200);
			expect(got.data).toEqual(created);

			const wrong = await api.get('/customer/payout_5JU9yv0lGSUPa');
			expect(wrong.status).toBe(400);
			expect(wrong.data.message).toBe("Id must start with 'cust_'");

			const missing = await api.get('/customer/cust_0000000000000');
			expect(missing.status).toBe(404);
			expect(missing.data).toEqual({ error: 'Not Found', message: 'Customer not found' });
		});

		it('updates only email and phone', async () => {
			const created = (await api.post('/customer', customerBody())).data;
			const ok = await api.patch(`/customer/${created.id}`, { email: 'new.address@example.com', phone: '+44 20 7946 0958' });
			expect(ok.status).toBe(200);
			expect(ok.data).toMatchObject({ id: created.id, email: 'new.address@example.com', phone: '+44 20 7946 0958', name: created.name });
			expect(Date.parse(ok.data.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));

			const bad = await api.patch(`/customer/${created.id}`, { name: 'Another Name' });
			expect(bad.status).toBe(400);
			expect(bad.data.message).toContain('name');

			const badEmail = await api.patch(`/customer/${created.id}`, { email: 'nope' });
			expect(badEmail.status).toBe(400);
			expect(badEmail.data.message).toBe('Validation failed: Email is invalid');

			const missing = await api.patch('/customer/cust_0000000000000', { phone: '+91-9023456789' });
			expect(missing.status).toBe(404);
		});
	});

	describe('lists', () => {
		let lsb: Sandbox;
		let lapi: AxiosInstance;
		const ids: string[] = [];

		beforeAll(async () => {
			lsb = await startSandbox({ seed: 99 });
			lapi = client(lsb);
			for (let i = 0; i < 45; i++) {
				const type = i % 3 === 0 ? 'individual' : 'business';
				const res = await lapi.post('/customer', customerBody({ customer_type: type, email: `list${i}@example.com` }));
				expect(res.status).toBe(201);
				ids.push(res.data.id);
			}
		});

		afterAll(async () => {
			await lsb.close();
		});

		it('has strictly increasing millisecond created_at values', async () => {
			const all = (await lapi.get('/customer', { params: { per_page: 100 } })).data.data as Json[];
			const times = all.map((c) => c.created_at as string);
			for (const t of times) expect(t).toMatch(/\.\d{3}Z$/);
			const ms = times.map((t) => Date.parse(t));
			for (let i = 1; i < ms.length; i++) expect(ms[i - 1]).toBeGreaterThan(ms[i]);
		});

		it('pages newest first with default per_page 20 and page_meta', async () => {
			const p1 = await lapi.get('/customer');
			expect(p1.status).toBe(200);
			expect(p1.data.data).toHaveLength(20);
			expect(p1.data.data[0].id).toBe(ids[44]);
			expect(p1.data.page_meta).toEqual({ current: 1, previous: null, next: 2, per_page: 20, pages: 3, count: 45 });

			const p3 = await lapi.get('/customer', { params: { page: 3 } });
			expect(p3.data.data).toHaveLength(5);
			expect(p3.data.data[4].id).toBe(ids[0]);
			expect(p3.data.page_meta).toEqual({ current: 3, previous: 2, next: null, per_page: 20, pages: 3, count: 45 });

			const beyond = await lapi.get('/customer', { params: { page: 9 } });
			expect(beyond.data.data).toEqual([]);
			expect(beyond.data.page_meta.next).toBeNull();
		});

		it('clamps per_page above 100 and rejects per_page below 1', async () => {
			const big = await lapi.get('/customer', { params: { per_page: 500 } });
			expect(big.status).toBe(200);
			expect(big.data.page_meta.per_page).toBe(100);
			expect(big.data.data).toHaveLength(45);

			const zero = await lapi.get('/customer', { params: { per_page: 0 } });
			expect(zero.status).toBe(400);
			expect(zero.data.message).toContain('per_page');

			const page0 = await lapi.get('/customer', { params: { page: 0 } });
			expect(page0.status).toBe(400);
		});

		it('filters on created_at with exclusive before/after', async () => {
			const all = (await lapi.get('/customer', { params: { per_page: 100 } })).data.data as Json[];
			// all[] is newest first; all[10] is the 35th created.
			const pivot = all[10];
			const before = await lapi.get('/customer', { params: { before: pivot.created_at, per_page: 100 } });
			expect(before.data.page_meta.count).toBe(34);
			expect(before.data.data.map((c: Json) => c.id)).not.toContain(pivot.id);
			expect(before.data.data[0].id).toBe(all[11].id);

			const after = await lapi.get('/customer', { params: { after: pivot.created_at, per_page: 100 } });
			expect(after.data.page_meta.count).toBe(10);
			expect(after.data.data.map((c: Json) => c.id)).not.toContain(pivot.id);

			const window = await lapi.get('/customer', {
				params: { after: all[20].created_at, before: all[10].created_at, per_page: 100 },
			});
			expect(window.data.page_meta.count).toBe(9);

			const bad = await lapi.get('/customer', { params: { before: 'yesterday' } });
			expect(bad.status).toBe(400);
			expect(bad.data.message).toContain('before');
		});

		it('AND-combines filters and matches email case-insensitively', async () => {
			const byEmail = await lapi.get('/customer', { params: { email_address: 'LIST7@Example.com' } });
			expect(byEmail.data.data).toHaveLength(1);
			expect(byEmail.data.data[0].id).toBe(ids[7]);

			const individuals = await lapi.get('/customer', { params: { customer_type: 'individual', per_page: 100 } });
			expect(individuals.data.page_meta.count).toBe(15);

			const both = await lapi.get('/customer', { params: { customer_type: 'individual', email_address: 'list7@example.com' } });
			expect(both.data.data).toEqual([]);
			expect(both.data.page_meta).toMatchObject({ count: 0, next: null, previous: null });

			const badType = await lapi.get('/customer', { params: { customer_type: 'robot' } });
			expect(badType.status).toBe(400);

			const badPan = await lapi.get('/customer', { params: { tax_identification_number: '123' } });
			expect(badPan.status).toBe(400);
		});

		it('lets onRequest insert records between two page fetches', async () => {
			const before = (await lapi.get('/customer', { params: { per_page: 1 } })).data.page_meta.count;
			lsb.onRequest((r) => {
				if (r.query.page === '2') lsb.insert('customer', { name: 'Late Arrival', email: 'late@example.com', country: 'IND' });
			});
			try {
				const p2 = await lapi.get('/customer', { params: { page: 2, per_page: 10 } });
				expect(p2.data.page_meta.count).toBe(before + 1);
			} finally {
				lsb.onRequest(undefined);
			}
			const late = await lapi.get('/customer', { params: { email_address: 'late@example.com' } });
			expect(late.data.data[0].id).toMatch(ID('cust_'));
		});
	});

	describe('balances, fx-rate and conversions', () => {
		it('lists seeded balances', async () => {
			const res = await api.get('/balances');
			expect(res.status).toBe(200);
			const currencies = res.data.available.map((b: Json) => b.currency);
			expect(currencies).toEqual(expect.arrayContaining(['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD']));
			for (const b of res.data.available) expect(Number.isInteger(b.amount)).toBe(true);
			expect(Array.isArray(res.data.pending)).toBe(true);
		});

		it('quotes mid-market rates and names bad parameters', async () => {
			const ok = await api.get('/fx-rate', { params: { source_currency: 'USD', destination_currency: 'INR' } });
			expect(ok.status).toBe(200);
			expect(ok.data).toMatchObject({ source_currency: 'USD', destination_currency: 'INR' });
			expect(ok.data.rate).toBeGreaterThan(1);
			expect(Date.parse(ok.data.expires_at)).toBeGreaterThan(Date.now());

			const missing = await api.get('/fx-rate', { params: { source_currency: 'USD' } });
			expect(missing.status).toBe(400);
			expect(missing.data.message).toContain('destination_currency');

			const unknown = await api.get('/fx-rate', { params: { source_currency: 'XXX', destination_currency: 'USD' } });
			expect(unknown.status).toBe(400);
			expect(unknown.data.message).toContain('source_currency');
		});

		it('refuses both amounts, wrong types and unknown keys', async () => {
			const both = await api.post('/balance_conversions', {
				source_currency: 'USD',
				target_currency: 'EUR',
				source_amount: 1000,
				target_amount: 900,
			});
			expect(both.status).toBe(400);
			expect(both.data).toEqual({ error: 'Bad Request', message: 'You can only send source_amount or target_amount, not both.' });

			const str = await api.post('/balance_conversions', { source_currency: 'USD', target_currency: 'EUR', source_amount: '1000' });
			expect(str.status).toBe(400);
			expect(str.data.message).toMatch(/Source amount must be an integer/);

			const extra = await api.post('/balance_conversions', { source_currency: 'USD', target_currency: 'EUR', source_amount: 1000, memo: 'x' });
			expect(extra.status).toBe(400);
			expect(extra.data.message).toContain('memo');

			const aed = await api.post('/balance_conversions', { source_currency: 'AED', target_currency: 'EUR', source_amount: 1000 });
			expect(aed.status).toBe(400);
		});

		it('converts and moves balances', async () => {
			const bal = async () => {
				const b = (await api.get('/balances')).data.available as Json[];
				const of = (c: string) => b.find((x) => x.currency === c).amount as number;
				return { usd: of('USD'), eur: of('EUR') };
			};
			const start = await bal();
			const res = await api.post('/balance_conversions', { source_currency: 'USD', target_currency: 'EUR', source_amount: 100_000 });
			expect(res.status).toBe(201);
			expect(res.data.id).toMatch(ID('conv_'));
			expect(res.data).toMatchObject({
				from: { amount: 100_000, currency: 'USD' },
				to: { currency: 'EUR' },
				fees: { currency: 'USD' },
				mid_market_rate: { currency: 'EUR' },
				status: 'success',
			});
			const end = await bal();
			expect(end.usd).toBe(start.usd - 100_000);
			expect(end.eur).toBe(start.eur + res.data.to.amount);

			const byTarget = await api.post('/balance_conversions', { source_currency: 'EUR', target_currency: 'GBP', target_amount: 5000 });
			expect(byTarget.status).toBe(201);
			expect(byTarget.data.to).toEqual({ amount: 5000, currency: 'GBP' });

			const list = await api.get('/balance_conversions', { params: { source_currency: 'USD' } });
			expect(list.status).toBe(200);
			expect(list.data.data.map((c: Json) => c.id)).toContain(res.data.id);
			expect(list.data.data.map((c: Json) => c.id)).not.toContain(byTarget.data.id);

			const broke = await api.post('/balance_conversions', { source_currency: 'GBP', target_currency: 'USD', source_amount: 10 ** 12 });
			expect(broke.status).toBe(400);
			expect(broke.data.code).toBe('INSUFFICIENT_BALANCE');
		});
	});

	describe('key rotation', () => {
		it('validates expire_after_in_seconds', async () => {
			const key = sb.issueKey('sandbox');
			const str = await client(sb, key).post('/api-keys/rotate', { expire_after_in_seconds: '60' });
			expect(str.status).toBe(400);
			expect(str.data).toEqual({ error: 'Bad Request', message: 'Validation failed: Expire after in seconds must be an integer' });
			const range = await client(sb, key).post('/api-keys/rotate', { expire_after_in_seconds: 604_801 });
			expect(range.status).toBe(400);
			expect(range.data.message).toBe('Validation failed: Expire after in seconds must be between 0 and 604800');
		});

		it('keeps the old key for the window, then refuses it; the new key works at once', async () => {
			const oldKey = sb.issueKey('sandbox');
			const res = await client(sb, oldKey).post('/api-keys/rotate', { expire_after_in_seconds: 1 });
			expect(res.status).toBe(200);
			const { secret_key: newKey, previous_key_expires_at: expiresAt } = res.data;
			expect(decodeJwtPart(newKey, 1)).toMatchObject({ env: 'sandbox' });
			expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(1000);

			expect((await client(sb, newKey).get('/balances')).status).toBe(200);
			expect((await client(sb, oldKey).get('/balances')).status).toBe(200);
			await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expiresAt) - Date.now()) + 20));
			const late = await client(sb, oldKey).get('/balances');
			expect(late.status).toBe(401);
			expect(late.data).toEqual({ error: 'Unauthorized', message: 'Auth token expired or invalid' });
			expect((await client(sb, newKey).get('/balances')).status).toBe(200);
		});

		it('expire_after_in_seconds 0 revokes the old key immediately', async () => {
			const oldKey = sb.issueKey('sandbox');
			const res = await client(sb, oldKey).post('/api-keys/rotate', { expire_after_in_seconds: 0 });
			expect(res.status).toBe(200);
			expect((await client(sb, oldKey).get('/balances')).status).toBe(401);
			expect((await client(sb, res.data.secret_key).get('/balances')).status).toBe(200);
		});
	});

	describe('request_id idempotency', () => {
		it('payouts: 201 in_progress, reuse → 409, lookup by ?request_id=', async () => {
			const first = await api.post('/payouts', payoutBody({ request_id: 'po-req-1' }));
			expect(first.status).toBe(201);
			expect(first.data.id).toMatch(ID('payout_'));
			expect(first.data).toMatchObject({ status: 'in_progress', request_id: 'po-req-1', source_amount: 10_000, payment_rail: 'swift' });

			const again = await api.post('/payouts', payoutBody({ request_id: 'po-req-1' }));
			expect(again.status).toBe(409);
			expect(again.data).toEqual({ error: 'Conflict', message: 'A payout with this request_id already exists' });

			const found = await api.get('/payouts', { params: { request_id: 'po-req-1' } });
			expect(found.data.data).toHaveLength(1);
			expect(found.data.data[0].id).toBe(first.data.id);

			const got = await api.get(`/payouts/${first.data.id}`);
			expect(got.status).toBe(200);
			const missing = await api.get('/payouts/payout_0000000000000');
			expect(missing.status).toBe(404);
			expect(missing.data).toEqual({ error: 'Not Found', message: 'Payout not found' });
		});

		it('payouts: minimal validation', async () => {
			const long = await api.post('/payouts', payoutBody({ request_id: 'x'.repeat(65) }));
			expect(long.status).toBe(400);
			expect(long.data.message).toContain('Request id');

			const bene = await api.post('/payouts', payoutBody({ beneficiary_id: 'cust_5JU9yv0lGSUPa' }));
			expect(bene.status).toBe(400);
			expect(bene.data.message).toContain('bene_');

			const both = await api.post('/payouts', payoutBody({ destination_amount: 5000 }));
			expect(both.status).toBe(400);

			const noPurpose = await api.post('/payouts', payoutBody({ purpose_code: undefined }));
			expect(noPurpose.status).toBe(400);
			expect(noPurpose.data.message).toContain('Purpose code');

			const extra = await api.post('/payouts', payoutBody({ colour: 'red' }));
			expect(extra.status).toBe(400);
			expect(extra.data.message).toContain('colour');
		});

		it('orders: customer must exist, reuse → 400, lookup by ?request_id=', async () => {
			const customer = (await api.post('/customer', customerBody())).data;
			const body = { customer_id: customer.id, amount: 10_000, currency: 'USD', purpose_code: 'P0014', request_id: 'ord-req-1' };
			const first = await api.post('/orders', body);
			expect(first.status).toBe(201);
			expect(first.data.id).toMatch(ID('order_'));
			expect(first.data).toMatchObject({ status: 'active', customer_id: customer.id, request_id: 'ord-req-1' });

			const again = await api.post('/orders', body);
			expect(again.status).toBe(400);
			expect(again.data).toEqual({ error: 'Bad Request', message: 'Order already exists for this request_id' });

			const found = await api.get('/orders', { params: { request_id: 'ord-req-1' } });
			expect(found.data.data.map((o: Json) => o.id)).toEqual([first.data.id]);
			expect((await api.get(`/orders/${first.data.id}`)).data.id).toBe(first.data.id);

			const ghost = await api.post('/orders', { ...body, customer_id: 'cust_0000000000000', request_id: 'ord-req-2' });
			expect(ghost.status).toBe(404);
			expect(ghost.data).toEqual({ error: 'Not Found', message: 'Customer not found' });

			const currency = await api.post('/orders', { ...body, currency: 'JPY', request_id: 'ord-req-3' });
			expect(currency.status).toBe(400);
			expect(currency.data.message).toBe('Currency not supported');
		});
	});

	describe('faults', () => {
		let fsb: Sandbox;
		let fapi: AxiosInstance;

		beforeEach(async () => {
			fsb = await startSandbox({ seed: 7 });
			fapi = client(fsb);
		});

		afterEach(async () => {
			await fsb.close();
		});

		it('rate429 = 1 answers 429 with a message-only body before processing', async () => {
			fsb.setFaults({ rate429: 1 });
			const res = await fapi.post('/customer', customerBody());
			expect(res.status).toBe(429);
			expect(res.data).toEqual({ message: 'Too Many Requests' });
			fsb.resetFaults();
			const list = await fapi.get('/customer');
			expect(list.data.page_meta.count).toBe(0);
			expect(fsb.requests.map((r) => r.status)).toEqual([429, 200]);
		});

		it('rate5xx = 1 answers 500/502/503 with a flat body before processing', async () => {
			fsb.setFaults({ rate5xx: 1 });
			for (let i = 0; i < 5; i++) {
				const res = await fapi.post('/customer', customerBody());
				expect([500, 502, 503]).toContain(res.status);
				expect(typeof res.data.error).toBe('string');
				expect(typeof res.data.message).toBe('string');
			}
			fsb.resetFaults();
			expect((await fapi.get('/customer')).data.page_meta.count).toBe(0);
		});

		it('dropAfterCommit = 1 commits the write, then drops the connection', async () => {
			fsb.setFaults({ dropAfterCommit: 1 });
			const body = customerBody({ email: 'dropped@example.com' });
			const err = await fapi.post('/customer', body).then(
				() => undefined,
				(e: Json) => e,
			);
			expect(err).toBeDefined();
			expect(err.response).toBeUndefined();
			expect(String(err.code ?? err.message)).toMatch(/ECONNRESET|socket hang up|ECONNABORTED|EPIPE/i);
			// reads are never dropped
			const list = await fapi.get('/customer', { params: { email_address: 'dropped@example.com' } });
			expect(list.status).toBe(200);
			expect(list.data.data).toHaveLength(1);
			const post = fsb.requests.find((r) => r.method === 'POST');
			expect(post?.status).toBe(0);
			expect(post?.body).toMatchObject({ email: 'dropped@example.com' });
		});

		it('latencyMs delays every response', async () => {
			fsb.setFaults({ latencyMs: 250 });
			const t0 = Date.now();
			const res = await fapi.get('/balances');
			expect(res.status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
		});

		it('rpmLimit admits N requests per rolling minute, then 429', async () => {
			fsb.setFaults({ rpmLimit: 3 });
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) statuses.push((await fapi.get('/balances')).status);
			expect(statuses).toEqual([200, 200, 200, 429, 429]);
			const limited = await fapi.get('/balances');
			expect(limited.data).toEqual({ message: 'Too Many Requests' });
		});

		it('is deterministic for a given seed', async () => {
			const run = async (seed: number) => {
				const s = await startSandbox({ seed, faults: { rate429: 0.5 } });
				try {
					const c = client(s);
					const out: number[] = [];
					for (let i = 0; i < 12; i++) out.push((await c.get('/balances')).status);
					return out;
				} finally {
					await s.close();
				}
			};
			const a = await run(42);
			const b = await run(42);
			expect(a).toEqual(b);
			expect(a).toContain(429);
			expect(a).toContain(200);
		});
	});

	describe('webhooks', () => {
		const SECRET = 'whsec_test_secret';
		let receiver: http.Server;
		let receiverUrl: string;
		const received: Array<{ raw: string; headers: http.IncomingHttpHeaders }> = [];

		beforeAll(async () => {
			receiver = http.createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c: Buffer) => chunks.push(c));
				req.on('end', () => {
					received.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
					res.writeHead(200, { Connection: 'close' });
					res.end('ok');
				});
			});
			await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
			receiverUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hooks/glomo`;
			sb.setWebhookTargets([receiverUrl], SECRET);
		});

		afterAll(async () => {
			sb.setWebhookTargets([], '');
			await new Promise<void>((r) => receiver.close(() => r()));
		});

		it('matches the official canonicalisation + HMAC test vector', () => {
			const body =
				'{"data":{"amount":250000,"beneficiary":{"country":"DEU","name":"Acme GmbH"},"created_at":"2026-09-09T07:00:09Z","currency":"USD","id":"payout_6a8fd80eo6coZ","status":"success"},"entity_type":"payout","event_type":"success"}';
			expect(Buffer.byteLength(body)).toBe(223);
			const shuffled = {
				event_type: 'success',
				entity_type: 'payout',
				data: {
					status: 'success',
					id: 'payout_6a8fd80eo6coZ',
					currency: 'USD',
					created_at: '2026-09-09T07:00:09Z',
					beneficiary: { name: 'Acme GmbH', country: 'DEU' },
					amount: 250000,
				},
			};
			expect(canonicalJson(shuffled)).toBe(body);
			expect(signWebhookBody(body, 'whsec_2f1c9b7a4d6e8031')).toBe('d5b5a68b9729f41c4a46f1e94c750bf10fb32f345a5467cbfec7739df83f2c02');
		});

		it('canonicalises strings and numbers per RFC 8785', () => {
			expect(canonicalJson({ b: 'café / "q"\n\u0001', a: [1.5, 1e21, 0.000001, -0, null, true] })).toBe(
				'{"a":[1.5,1e+21,0.000001,0,null,true],"b":"café / \\"q\\"\\n\\u0001"}',
			);
		});

		it('delivers a signed event when a payout is created, without delaying the response', async () => {
			const before = received.length;
			const res = await api.post('/payouts', payoutBody({ request_id: 'po-hook-1' }));
			expect(res.status).toBe(201);
			await waitFor(() => received.length > before && sb.webhooks.some((w) => w.body.includes(res.data.id)));
			const hit = received.slice(before).find((r) => r.raw.includes(res.data.id));
			expect(hit).toBeDefined();
			const raw = hit!.raw;
			expect(hit!.headers['content-type']).toBe('application/json');
			const expected = crypto.createHmac('sha256', SECRET).update(raw).digest('hex');
			expect(hit!.headers['x-glomopay-signature']).toBe(expected);
			const parsed = JSON.parse(raw);
			expect(parsed).toMatchObject({ entity_type: 'payout', event_type: 'in_progress', data: { id: res.data.id, status: 'in_progress' } });
			expect(canonicalJson(parsed)).toBe(raw);
			expect(raw.indexOf('"data"')).toBe(1);

			const delivery = sb.webhooks.find((w) => w.body === raw);
			expect(delivery).toMatchObject({ url: receiverUrl, status: 200, signature: expected });
		});

		it('emits orders/active on order creation and delivers manual events', async () => {
			const customer = (await api.post('/customer', customerBody())).data;
			const order = (await api.post('/orders', { customer_id: customer.id, amount: 500, currency: 'EUR' })).data;
			await waitFor(() => sb.webhooks.some((w) => w.body.includes(order.id)));
			const ev = JSON.parse(sb.webhooks.find((w) => w.body.includes(order.id))!.body);
			expect(ev).toMatchObject({ entity_type: 'orders', event_type: 'active', data: { id: order.id } });

			const count = sb.webhooks.length;
			await sb.emitEvent('payment', 'success', { id: 'payt_686f7cc3pe69T', status: 'success', amount: 1000 });
			expect(sb.webhooks.length).toBe(count + 1);
			const last = sb.webhooks[sb.webhooks.length - 1];
			expect(last.body).toBe('{"data":{"amount":1000,"id":"payt_686f7cc3pe69T","status":"success"},"entity_type":"payment","event_type":"success"}');
			expect(last.signature).toBe(signWebhookBody(last.body, SECRET));
		});

		it('records status 0 for an unreachable target and still answers the API call', async () => {
			const s2 = await startSandbox({ seed: 5, webhookUrls: ['http://127.0.0.1:1/nowhere'], webhookSecret: 'x' });
			try {
				const res = await client(s2).post('/payouts', payoutBody());
				expect(res.status).toBe(201);
				await waitFor(() => s2.webhooks.length === 1);
				expect(s2.webhooks[0].status).toBe(0);
			} finally {
				await s2.close();
			}
		});
	});

	describe('admin routes', () => {
		it('exposes health, requests, faults, keys, webhooks and events', async () => {
			const admin = axios.create({ baseURL: `${sb.url}/__sandbox`, validateStatus: () => true });
			expect((await admin.get('/health')).data).toMatchObject({ status: 'ok' });

			const key = (await admin.post('/keys', { env: 'production' })).data.secret_key as string;
			expect(decodeJwtPart(key, 1).env).toBe('production');
			expect((await client(sb, key).get('/balances')).status).toBe(200);

			const faults = await admin.put('/faults', { latencyMs: 5 });
			expect(faults.data).toMatchObject({ latencyMs: 5, rate429: 0 });
			await admin.put('/faults', { latencyMs: 0 });

			const reqs = await admin.get('/requests');
			expect(Array.isArray(reqs.data)).toBe(true);
			expect(reqs.data.every((r: Json) => !String(r.path).startsWith('/__sandbox'))).toBe(true);
			expect((await admin.delete('/requests')).status).toBe(200);
			expect(sb.requests).toHaveLength(0);

			const targets = await admin.put('/webhooks', { urls: [], secret: 's3cret' });
			expect(targets.data).toEqual({ urls: [], secret: 's3cret' });
			const ev = await admin.post('/events', { entity_type: 'payout', event_type: 'success', data: { id: 'payout_x' } });
			expect(ev.status).toBe(200);
			expect(ev.data.delivered).toEqual([]);
			expect(Array.isArray((await admin.get('/webhooks')).data)).toBe(true);

			const badFaults = await admin.put('/faults', { rate429: 'lots' });
			expect(badFaults.status).toBe(400);
		});
	});
});
