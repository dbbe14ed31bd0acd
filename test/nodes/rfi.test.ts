/**
 * RFI › Get / Get Many / Respond against the sandbox: the exact requests, the outputs, what the
 * node refuses before sending, and what a response does to the RFI.
 */
import type { IDataObject } from 'n8n-workflow';

import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 707 });

let counter = 0;
/** A short unique suffix for ids made up in a test. */
function unique(): string {
	counter++;
	return `${counter.toString().padStart(4, '0')}Xy${Date.now().toString(36)}`;
}

/** An RFI row as the sandbox keeps it (what raiseRfi stores), with made-up requirement ids. */
function rfiRecord(overrides: IDataObject = {}, required = 1): IDataObject {
	return {
		entity_type: 'payment',
		entity_id: `payt_${unique()}`,
		reason_code: 'COMPLIANCE_REVIEW',
		reason_code_description: 'Compliance needs documents to complete its review',
		response_deadline: '2030-01-08T00:00:00.000Z',
		status: 'action_required',
		documents_required: Array.from({ length: required }, (_, n) => ({
			rfi_doc_id: `rfidoc_${unique()}`,
			description: n === 0 ? 'Passport' : 'Proof of Address',
			multiple_allowed: false,
			max_count: 1,
		})),
		responses: [],
		...overrides,
	};
}

function insertRfi(overrides: IDataObject = {}, required = 1): IDataObject {
	return sandbox.insert('rfi', rfiRecord(overrides, required)) as IDataObject;
}

function insertDocument(): string {
	return String(sandbox.insert('document', { document_name: 'Passport', file_name: 'passport.pdf', status: 'uploaded' }).id);
}

const requirementIds = (rfi: IDataObject) => (rfi.documents_required as IDataObject[]).map((d) => String(d.rfi_doc_id));

/** What Glomo shows of an RFI: the sandbox's own bookkeeping (entity, answers) stays out. */
function shown(rfi: IDataObject, overrides: IDataObject = {}): IDataObject {
	return {
		id: rfi.id,
		reason_code: rfi.reason_code,
		reason_code_description: rfi.reason_code_description,
		response_deadline: rfi.response_deadline,
		status: rfi.status,
		documents_required: rfi.documents_required,
		created_at: rfi.created_at,
		updated_at: expect.any(String),
		...overrides,
	};
}

const respond = (rfiId: string, pairs: Array<{ rfiDocId?: string; docId?: string }>): IDataObject => ({
	resource: 'rfi',
	operation: 'respond',
	rfiId: rl(rfiId),
	documents: { document: pairs },
});

