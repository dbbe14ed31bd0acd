/**
 * The sandbox's KYC links, payment sessions and prices over plain HTTP: the KYC journey moved on by
 * the test-only `advanceKycLink`, with a `kyc_journey` webhook on every move; the request checks of
 * each create, in Glomo's error shape.
 */
import axios, { type AxiosInstance } from 'axios';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord } from '../nodes/helpers';

const sandbox = useSandbox({ seed: 3404 });

function api(): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${sandbox.secretKey}` }, validateStatus: () => true });
}

interface Event {
	entity_type: string;
	event_type: string;
	data: Record<string, unknown>;
}

function eventsOf(id: string): Event[] {
	return sandbox.webhooks.map((w) => JSON.parse(w.body) as Event).filter((e) => e.data.id === id);
}

async function waitForEvents(id: string, count: number): Promise<Event[]> {
	for (let waited = 0; eventsOf(id).length < count && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
	return eventsOf(id);
}

async function newLink(body: Record<string, unknown> = {}): Promise<string> {
	const response = await api().post('/kyc-links', body);
	expect(response.status).toBe(201);
	return String(response.data.id);
}

describe('KYC journey', () => {
	beforeAll(() => sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_kyc'));
	afterAll(() => sandbox.setWebhookTargets([], ''));

	it('sends kyc_journey initiated, in_progress, under_review and completed as the link moves along its happy path', async () => {
		const id = await newLink({ email: 'journey@example.com', send_email: false });

		expect(sandbox.advanceKycLink(id)).toMatchObject({ status: 'in_progress', status_tracker: [{ step: 'selfie', status: 'in_progress' }, { step: 'signature', status: 'not_started' }, { step: 'bank_validation', status: 'not_started' }] });
		const review = sandbox.advanceKycLink(id);
		expect(review.status).toBe('under_review');
		const completed = sandbox.advanceKycLink(id);
		expect(completed.status).toBe('completed');

		const events = await waitForEvents(id, 4);
		expect(events.map((e) => [e.entity_type, e.event_type, e.data.status])).toEqual([
			['kyc_journey', 'initiated', 'initiated'],
			['kyc_journey', 'in_progress', 'in_progress'],
			['kyc_journey', 'under_review', 'under_review'],
			['kyc_journey', 'completed', 'completed'],
		]);
		// each event carries the whole link as it was then
		expect(events[0].data).toMatchObject({ email: 'journey@example.com', send_email: false, documents: [{ status: 'not_captured' }, { status: 'not_captured' }, { status: 'not_captured' }] });
		expect(events[3].data).toEqual((await api().get(`/kyc-links/${id}`)).data);
		expect(() => sandbox.advanceKycLink(id)).toThrow(`KYC link ${id} cannot move from completed to a next status`);
	});

	it('captures every document as a doc_ document when the journey goes under review; GET /document/{id} finds each', async () => {
		const id = await newLink();
		sandbox.advanceKycLink(id, 'in_progress');
		const before = (await api().get(`/kyc-links/${id}`)).data;
		expect(before.documents.every((d: { document_id: unknown }) => d.document_id === null)).toBe(true);

		const link = sandbox.advanceKycLink(id, 'under_review');
		const documents = link.documents as Array<{ type: string; document_id: string; status: string }>;
		expect(documents.map((d) => d.status)).toEqual(['captured', 'captured', 'captured']);
		for (const document of documents) {
			const found = await api().get(`/document/${document.document_id}`);
			expect(found.status).toBe(200);
			expect(found.data).toEqual({
				id: document.document_id,
				document_name: document.type,
				file_name: `${document.type}.jpg`,
				status: 'uploaded',
				created_at: expect.any(String),
				updated_at: expect.any(String),
			});
		}
		// sent back for more: the captured documents stay, the review can be passed again
		const back = sandbox.advanceKycLink(id, 'action_required');
		expect(back.documents).toEqual(documents);
		expect(sandbox.advanceKycLink(id, 'under_review').documents).toEqual(documents);
		expect(sandbox.advanceKycLink(id, 'rejected').status).toBe('rejected');
		const events = await waitForEvents(id, 6);
		expect(events.map((e) => e.event_type)).toEqual(['initiated', 'in_progress', 'under_review', 'action_required', 'under_review', 'rejected']);
	});

	it('marks the step being done as requires_action, then failed, on those moves', async () => {
		const id = await newLink();
		sandbox.advanceKycLink(id);
		const asked = sandbox.advanceKycLink(id, 'action_required');
		expect((asked.status_tracker as Array<{ status: string }>)[0].status).toBe('requires_action');
		expect(sandbox.advanceKycLink(id).status).toBe('in_progress');
		const failed = sandbox.advanceKycLink(id, 'failed');
		expect(failed.status).toBe('failed');
		expect((failed.status_tracker as Array<{ status: string }>).map((s) => s.status)).toEqual(['failed', 'not_started', 'not_started']);
		const events = await waitForEvents(id, 5);
		expect(events.map((e) => e.event_type)).toEqual(['initiated', 'in_progress', 'action_required', 'in_progress', 'failed']);
	});

	it('refuses a move the journey cannot make, and an unknown link, changing nothing', async () => {
		const id = await newLink();
		expect(() => sandbox.advanceKycLink(id, 'completed')).toThrow(`KYC link ${id} cannot move from initiated to completed`);
		expect(() => sandbox.advanceKycLink(id, 'done')).toThrow(`KYC link ${id} cannot move from initiated to done`);
		expect(() => sandbox.advanceKycLink('kyclink_nope0000000')).toThrow('No KYC link kyclink_nope0000000');
		expect((await api().get(`/kyc-links/${id}`)).data.status).toBe('initiated');
		expect(sandbox.advanceKycLink(id, 'expired').status).toBe('expired');
		expect(() => sandbox.advanceKycLink(id, 'in_progress')).toThrow('cannot move from expired to in_progress');
	});
});

describe('KYC link requests', () => {
	it.each([
		[{ customer_id: 'cust_E602dMzgjpDC', email: 'a@example.com' }, 400, 'Validation failed: Send either customer_id or email, not both'],
		[{ email: 'nope' }, 400, 'Validation failed: Email is invalid'],
		[{ send_email: 'yes' }, 400, 'Validation failed: Send email must be a boolean'],
		[{ customer_id: 'cust_E602dMzgjpDC' }, 404, 'Customer not found'],
	])('refuses %j in Glomo\'s error shape', async (body, status, message) => {
		const response = await api().post('/kyc-links', body);
		expect(response.status).toBe(status);
		expect(response.data).toEqual({ error: status === 400 ? 'Bad Request' : 'Not Found', message });
	});

	it('lists by status and refuses a status outside the journey\'s', async () => {
		const id = await newLink();
		sandbox.advanceKycLink(id, 'expired');
		const listed = await api().get('/kyc-links', { params: { status: 'expired' } });
		expect(listed.data.data.map((l: { id: string }) => l.id)).toContain(id);
		expect(listed.data.data.every((l: { status: string }) => l.status === 'expired')).toBe(true);
		const wrong = await api().get('/kyc-links', { params: { status: 'done' } });
		expect(wrong.status).toBe(400);
		expect(wrong.data.message).toBe('status must be one of: initiated, in_progress, action_required, under_review, completed, failed, rejected, expired');
	});
});

describe('payment session requests', () => {
	afterEach(() => sandbox.setAccount({ paymentSessionsDisabled: false }));

	it('creates a session for a customer: its id, a JWT and when it expires (15 minutes on)', async () => {
		const customer = sandbox.insert('customer', customerRecord());
		const response = await api().post('/payment-sessions', { customer_id: customer.id, kyc: { country: 'IND', phone: '+91-9023456789' } });
		expect(response.status).toBe(201);
		expect(Object.keys(response.data)).toEqual(['id', 'token', 'expires_at']);
		const left = Date.parse(response.data.expires_at) - Date.now();
		expect(left).toBeGreaterThan(14 * 60_000);
		expect(left).toBeLessThanOrEqual(15 * 60_000);
	});

	it.each([
		[{ customer_id: 'cust_E602dMzgjpDC', email: 'a@example.com' }, 'Validation failed: Send either customer_id or email, not both'],
		[{ kyc: { pan: 'ABCDE1234F' } }, 'Validation failed: Kyc can only be prefilled for a customer_id or an email'],
		[{ email: 'a@example.com', kyc: { phone: '+91-9023456789' } }, 'Validation failed: Kyc country is required with kyc phone'],
		[{ email: 'a@example.com', kyc: { pan: 'abc' } }, 'Validation failed: Kyc pan is invalid'],
		[{ email: 'a@example.com', kyc: { dob: '2999-01-01' } }, 'Validation failed: Kyc dob must be in the past'],
		[{ email: 'a@example.com', kyc: { nickname: 'x' } }, 'Validation failed: Kyc has unpermitted keys: nickname'],
	])('refuses %j with a 400', async (body, message) => {
		const response = await api().post('/payment-sessions', body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it('answers 403 when payment sessions are not enabled for the business, and stores nothing', async () => {
		sandbox.setAccount({ paymentSessionsDisabled: true });
		const response = await api().post('/payment-sessions', {});
		expect(response.status).toBe(403);
		expect(response.data).toEqual({ error: 'Forbidden', message: 'Payment sessions are not enabled for this business' });
	});
});

describe('price requests', () => {
	it.each([
		[{}, "Validation failed: Pricing type can't be blank"],
		[{ pricing_type: 'tiered' }, 'Validation failed: Pricing type must be one of: fixed, percentage'],
		[{ pricing_type: 'fixed', fees_currency: 'USD' }, "Validation failed: Fees amount can't be blank"],
		[{ pricing_type: 'fixed', fees_amount: 10.5, fees_currency: 'USD' }, 'Validation failed: Fees amount must be an integer'],
		[{ pricing_type: 'fixed', fees_amount: 100, fees_currency: 'usd' }, 'Validation failed: Fees currency is not a valid currency'],
		[{ pricing_type: 'fixed', fees_amount: 100, fees_currency: 'USD', bps: 10 }, 'Validation failed: Bps must be blank for a fixed price'],
		[{ pricing_type: 'percentage' }, "Validation failed: Bps can't be blank"],
		[{ pricing_type: 'percentage', bps: 0 }, 'Validation failed: Bps must be greater than or equal to 1'],
		[{ pricing_type: 'percentage', bps: 50, fees_amount: 100 }, 'Validation failed: Fees amount must be blank for a percentage price'],
	])('refuses %j with a 400', async (body, message) => {
		const response = await api().post('/prices', body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it('answers 404 "Price not found" for an unknown price', async () => {
		const response = await api().get('/prices/price_nothing000000');
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ error: 'Not Found', message: 'Price not found' });
	});
});
