/**
 * The sandbox's beneficiaries (v2 + legacy v1 over one collection) and bank account validations,
 * called over HTTP with a plain client: Glomo's validation wording, the review switch, the
 * mock-review rules and what payouts see.
 */
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from './index';

let sb: Sandbox;
let v1: AxiosInstance;
let v2: AxiosInstance;

beforeAll(async () => {
	sb = await startSandbox({ seed: 31 });
	const client = (version: string, key = sb.secretKey) =>
		axios.create({ baseURL: `${sb.url}/api/${version}`, headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true });
	v1 = client('v1');
	v2 = client('v2');
});
afterAll(async () => await sb.close());
afterEach(() => {
	sb.setAccount({ beneficiaryReview: false });
	sb.setAccount({ beneficiaryNotes: [] });
});

const HOME = { address_line1: '1 Main St', city: 'Berlin', state: 'Berlin', country_code: 'DEU', postal_code: '10117' };
let seq = 0;
function body(bank: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
	seq += 1;
	return {
		category: 'payout',
		beneficiary: { name: 'Acme GmbH', type: 'business', address: HOME },
		bank_account: { account_number: String(5550000000 + seq), currency: 'USD', swift_code: 'CHASUS33', ...bank },
		...extra,
	};
}

describe('POST /v2/beneficiaries', () => {
	it.each<[string, Record<string, unknown>, string]>([
		['an empty body', {}, "Category can't be blank, Category must be one of: lrs, payout, Beneficiary name can't be blank, Beneficiary address is required, Bank account can't be blank"],
		['an unknown category', body({}, { category: 'vendor' }), 'Category must be one of: lrs, payout'],
		['a SWIFT code of 7 characters', body({ swift_code: 'CHASUS3' }), 'Swift code must be 8 to 11 characters long'],
		['both identifiers on a payout', body({ local_routing_number: '021000021' }), 'Send only one of swift_code or local_routing_number'],
		['neither identifier outside EUR/AED', body({ swift_code: undefined }), 'Either swift_code or local_routing_number is required (only EUR and AED IBAN accounts may send neither)'],
		['an IBAN-only EUR account with a bad IBAN', body({ swift_code: undefined, currency: 'EUR', account_number: 'DE00123' }), 'Bank account account number is not a valid IBAN'],
		['a bad IFSC on an INR account', body({ swift_code: undefined, currency: 'INR', local_routing_number: 'HDFC123' }), 'Local routing number is not a valid IFSC'],
		['bank account and UPI together', body({}, { upi_account: { upi_id: 'a@ok' } }), 'Send either bank_account or upi_account, not both'],
		[
			'an LRS beneficiary missing its bank details',
			body({ swift_code: 'CHASUS33XXX' }, { category: 'lrs' }),
			"Swift code must be 8 characters long, Local routing number can't be blank, Bank account name can't be blank, Bank account address can't be blank, Intermediate bank swift code can't be blank",
		],
		['an Indian beneficiary with a bad PAN note', body({}, { beneficiary: { name: 'Ravi', address: { ...HOME, country_code: 'IND' } }, notes: { pan: 'ABC' } }), 'Notes pan is not a valid PAN'],
	])('400 for %s', async (_what, request, message) => {
		const res = await v2.post('/beneficiaries', request);
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Bad Request', message });
	});

	it('400 when the bank cannot be resolved and no name/address is sent', async () => {
		const res = await v2.post('/beneficiaries', body({ swift_code: 'ZZZZUS33' }));
		expect(res.status).toBe(400);
		expect(res.data.message).toMatch(/^Could not resolve bank details/);
	});

	it('422 for a duplicate account, and for a notes key the account requires', async () => {
		const first = body();
		expect((await v2.post('/beneficiaries', first)).status).toBe(201);
		const again = await v2.post('/beneficiaries', { ...first, beneficiary: { name: 'Other', type: 'business', address: HOME } });
		expect(again.status).toBe(422);
		expect(again.data).toEqual({
			error: 'Unprocessable Entity',
			message: 'Validation failed: Business already had this Account Number, Account Type and Transfer Method',
		});

		sb.setAccount({ beneficiaryNotes: ['tax_identification_number'] });
		const noted = await v2.post('/beneficiaries', body());
		expect(noted.status).toBe(422);
		expect(noted.data.message).toBe('Validation failed: Notes tax_identification_number is required');
		expect((await v2.post('/beneficiaries', body({}, { notes: { tax_identification_number: '12-3456789' } }))).status).toBe(201);
	});

	it('creates pending beneficiaries while review is on; payouts refuse them until approved', async () => {
		sb.setAccount({ beneficiaryReview: true });
		const created = await v2.post('/beneficiaries', body());
		expect(created.status).toBe(201);
		expect(created.data.status).toBe('pending');
		const payout = { beneficiary_id: created.data.id, purpose_code: 'S1099', source_currency: 'USD', destination_currency: 'USD', source_amount: 1000 };
		expect((await v1.post('/payouts', payout)).data.message).toBe('Beneficiary verification is pending');

		const listed = await v2.get('/beneficiaries', { params: { status: 'pending' } });
		expect(listed.data.data.map((b: { id: string }) => b.id)).toContain(created.data.id);

		const approved = await v2.patch(`/beneficiaries/${String(created.data.id)}/mock-review`, { review_action: 'approve' });
		expect(approved.status).toBe(200);
		expect(approved.data.status).toBe('active');
		expect((await v1.post('/payouts', payout)).status).toBe(201);
	});
});

