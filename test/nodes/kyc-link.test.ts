/**
 * KYC Link (supplement, inferred): Create, Get and Get Many run end-to-end through WorkflowExecute
 * against the sandbox: the exact request, the output, refusals before sending, the "From List"
 * picker, and a journey moved on by the sandbox (documents captured, found with Document › Get).
 */
import type { IDataObject, INodePropertyRegexValidation } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 3303 });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const createParams = (overrides: IDataObject = {}): IDataObject => ({ resource: 'kycLink', operation: 'create', ...overrides });

/** A link made over the sandbox's API by the node, its id returned. */
async function newLink(overrides: IDataObject = {}): Promise<string> {
	const result = await runGlomo(sandbox, createParams(overrides));
	expect(result.error).toBeUndefined();
	sandbox.clearRequests();
	return String(result.json('Glomo')[0].id);
}

describe('KYC Link › Create', () => {
	it('POSTs the customer with send_email true by default and outputs the link summary', async () => {
		const customer = sandbox.insert('customer', customerRecord({ email: 'kyc.owner@example.com' }));
		const result = await runGlomo(sandbox, createParams({ customerId: rl(String(customer.id), 'list') }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/kyc-links', query: {}, body: { customer_id: customer.id, send_email: true } },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(201);
		const [link] = result.json('Glomo');
		expect(link).toEqual({
			id: expect.stringMatching(/^kyclink_[A-Za-z0-9]{13}$/),
			url: `https://kyc.sandbox.glomopay.test/link/${String(link.id)}`,
			status: 'initiated',
			customer_id: customer.id,
			email: 'kyc.owner@example.com',
			created_at: expect.stringMatching(ISO),
			updated_at: expect.stringMatching(ISO),
		});
	});

	it('POSTs an email with send_email false, to deliver the URL yourself', async () => {
		const result = await runGlomo(sandbox, createParams({ email: ' new.investor@example.com ', sendEmail: false }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ email: 'new.investor@example.com', send_email: false }]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'initiated', customer_id: null, email: 'new.investor@example.com', url: expect.stringContaining('https://') });
	});

	it('POSTs only send_email false for a link for nobody yet (its URL handed over by you)', async () => {
		const result = await runGlomo(sandbox, createParams({ sendEmail: false }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ send_email: false }]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'initiated', customer_id: null });
		expect(result.json('Glomo')[0]).not.toHaveProperty('email');
	});

	it('sends a create once: no request_id, no retry after a server error', async () => {
		sandbox.setFaults({ rate5xx: 1 });
		const result = await runGlomo(sandbox, createParams({ email: 'once@example.com' }));

		expect(result.error?.name).toBe('NodeApiError');
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ email: 'once@example.com', send_email: true }]);
	});

	it('fails with "Customer not found" for a customer Glomo does not have', async () => {
		const result = await runGlomo(sandbox, createParams({ customerId: rl('cust_doesNotExist02') }));

		expectApiError(result, 'Customer not found', '404');
		expect(sandbox.requests).toHaveLength(1);
	});

	it.each([
		['both a customer and an email', createParams({ customerId: rl('cust_E602dMzgjpDC'), email: 'both@example.com' }), 'Customer and Email: give one or the other, not both'],
		['an email that is not one', createParams({ email: 'someone@' }), 'Email: "someone@" is not an email address'],
		['a customer ID of another kind', createParams({ customerId: rl('={{ "bene_E602dMzgjpDC" }}') }), 'Customer: "bene_E602dMzgjpDC" is not a valid ID'],
		['Send Email as text', createParams({ sendEmail: '={{ "yes" }}' }), 'Send Email: must be true or false, got "yes"'],
		['Send Email on (the default) for nobody', createParams(), 'Send Email: is on, but the link is for nobody yet: there is no one to email'],
		['Send Email on for a customer left empty in the list', createParams({ customerId: rl('', 'list'), email: ' ', sendEmail: true }), 'Send Email: is on, but the link is for nobody yet: there is no one to email'],
	])('refuses %s by name and sends nothing', async (_what, parameters, message) => {
		const result = await runGlomo(sandbox, parameters);

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('KYC Link › Get', () => {
	it('GETs /kyc-links/{id} and outputs the whole link: tracker and documents not captured yet', async () => {
		const id = await newLink({ email: 'tracker@example.com' });
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'get', kycLinkId: rl(id, 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/kyc-links/${id}`, query: {}, body: undefined }]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([
			{
				id,
				status: 'initiated',
				customer_id: null,
				email: 'tracker@example.com',
				send_email: true,
				url: `https://kyc.sandbox.glomopay.test/link/${id}`,
				status_tracker: [
					{ step: 'selfie', status: 'not_started' },
					{ step: 'signature', status: 'not_started' },
					{ step: 'bank_validation', status: 'not_started' },
				],
				documents: [
					{ type: 'pan_card', document_id: null, status: 'not_captured' },
					{ type: 'selfie', document_id: null, status: 'not_captured' },
					{ type: 'signature', document_id: null, status: 'not_captured' },
				],
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
			},
		]);
	});

	it('shows the captured documents once the journey is under review; each is found with Document › Get', async () => {
		const id = await newLink({ email: 'captured@example.com' });
		sandbox.advanceKycLink(id);
		sandbox.advanceKycLink(id);
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'get', kycLinkId: rl(id) });

		expect(result.error).toBeUndefined();
		const [link] = result.json('Glomo');
		expect(link.status).toBe('under_review');
		expect(link.status_tracker).toEqual([
			{ step: 'selfie', status: 'completed' },
			{ step: 'signature', status: 'completed' },
			{ step: 'bank_validation', status: 'completed' },
		]);
		const documents = link.documents as IDataObject[];
		expect(documents.map((d) => [d.type, d.status])).toEqual([
			['pan_card', 'captured'],
			['selfie', 'captured'],
			['signature', 'captured'],
		]);
		for (const document of documents) expect(document.document_id).toMatch(/^doc_[A-Za-z0-9]{13}$/);

		sandbox.clearRequests();
		const found = await runGlomo(sandbox, { resource: 'document', operation: 'get', documentId: rl(String(documents[1].document_id)) });
		expect(found.error).toBeUndefined();
		expect(found.json('Glomo')[0]).toMatchObject({ id: documents[1].document_id, document_name: 'selfie', status: 'uploaded' });
	});

	it('sends an ID without the sandbox\'s own prefix as it is (Glomo\'s prefix is unknown): Glomo\'s 404', async () => {
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'get', kycLinkId: rl('KYC2024abcdef') });

		expectApiError(result, 'KYC link not found', '404');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/v1/kyc-links/KYC2024abcdef', 404]]);
	});

	it('sends a bare UUID as the ID (Glomo writes ids of its platform so): hyphens are let through for KYC links', async () => {
		const uuid = '3f2b8c1e-9d4a-4b7e-8c2f-1a2b3c4d5e6f';
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'get', kycLinkId: rl(uuid) });

		expectApiError(result, 'KYC link not found', '404');
		expect(sandbox.requests.map((r) => [r.method, r.path])).toEqual([['GET', `/api/v1/kyc-links/${uuid}`]]);
	});

	it('lets hyphens through for KYC links only: the same value is refused for another resource, sending nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'price', operation: 'get', priceId: rl('={{ "price_3f2b8c1e-9d4a" }}') });

		expectOperationError(result, 'Price: "price_3f2b8c1e-9d4a" is not a valid ID');
		expect(sandbox.requests).toEqual([]);
	});

	it('tells the editor the same: its By ID check takes a UUID for a KYC link, and no hyphen for another ID', () => {
		const regex = (name: string) => {
			const byId = new Glomo().description.properties.find((p) => p.name === name)?.modes?.find((m) => m.name === 'id');
			const rule = byId?.validation?.find((entry): entry is INodePropertyRegexValidation => typeof entry === 'object' && entry.type === 'regex');
			return new RegExp(String(rule?.properties.regex));
		};
		expect(regex('kycLinkId').test('3f2b8c1e-9d4a-4b7e-8c2f-1a2b3c4d5e6f')).toBe(true);
		expect(regex('kycLinkId').test('kyc/../payouts')).toBe(false);
		expect(regex('priceId').test('price_3f2b8c1e-9d4a')).toBe(false);
		expect(regex('priceId').test('price_3f2b8c1e9d4a')).toBe(true);
	});

	it.each([
		['an ID with other characters', '={{ "kyc/../payouts" }}', 'KYC Link: "kyc/../payouts" is not a valid ID'],
		['an ID with a dot', '={{ "kyc-link.1234" }}', 'KYC Link: "kyc-link.1234" is not a valid ID'],
		['an ID too short to be one', '={{ "abc" }}', 'KYC Link: "abc" is not a valid ID'],
		['an empty ID (from an expression)', '={{ " " }}', 'KYC Link: is required'],
	])('refuses %s and sends nothing', async (_what, id, message) => {
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'get', kycLinkId: rl(id) });

		expectOperationError(result, message);
		expect(result.error?.description).toBe('IDs of this kind are 6 to 64 letters, digits, underscores or hyphens (a UUID, for one). Nothing was sent to Glomo.');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('KYC Link › Get Many', () => {
	const inProgress: string[] = [];

	beforeAll(async () => {
		for (let n = 0; n < 3; n++) {
			const row = await runGlomo(sandbox, createParams({ email: `listed${n}@example.com` }));
			const id = String(row.json('Glomo')[0].id);
			sandbox.advanceKycLink(id, 'in_progress');
			inProgress.push(id);
		}
	});

	it('GETs /kyc-links with the Status filter and a limit, newest first, as summaries', async () => {
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'getAll', limit: 2, filters: { status: 'in_progress' } });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/kyc-links', query: { status: 'in_progress', per_page: '2', page: '1' }, body: undefined },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const out = result.json('Glomo');
		expect(out.map((l) => l.id)).toEqual(inProgress.slice(-2).reverse());
		expect(out[0]).toEqual({
			id: inProgress[2],
			url: `https://kyc.sandbox.glomopay.test/link/${inProgress[2]}`,
			status: 'in_progress',
			customer_id: null,
			email: 'listed2@example.com',
			created_at: expect.stringMatching(ISO),
			updated_at: expect.stringMatching(ISO),
		});
	});

	it('returns every link in the status with Return All', async () => {
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'getAll', returnAll: true, filters: { status: 'in_progress' } });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((l) => l.id)).toEqual([...inProgress].reverse());
		expect(sandbox.requests.map((r) => r.query)).toEqual([{ status: 'in_progress', per_page: '100', page: '1' }]);
	});

	it('refuses a status that is not one of the choices and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'kycLink', operation: 'getAll', filters: { status: '={{ "done" }}' } });

		expectOperationError(result, 'Filters > Status: "done" is not one of the choices');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('KYC Link "From List" (searchKycLinks)', () => {
	it('labels links by ID, email or customer and status, newest first; typing filters them', async () => {
		const customer = sandbox.insert('customer', customerRecord());
		const forCustomer = await newLink({ customerId: rl(String(customer.id)) });
		const byEmail = await newLink({ email: 'picker.person@example.com' });
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };

		const all = await runListSearch('searchKycLinks', credentials);
		expect(all.results.slice(0, 2)).toEqual([
			{ name: `${byEmail} · picker.person@example.com · initiated`, value: byEmail },
			{ name: `${forCustomer} · ${String(customer.email)} · initiated`, value: forCustomer },
		]);

		const filtered = await runListSearch('searchKycLinks', credentials, { filter: 'PICKER.PERSON' });
		expect(filtered.results).toEqual([{ name: `${byEmail} · picker.person@example.com · initiated`, value: byEmail }]);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/kyc-links', { page: '1', per_page: '100' }],
			['GET', '/api/v1/kyc-links', { page: '1', per_page: '100' }],
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
	});
});