describe('RFI › Get', () => {
	it('gets one RFI by ID: GET /rfis/{id}', async () => {
		const rfi = insertRfi({}, 2);
		const result = await runGlomo(sandbox, { resource: 'rfi', operation: 'get', rfiId: rl(String(rfi.id), 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/rfis/${rfi.id}`, query: {}, body: undefined }]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([shown(rfi)]);
	});

	it('refuses an ID of another kind, nothing sent', async () => {
		const result = await runGlomo(sandbox, { resource: 'rfi', operation: 'get', rfiId: rl('={{ "rfidoc_5JU9yv0lGSUP" }}') });
		expectOperationError(result, 'RFI: "rfidoc_5JU9yv0lGSUP" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});

	it("passes on Glomo's 404 for an unknown RFI", async () => {
		const result = await runGlomo(sandbox, { resource: 'rfi', operation: 'get', rfiId: rl('rfi_000000000000') });
		expectApiError(result, 'RFI not found', '404');
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('RFI › Get Many', () => {
	const listed: IDataObject[] = [];

	beforeAll(() => {
		const start = Date.UTC(2017, 5, 1);
		for (let i = 0; i < 3; i++) listed.push(insertRfi({ created_at: new Date(start + i * 60_000).toISOString() }));
	});

	it('lists newest first: GET /rfis with page, per_page and the created range', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'rfi',
			operation: 'getAll',
			limit: 2,
			filters: { after: '2017-05-31T00:00:00.000Z', before: '2017-06-02T00:00:00.000Z' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/rfis',
				query: { after: '2017-05-31T00:00:00.000Z', before: '2017-06-02T00:00:00.000Z', page: '1', per_page: '2' },
				body: undefined,
			},
		]);
		expect(result.json('Glomo')).toEqual([shown(listed[2]), shown(listed[1])]);
	});

	it('"From List" shows RFIs by ID, reason and status, filtered by what is typed', async () => {
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };
		const all = await runListSearch('searchRfis', credentials);
		expect(all.results).toContainEqual({
			name: `${String(listed[0].id)} · Compliance needs documents to complete its review · action_required`,
			value: listed[0].id,
		});
		const one = await runListSearch('searchRfis', credentials, { filter: String(listed[1].id).toUpperCase() });
		expect(one.results.map((r) => r.value)).toEqual([listed[1].id]);
		expect(sandbox.requests.map((r) => [r.path, r.query.page, r.query.per_page])).toEqual([
			['/api/v1/rfis', '1', '100'],
			['/api/v1/rfis', '1', '100'],
		]);
	});
});

describe('RFI › Respond', () => {
	it('sends one {rfi_doc_id, doc_id} pair per required document in one PATCH; the RFI goes under review', async () => {
		const rfi = insertRfi({}, 2);
		const [passport, address] = requirementIds(rfi);
		const docs = [insertDocument(), insertDocument()];

		const result = await runGlomo(sandbox, respond(String(rfi.id), [
			{ rfiDocId: passport, docId: docs[0] },
			{ rfiDocId: ` ${address} `, docId: docs[1] },
		]));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'PATCH',
				path: `/api/v1/rfis/${rfi.id}/respond`,
				query: {},
				body: {
					documents: [
						{ rfi_doc_id: passport, doc_id: docs[0] },
						{ rfi_doc_id: address, doc_id: docs[1] },
					],
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([shown(rfi, { status: 'under_review' })]);
	});

	it("passes on Glomo's 400 when the RFI is no longer waiting for an answer", async () => {
		const rfi = insertRfi({ status: 'under_review' });
		const result = await runGlomo(sandbox, respond(String(rfi.id), [{ rfiDocId: requirementIds(rfi)[0], docId: insertDocument() }]));
		expectApiError(result, 'Invalid rfi_doc_id or RFI not in action_required status', '400');
		expect(sandbox.requests).toHaveLength(1);
	});

	it("passes on Glomo's 400 when a required document is left out", async () => {
		const rfi = insertRfi({}, 2);
		const [first, second] = requirementIds(rfi);
		const result = await runGlomo(sandbox, respond(String(rfi.id), [{ rfiDocId: first, docId: insertDocument() }]));
		expectApiError(result, `Validation failed: Documents for ${second} are missing`, '400');
	});

	describe('refuses before sending anything, naming the field', () => {
		it('no pairs at all', async () => {
			const result = await runGlomo(sandbox, { resource: 'rfi', operation: 'respond', rfiId: rl('rfi_5JU9yv0lGSUP'), documents: {} });
			expectOperationError(result, 'Documents: add one pair (RFI Document ID and Document ID) for every document the RFI asks for');
			expect(sandbox.requests).toHaveLength(0);
		});

		it.each([
			[
				'an RFI document ID in the old webhook-sample form',
				[{ rfiDocId: 'rfi_doc_123', docId: 'doc_nYUqLpuYQ0M8' }],
				'Documents > RFI Document ID (pair 1): "rfi_doc_123" is not a valid ID',
			],
			[
				'a document ID of another kind in the second pair',
				[
					{ rfiDocId: 'rfidoc_5JU9yv0lGSUP', docId: 'doc_nYUqLpuYQ0M8' },
					{ rfiDocId: 'rfidoc_5JU9yv0lGSUQ', docId: 'bene_nYUqLpuYQ0M8' },
				],
				'Documents > Document ID (pair 2): "bene_nYUqLpuYQ0M8" is not a valid ID',
			],
			[
				'an empty document ID',
				[{ rfiDocId: 'rfidoc_5JU9yv0lGSUP', docId: ' ' }],
				'Documents > Document ID (pair 1): is required',
			],
			[
				'an empty RFI document ID',
				[{ docId: 'doc_nYUqLpuYQ0M8' }],
				'Documents > RFI Document ID (pair 1): is required',
			],
		])('%s', async (_label, pairs, message) => {
			const result = await runGlomo(sandbox, respond('rfi_5JU9yv0lGSUP', pairs));
			expectOperationError(result, message);
			expect(result.error?.description).toMatch(/Nothing was sent to Glomo/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('an RFI ID of another kind', async () => {
			const result = await runGlomo(sandbox, respond('={{ "payout_5JU9yv0lGSUP" }}', [{ rfiDocId: 'rfidoc_5JU9yv0lGSUP', docId: 'doc_nYUqLpuYQ0M8' }]));
			expectOperationError(result, 'RFI: "payout_5JU9yv0lGSUP" is not a valid ID');
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});
