/**
 * Sandbox quotes and RFIs beyond what the node tests see: the stored quote other modules consume
 * (takeQuote), Glomo-style 400s of both quote calls, raiseRfi and the RFI response rules.
 */
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from './index';
import { MonotonicClock } from './core/clock';
import { ApiError } from './core/errors';
import { Prng } from './core/prng';
import type { SandboxContext } from './core/resource';
import { IdFactory, Store } from './core/store';
import { QUOTE_TTL_MS, takeQuote } from './resources/quotes';
import { raiseRfi, RFI_RESPONSE_DAYS } from './resources/rfis';

/** The parts of a sandbox context that quotes and RFIs use, for calling their helpers directly. */
function bareContext(): SandboxContext {
	const clock = new MonotonicClock();
	const ids = new IdFactory(new Prng(9));
	const store = new Store(ids, clock);
	store.define({ kind: 'quote', prefix: 'quote_' });
	store.define({ kind: 'rfi', prefix: 'rfi_' });
	return { clock, ids, store } as unknown as SandboxContext;
}

function refusal(run: () => unknown): { status: number; body: unknown } {
	try {
		run();
	} catch (error) {
		if (error instanceof ApiError) return { status: error.status, body: error.body };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('takeQuote (for payout / payin create)', () => {
	const quote = (ctx: SandboxContext, fields: Record<string, unknown> = {}) =>
		ctx.store.collection('quote').insert({
			resource: 'payout',
			beneficiary_id: null,
			expires_at: new Date(Date.now() + QUOTE_TTL_MS).toISOString(),
			used_at: null,
			used_by: null,
			...fields,
		});

	it('consumes a quote once: the second use is refused', () => {
		const ctx = bareContext();
		const { id } = quote(ctx);
		const taken = takeQuote(ctx, id, { resource: 'payout', by: 'payout_1' });
		expect(taken).toMatchObject({ status: 'used', used: true, used_by: 'payout_1', used_at: expect.any(String) });
		expect(refusal(() => takeQuote(ctx, id, { resource: 'payout', by: 'payout_2' }))).toEqual({
			status: 400,
			body: { error: 'Bad Request', message: 'quote_id has already been used' },
		});
	});

	it.each([
		['an unknown quote', {}, 'quote_000000000000', {}, 'quote_id not found'],
		['an expired quote', { expires_at: new Date(Date.now() - 1).toISOString() }, undefined, {}, 'quote_id has expired'],
		['a payin quote on a payout', { resource: 'payin' }, undefined, {}, 'Quote is not a payout quote'],
		['a quote bound to another beneficiary', { beneficiary_id: 'bene_aaaaaaaaaaaa' }, undefined, { beneficiaryId: 'bene_bbbbbbbbbbbb' }, 'Quote is not compatible with the selected beneficiary'],
	])('refuses %s', (_label, fields, id, use, message) => {
		const ctx = bareContext();
		const stored = quote(ctx, fields);
		const result = refusal(() => takeQuote(ctx, id ?? stored.id, { resource: 'payout', by: 'payout_1', ...use }));
		expect(result.body).toEqual({ error: 'Bad Request', message });
		expect(ctx.store.collection('quote').get(stored.id)?.used_at).toBeNull();
	});
});

describe('raiseRfi', () => {
	it('stores an RFI waiting for documents, with a requirement id per document and a deadline', () => {
		const ctx = bareContext();
		const before = Date.now();
		const rfi = raiseRfi(ctx, {
			entity_type: 'payout',
			entity_id: 'payout_123456789012',
			documents_required: [{ description: 'Invoice' }, { description: 'Trade documents', multiple_allowed: true, max_count: 3 }],
		});
		expect(rfi).toMatchObject({
			id: expect.stringMatching(/^rfi_[A-Za-z0-9]{13}$/),
			entity_type: 'payout',
			entity_id: 'payout_123456789012',
			reason_code: 'COMPLIANCE_REVIEW',
			status: 'action_required',
			documents_required: [
				{ rfi_doc_id: expect.stringMatching(/^rfidoc_[A-Za-z0-9]{13}$/), description: 'Invoice', multiple_allowed: false, max_count: 1 },
				{ rfi_doc_id: expect.stringMatching(/^rfidoc_/), description: 'Trade documents', multiple_allowed: true, max_count: 3 },
			],
		});
		const deadline = Date.parse(String(rfi.response_deadline)) - before;
		expect(deadline).toBeGreaterThanOrEqual(RFI_RESPONSE_DAYS * 86_400_000);
		expect(deadline).toBeLessThan(RFI_RESPONSE_DAYS * 86_400_000 + 5_000);
	});
});

describe('over HTTP', () => {
	let sandbox: Sandbox;
	let api: AxiosInstance;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 6 });
		api = axios.create({ baseURL: `${sandbox.url}/api/v1`, headers: { Authorization: `Bearer ${sandbox.secretKey}` }, validateStatus: () => true });
	});
	afterAll(async () => await sandbox.close());

	const swift = { payment_method: 'bank_transfer', subtype: 'swift_transfer' };

	it.each([
		['both amounts', { resource: 'payout', source_currency: 'USD', destination_currency: 'INR', source_amount: 1, destination_amount: 1, method: swift }, 'You can only send source_amount or destination_amount, not both.'],
		['no amount', { resource: 'payout', source_currency: 'USD', destination_currency: 'INR', method: swift }, 'You must send either source_amount or destination_amount.'],
		['local transfer to USD', { resource: 'payout', source_currency: 'EUR', destination_currency: 'USD', source_amount: 100, method: { ...swift, subtype: 'local_transfer' } }, 'local_transfer is not supported for USD destination'],
		['pay via bank on a payout', { resource: 'payout', source_currency: 'USD', destination_currency: 'INR', source_amount: 100, method: { ...swift, payment_method: 'pay_via_bank' } }, 'pay_via_bank is not supported for payouts'],
		['a payin in INR', { resource: 'payin', source_currency: 'USD', destination_currency: 'INR', source_amount: 100, method: swift }, 'Validation failed: Destination currency must be one of: USD, EUR, GBP, AED, SGD'],
		['no method', { resource: 'payout', source_currency: 'USD', destination_currency: 'INR', source_amount: 100 }, "Validation failed: Method can't be blank"],
	])('POST /quotes answers 400 for %s', async (_label, body, message) => {
		const response = await api.post('/quotes', body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it.each([
		['both amounts', { source_amount: 1, destination_amount: 1 }, 'You can only send source_amount or destination_amount, not both.'],
		['a beneficiary id of another kind', { beneficiary_id: 'cust_123456789012', source_amount: 100 }, "beneficiary_id must start with 'bene_'"],
		['an INR rail to EUR', { destination_currency: 'EUR', source_amount: 100, payment_rail: 'upi' }, 'No rails available for this beneficiary'],
	])('POST /payouts/quotes answers 400 for %s', async (_label, extra, message) => {
		const response = await api.post('/payouts/quotes', { beneficiary_id: 'bene_123456789012', source_currency: 'USD', destination_currency: 'INR', ...extra });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it('a quote from /payouts/quotes pays a payout once (the stored shape payouts.ts reads)', async () => {
		const quoted = await api.post('/payouts/quotes', {
			beneficiary_id: 'bene_123456789012',
			source_currency: 'USD',
			destination_currency: 'INR',
			source_amount: 10_000,
			payment_rail: 'swift',
		});
		expect(quoted.status).toBe(201);
		const [quote] = quoted.data.quotes;
		const pay = () => api.post('/payouts', { quote_id: quote.quote_id, beneficiary_id: 'bene_123456789012', purpose_code: 'S1006' });
		const first = await pay();
		expect(first.status).toBe(201);
		expect(first.data).toMatchObject({
			quote_id: quote.quote_id,
			source_currency: 'USD',
			destination_currency: 'INR',
			source_amount: quote.source_amount,
			destination_amount: quote.destination_amount,
			payment_rail: 'swift',
		});
		const second = await pay();
		expect(second.data).toEqual({ error: 'Bad Request', message: 'quote_id has already been used' });
	});

	it('a UPI beneficiary is quoted on UPI only', async () => {
		const bene = sandbox.insert('beneficiary', { status: 'active', bank_account: null, upi_account: { upi_id: 'asha@okbank' } });
		const response = await api.post('/payouts/quotes', { beneficiary_id: bene.id, source_currency: 'USD', destination_currency: 'INR', source_amount: 10_000 });
		expect(response.status).toBe(201);
		expect(response.data.quotes.map((q: { payment_rail: string }) => q.payment_rail)).toEqual(['upi']);
	});

	describe('PATCH /rfis/{id}/respond', () => {
		const doc = () => String(sandbox.insert('document', { document_name: 'x', file_name: 'x.pdf', status: 'uploaded' }).id);
		const rfi = (required: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
			sandbox.insert('rfi', { entity_type: 'payment', entity_id: 'payt_123456789012', status: 'action_required', documents_required: required, responses: [], ...extra });

		it('accepts several documents for a requirement that allows them, up to max_count', async () => {
			const r = rfi([{ rfi_doc_id: 'rfidoc_multi0000001', description: 'Trade documents', multiple_allowed: true, max_count: 2 }]);
			const pair = () => ({ rfi_doc_id: 'rfidoc_multi0000001', doc_id: doc() });
			const tooMany = await api.patch(`/rfis/${r.id}/respond`, { documents: [pair(), pair(), pair()] });
			expect(tooMany.data).toEqual({ error: 'Bad Request', message: 'Validation failed: Documents for rfidoc_multi0000001 are too many (maximum is 2)' });
			const ok = await api.patch(`/rfis/${r.id}/respond`, { documents: [pair(), pair()] });
			expect(ok.status).toBe(200);
			expect(ok.data.status).toBe('under_review');
			expect(Object.keys(ok.data)).not.toContain('responses');
		});

		it('releases a payment held by compliance to under_review, with its webhook', async () => {
			// an address nobody listens on: the delivery fails, but it is logged with its body
			sandbox.setWebhookTargets(['http://127.0.0.1:9/hook'], 'whsec_test');
			try {
				const held = sandbox.insert('payment', { status: 'success', compliance_status: 'action_required' });
				const r = rfi([{ rfi_doc_id: 'rfidoc_rel000000001', description: 'Invoice' }], { entity_type: 'payment', entity_id: held.id });
				const ok = await api.patch(`/rfis/${r.id}/respond`, { documents: [{ rfi_doc_id: 'rfidoc_rel000000001', doc_id: doc() }] });
				expect(ok.status).toBe(200);
				const sent = () => sandbox.webhooks.map((w) => JSON.parse(w.body)).find((e) => e.data.id === held.id);
				for (let waited = 0; !sent() && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
				expect(sent()).toEqual({
					entity_type: 'payment',
					event_type: 'compliance_under_review',
					data: expect.objectContaining({ id: held.id, status: 'success', compliance_status: 'under_review' }),
				});
			} finally {
				sandbox.setWebhookTargets([], '');
			}
		});

		it.each([
			['an empty list', () => ({ documents: [] }), 400, "Validation failed: Documents can't be blank"],
			['a requirement the RFI does not have', () => ({ documents: [{ rfi_doc_id: 'rfidoc_other0000001', doc_id: doc() }] }), 400, 'Invalid rfi_doc_id or RFI not in action_required status'],
			['an unknown document', () => ({ documents: [{ rfi_doc_id: 'rfidoc_one00000001', doc_id: 'doc_000000000000' }] }), 404, 'Document not found'],
			['two documents for a single-document requirement', () => ({ documents: [{ rfi_doc_id: 'rfidoc_one00000001', doc_id: doc() }, { rfi_doc_id: 'rfidoc_one00000001', doc_id: doc() }] }), 400, 'Validation failed: Documents for rfidoc_one00000001 are too many (maximum is 1)'],
			['an unknown key', () => ({ documents: [{ rfi_doc_id: 'rfidoc_one00000001', doc_id: doc() }], extra: 1 }), 400, 'Unpermitted parameter: extra'],
		])('refuses %s', async (_label, makeBody, status, message) => {
			const r = rfi([{ rfi_doc_id: 'rfidoc_one00000001', description: 'Passport', multiple_allowed: false, max_count: 1 }]);
			const response = await api.patch(`/rfis/${r.id}/respond`, makeBody());
			expect(response.status).toBe(status);
			expect(response.data.message).toBe(message);
			const after = await api.get(`/rfis/${r.id}`);
			expect(after.data.status).toBe('action_required');
		});

		it('refuses fields on a payout RFI', async () => {
			const r = rfi([{ rfi_doc_id: 'rfidoc_po000000001', description: 'Invoice' }], { entity_type: 'payout', entity_id: 'payout_123456789012' });
			const response = await api.patch(`/rfis/${r.id}/respond`, { documents: [{ rfi_doc_id: 'rfidoc_po000000001', doc_id: doc() }], fields: { a: 1 } });
			expect(response.data).toEqual({ error: 'Bad Request', message: 'fields must be omitted when responding to a payout RFI' });
		});
	});
});