describe('PATCH /v2/beneficiaries/{id}/mock-review', () => {
	it('400 for a missing or unknown review_action, 404 for an unknown id, 404 with a production key', async () => {
		sb.setAccount({ beneficiaryReview: true });
		const id = String((await v2.post('/beneficiaries', body())).data.id);

		const missing = await v2.patch(`/beneficiaries/${id}/mock-review`, {});
		expect([missing.status, missing.data.message]).toEqual([400, "Validation failed: Review action can't be blank"]);
		const unknown = await v2.patch(`/beneficiaries/${id}/mock-review`, { review_action: 'maybe' });
		expect([unknown.status, unknown.data.message]).toEqual([400, 'Validation failed: Review action must be one of: approve, reject']);
		const nobody = await v2.patch('/beneficiaries/bene_doesNotExist1/mock-review', { review_action: 'approve' });
		expect([nobody.status, nobody.data.message]).toEqual([404, 'Beneficiary not found']);

		const live = axios.create({
			baseURL: `${sb.url}/api/v2`,
			headers: { Authorization: `Bearer ${sb.issueKey('production')}` },
			validateStatus: () => true,
		});
		expect((await live.patch(`/beneficiaries/${id}/mock-review`, { review_action: 'approve' })).status).toBe(404);
		// still pending: nothing happened
		expect((await v2.get(`/beneficiaries/${id}`)).data.status).toBe('pending');
	});
});

describe('legacy /v1/beneficiaries', () => {
	it('creates in the flat v1 shape; the same beneficiary reads back in v2 shape', async () => {
		const res = await v1.post('/beneficiaries', {
			beneficiary_type: 'individual',
			account_number: '1234567890',
			holder_name: 'John Doe',
			bic_primary: 'YESBINBB',
			bic_secondary: 'YESB0000002',
			bank_name: 'Yes Bank',
			address_line1: '123 Main St',
			email: 'john@example.com',
			city: 'Bengaluru',
			state: 'Karnataka',
			country: 'Ind',
			pincode: '560048',
			nickname: 'John',
		});
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({ holder_name: 'John Doe', country: 'IND', bic_primary: 'YESBINBB' });
		expect(res.data.status).toBeUndefined();
		const same = await v2.get(`/beneficiaries/${String(res.data.id)}`);
		expect(same.data).toMatchObject({
			name: 'John Doe',
			type: 'individual',
			status: 'active',
			bank_account: { account_number: '1234567890', swift_code: 'YESBINBB', local_routing_number: 'YESB0000002', name: 'Yes Bank' },
		});
		expect(same.data.bank_account.currency).toBeUndefined();
	});

	it("400 with Rails-style messages for missing fields", async () => {
		const res = await v1.post('/beneficiaries', { beneficiary_type: 'individual' });
		expect(res.status).toBe(400);
		expect(res.data.message).toMatch(/^Validation failed: Account number can't be blank, Holder name can't be blank, /);
	});
});

describe('/v1/bank_account_validation', () => {
	it('refuses an id together with account details, and a UPI-only beneficiary', async () => {
		const both = await v1.post('/bank_account_validation', { id: 'bene_5JU9yv0lGSUP', country: 'IND' });
		expect([both.status, both.data.message]).toEqual([400, 'Send either id or the bank account details, not both']);
		const upi = await v2.post('/beneficiaries', {
			category: 'payout',
			beneficiary: { name: 'Asha', type: 'individual', address: { ...HOME, country_code: 'IND' } },
			upi_account: { upi_id: 'asha@okhdfcbank' },
		});
		const res = await v1.post('/bank_account_validation', { id: upi.data.id });
		expect([res.status, res.data.message]).toEqual([400, 'Beneficiary has no bank account to validate']);
	});

	it('an account number of zeros is validated, but not found', async () => {
		const res = await v1.post('/bank_account_validation', {
			country: 'USA',
			holder_name: 'Jane Roe',
			account_number: '000000',
			bic_primary: 'CHASUS33',
			bic_secondary: '021000021',
		});
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ status: 'success', validation_message: 'No account was found with these details' });
	});
});
