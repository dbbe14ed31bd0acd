/**
 * Payout: every operation through WorkflowExecute against the sandbox (requests and outputs), and
 * the four guarantees of a payout that is never paid twice: retries and re-runs pay nothing again,
 * different payouts are never merged, the Request ID is visible and settable (derived otherwise),
 * and a duplicate is answered with the existing payout, marked.
 */
import { createHash } from 'node:crypto';

import axios from 'axios';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { linearWorkflow, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 909 });

const DERIVED = /^n8n-[0-9a-f]{40}$/;
let beneCounter = 0;

/** An active beneficiary in the sandbox (its own endpoints are another resource's). */
function beneficiary(status = 'active'): string {
	beneCounter++;
	const id = `bene_test${String(beneCounter).padStart(8, '0')}`;
	sandbox.insert('beneficiary', { id, name: `Payee ${beneCounter}`, status, type: 'business', category: 'payout' });
	return id;
}

/** Valid Payout › Create parameters (100.00 EUR received, from USD), to be overridden per test. */
function payoutParams(bene: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'payout',
		operation: 'create',
		beneficiaryId: rl(bene),
		pricing: 'amount',
		sourceCurrency: 'USD',
		destinationCurrency: 'EUR',
		fixedSide: 'destination',
		amount: 10000,
		paymentRail: 'swift',
		purposeCode: 'S1006',
		invoiceNumber: '',
		requestId: '',
		options: {},
		...overrides,
	};
}

async function api(method: 'get' | 'patch', path: string, data?: IDataObject): Promise<IDataObject> {
	const response = await axios.request({
		method,
		url: `${sandbox.url}/api/v1${path}`,
		data,
		headers: { Authorization: `Bearer ${sandbox.secretKey}` },
	});
	return response.data as IDataObject;
}

/** Every payout the sandbox holds for a beneficiary (read apart from the node, then forgotten). */
async function payoutsOf(bene: string): Promise<IDataObject[]> {
	const page = await api('get', `/payouts?beneficiary_id=${bene}&per_page=100`);
	sandbox.clearRequests();
	return page.data as IDataObject[];
}

async function usdAvailable(): Promise<number> {
	const balances = await api('get', '/balances');
	sandbox.clearRequests();
	return ((balances.available as IDataObject[]).find((entry) => entry.currency === 'USD')?.amount as number) ?? 0;
}

describe('Payout › Create', () => {
	it('POSTs the documented body with a derived request_id and outputs the payout, status and duplicate = false', async () => {
		const bene = beneficiary();
		const before = await usdAvailable();
		const result = await runGlomo(sandbox, payoutParams(bene, { invoiceNumber: 'INV-1', options: { decimalAmounts: true }, amount: '100.25' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const sent = summary(sandbox.requests[0]);
		expect(sent).toEqual({
			method: 'POST',
			path: '/api/v1/payouts',
			query: {},
			body: {
				beneficiary_id: bene,
				purpose_code: 'S1006',
				source_currency: 'USD',
				destination_currency: 'EUR',
				destination_amount: 10025,
				payment_rail: 'swift',
				invoice_number: 'INV-1',
				request_id: expect.stringMatching(DERIVED),
			},
		});
		expectBearer(sandbox.requests, sandbox.secretKey);
		const [out] = result.json('Glomo');
		expect(out).toMatchObject({
			id: expect.stringMatching(/^payout_/),
			status: 'in_progress',
			destination_amount: 10025,
			request_id: (sent.body as IDataObject).request_id,
			duplicate: false,
		});
		expect(Object.keys(out).filter((key) => key.startsWith('_'))).toEqual([]);
		// funds held from the source balance
		expect(await usdAvailable()).toBe(before - (out.source_amount as number));
	});

	it('sends a quote instead of amounts and currencies with Pricing = From a Payout Quote', async () => {
		const bene = beneficiary();
		const quote = sandbox.insert('quote', {
			id: 'quote_testquote001',
			resource: 'payout',
			source_currency: 'USD',
			destination_currency: 'INR',
			source_amount: 5000,
			payment_rail: 'imps',
			expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
		});
		const result = await runGlomo(sandbox, payoutParams(bene, { pricing: 'quote', quoteId: rl(quote.id as string), requestId: 'quote-run-1' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/payouts',
				query: {},
				body: { beneficiary_id: bene, purpose_code: 'S1006', quote_id: quote.id, request_id: 'quote-run-1' },
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ quote_id: quote.id, source_amount: 5000, destination_currency: 'INR', payment_rail: 'imps' });
	});

	it('sends documents and notes from Options', async () => {
		const bene = beneficiary();
		await runGlomo(
			sandbox,
			payoutParams(bene, {
				options: { documents: 'doc_abcdefgh1, doc_abcdefgh2', notes: { note: [{ key: 'run', value: 'november' }] } },
			}),
		);
		expect(sandbox.requests[0].body).toMatchObject({ documents: ['doc_abcdefgh1', 'doc_abcdefgh2'], notes: { run: 'november' } });
	});

	it('surfaces a payout created action_required or failed (201) by its status, not as an error', async () => {
		const bene = beneficiary();
		const result = await runGlomo(sandbox, payoutParams(bene, { amount: 6623 }), { items: [{}] });
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'action_required', duplicate: false });
		const failed = await runGlomo(sandbox, payoutParams(bene, { amount: 6624 }));
		expect(failed.json('Glomo')[0]).toMatchObject({ status: 'failed', error_code: null });
	});

	test.each([
		['a Payment Rail that does not pay the To Currency', { paymentRail: 'upi' }, 'Payment Rail: UPI (INR) pays only in INR, but To Currency is EUR'],
		['an Invoice Number over 50 characters', { invoiceNumber: 'x'.repeat(51) }, 'Invoice Number: is 51 characters long; Glomo accepts at most 50'],
		['a Request ID over 64 characters', { requestId: 'r'.repeat(65) }, 'Request ID: is 65 characters long; Glomo accepts at most 64'],
		['a Request ID with a line break', { requestId: 'INV-1\nforged' }, 'Request ID: may hold only printable ASCII characters (letters, digits, - _ . / and the like)'],
		['a purpose code that is not one', { purposeCode: 'consulting' }, 'Purpose Code: "consulting" is not a purpose code'],
		['a purpose code with something before it', { purposeCode: '={{ "1S1006" }}' }, 'Purpose Code: "1S1006" is not a purpose code'],
		['a purpose code with something after it', { purposeCode: '={{ "S1006X" }}' }, 'Purpose Code: "S1006X" is not a purpose code'],
		['an empty purpose code, by expression', { purposeCode: '={{ "" }}' }, 'Purpose Code: is required'],
		['a beneficiary id of another kind', { beneficiaryId: rl('={{ "cust_abcdefgh" }}') }, 'Beneficiary: "cust_abcdefgh" is not a valid ID'],
		['an amount of 0', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
		['a document id of another kind', { options: { documents: 'payout_abcdefgh' } }, 'Options > Documents: "payout_abcdefgh" is not a valid ID'],
		['a note without a key', { options: { notes: { note: [{ key: ' ', value: 'x' }] } } }, 'Options > Notes > Key: is required for every note'],
		['a From Currency Glomo does not pay from', { sourceCurrency: 'INR' }, 'From Currency: "INR" is not a supported currency'],
	])('refuses %s by name and sends nothing', async (_case, overrides, message) => {
		const result = await runGlomo(sandbox, payoutParams(beneficiary(), overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('says of every refusal of the Request ID and the purpose code that nothing was sent, and how to fix it', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ requestId: 'r'.repeat(65) }, 'Nothing was sent to Glomo.'],
			[{ requestId: 'INV\t1' }, 'Nothing was sent to Glomo.'],
			[{ purposeCode: '={{ "" }}' }, 'Pick the purpose of the payment, such as S1006 (business and management consultancy).'],
			[{ purposeCode: 'consulting' }, 'Purpose codes are a letter and four digits, such as S1006 for payouts or P0802 for payins.'],
		];
		for (const [overrides, description] of cases) {
			const result = await runGlomo(sandbox, payoutParams(beneficiary(), overrides));
			expect(result.error?.description).toBe(description);
		}
		expect(sandbox.requests).toHaveLength(0);
	});

	it('sends a purpose code as Glomo lists it (upper case), and an account\'s own code of the same form', async () => {
		const bene = beneficiary();
		await runGlomo(sandbox, payoutParams(bene, { purposeCode: '={{ "s1006" }}', invoiceNumber: 'PC-1' }));
		await runGlomo(sandbox, payoutParams(bene, { purposeCode: '={{ "PYR002" }}', invoiceNumber: 'PC-2' }));
		expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => (r.body as IDataObject).purpose_code)).toEqual(['S1006', 'PYR002']);
	});

	it('accepts a Request ID of exactly 64 characters', async () => {
		const result = await runGlomo(sandbox, payoutParams(beneficiary(), { requestId: 'k'.repeat(64) }));
		expect(result.error).toBeUndefined();
		expect((sandbox.requests[0].body as IDataObject).request_id).toBe('k'.repeat(64));
	});

	it('derives the Request ID as documented: n8n- and 40 hex digits of the SHA-256 of [operation, sorted [field, value] pairs]', async () => {
		const bene = beneficiary();
		await runGlomo(sandbox, payoutParams(bene, { invoiceNumber: 'FORMULA-1', paymentRail: 'sepa' }));
		const body = sandbox.requests[0].body as IDataObject;
		const pairs = ['beneficiary_id', 'destination_amount', 'destination_currency', 'invoice_number', 'payment_rail', 'purpose_code', 'source_currency'].map((key) => [key, body[key]]);
		const digest = createHash('sha256').update(JSON.stringify(['payout', pairs])).digest('hex');
		expect(body.request_id).toBe(`n8n-${digest.slice(0, 40)}`);
	});

	it('shows the Request ID field with what it is for, its limit and what the default is built from', () => {
		const field = (new Glomo().description.properties as INodeProperties[]).find(
			(p) => p.name === 'requestId' && p.displayOptions?.show?.resource?.[0] === 'payout',
		);
		expect(field).toMatchObject({
			displayName: 'Request ID (Idempotency Key)',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.invoice_number }}',
			description:
				'Glomo creates at most one payout per Request ID: sending it again returns the existing payout instead of a second one. Set it from what identifies this payout in your data, such as an invoice number (up to 64 characters). Left empty, it is derived from the beneficiary, the currencies, the amount and which side it fixes (or the quote), the payment rail, the purpose code and the invoice number, so the same payout run again never goes out twice; two payouts identical in all of these are then one: give them different invoice numbers.',
		});
	});

	it('fails with Glomo\'s INSUFFICIENT_BALANCE message, code in the error, and no payout', async () => {
		const bene = beneficiary();
		const result = await runGlomo(sandbox, payoutParams(bene, { fixedSide: 'source', amount: 10_000_000_000_000, destinationCurrency: 'USD' }));
		expect(result.error?.message).toMatch(/^Account has insufficient balance to process this transaction/);
		expect(result.error?.description).toContain('code INSUFFICIENT_BALANCE');
		expect(await payoutsOf(bene)).toHaveLength(0);
	});
});

describe('Payout › Create: never paid twice', () => {
	it('1. the same payout run again (a re-run, a retried execution) pays nothing and outputs the existing payout, duplicate = true', async () => {
		const bene = beneficiary();
		const first = await runGlomo(sandbox, payoutParams(bene, { invoiceNumber: 'INV-7' }));
		sandbox.clearRequests();
		const second = await runGlomo(sandbox, payoutParams(bene, { invoiceNumber: 'INV-7' }));

		expect(second.error).toBeUndefined();
		const firstOut = first.json('Glomo')[0];
		expect(second.json('Glomo')).toEqual([{ ...firstOut, duplicate: true }]);
		const requestId = firstOut.request_id as string;
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query, r.status])).toEqual([
			['POST', '/api/v1/payouts', {}, 409],
			['GET', '/api/v1/payouts', { request_id: requestId }, 200],
		]);
		expect(await payoutsOf(bene)).toHaveLength(1);
	});

	it('1. n8n\'s Retry On Fail re-runs every item: the items already paid are not paid again', async () => {
		const bene = beneficiary();
		const items = [{ invoice: 'A-1' }, { invoice: 'A-2' }, { invoice: 'A-3' }];
		const workflow = linearWorkflow({ parameters: payoutParams(bene, { invoiceNumber: '={{ $json.invoice }}' }) }, items);
		Object.assign(workflow.nodes[1], { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 });
		// the third payout meets a server that keeps failing (5xx on every attempt of it), once
		let posts = 0;
		sandbox.onRequest((request) => {
			if (request.method !== 'POST') return;
			posts++;
			if (posts === 3) sandbox.setFaults({ rate5xx: 1 });
			if (posts === 8) sandbox.resetFaults();
		});
		const result = await runWorkflow({ ...workflow, credentials: { secretKey: sandbox.secretKey, baseUrl: sandbox.url } });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((out) => [out.invoice_number, out.duplicate])).toEqual([
			['A-1', true],
			['A-2', true],
			['A-3', false],
		]);
		expect(await payoutsOf(bene)).toHaveLength(3);
	});

	it('1. an answer lost after Glomo committed: the payout is looked up instead of paid again (duplicate = false)', async () => {
		const bene = beneficiary();
		// every write is committed and its answer dropped; reads are answered
		sandbox.setFaults({ dropAfterCommit: 1 });
		const result = await runGlomo(sandbox, payoutParams(bene, { invoiceNumber: 'LOST-1' }));
		expect(result.error).toBeUndefined();
		const requestId = (sandbox.requests[0].body as IDataObject).request_id;
		expect(sandbox.requests.map((r) => [r.method, r.status, r.query])).toEqual([
			['POST', 0, {}],
			['GET', 200, { request_id: requestId }],
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ invoice_number: 'LOST-1', request_id: requestId, duplicate: false });
		expect(await payoutsOf(bene)).toHaveLength(1);
	});

	it('1. 1,000 payouts with every other answer lost after commit: exactly 1,000 payouts; the same rows again: still 1,000', async () => {
		const bene = beneficiary();
		const rows = Array.from({ length: 1000 }, (_, index) => ({ invoice: `BULK-${index + 1}`, amount: 100 + index }));
		const parameters = payoutParams(bene, { invoiceNumber: '={{ $json.invoice }}', amount: '={{ $json.amount }}' });
		sandbox.setFaults({ dropAfterCommit: 0.5 });
		const first = await runGlomo(sandbox, parameters, { items: rows });
		expect(first.error).toBeUndefined();
		expect(sandbox.requests.filter((r) => r.method === 'POST' && r.status === 0).length).toBeGreaterThan(300);
		const out = first.json('Glomo');
		expect(out).toHaveLength(1000);
		expect(out.every((payout) => payout.duplicate === false)).toBe(true);
		expect(new Set(out.map((payout) => payout.id)).size).toBe(1000);
		expect(out.map((payout) => payout.invoice_number)).toEqual(rows.map((row) => row.invoice));

		sandbox.clearRequests();
		const second = await runGlomo(sandbox, parameters, { items: rows });
		expect(second.error).toBeUndefined();
		expect(second.json('Glomo').map((payout) => payout.id)).toEqual(out.map((payout) => payout.id));
		// a reuse Glomo refused in so many words is marked; one whose refusal was lost is found by lookup
		const refused = new Set(sandbox.requests.filter((r) => r.method === 'POST' && r.status === 409).map((r) => (r.body as IDataObject).request_id));
		expect(refused.size).toBeGreaterThan(300);
		for (const payout of second.json('Glomo')) expect(payout.duplicate).toBe(refused.has(payout.request_id));
		expect(sandbox.requests.filter((r) => r.method === 'POST' && r.status === 201)).toHaveLength(0);
		sandbox.resetFaults();
		const page = await api('get', `/payouts?beneficiary_id=${bene}&per_page=1`);
		expect((page.page_meta as IDataObject).count).toBe(1000);
	}, 120_000);

	it('2. payouts that differ in invoice number, amount or beneficiary get different request_ids and are all paid', async () => {
		const bene = beneficiary();
		const other = beneficiary();
		const runs = [
			payoutParams(bene, { invoiceNumber: 'INV-1' }),
			payoutParams(bene, { invoiceNumber: 'INV-2' }),
			payoutParams(bene, { invoiceNumber: 'INV-2', amount: 10001 }),
			payoutParams(other, { invoiceNumber: 'INV-2' }),
			payoutParams(bene, { invoiceNumber: 'INV-2', fixedSide: 'source' }),
		];
		const ids: string[] = [];
		for (const parameters of runs) {
			const result = await runGlomo(sandbox, parameters);
			expect(result.json('Glomo')[0].duplicate).toBe(false);
			ids.push(result.json('Glomo')[0].request_id as string);
		}
		expect(new Set(ids).size).toBe(runs.length);
		expect(await payoutsOf(bene)).toHaveLength(4);
	});

	it('2. a Request ID reused for a different payout is refused, naming both, and nothing is paid', async () => {
		const bene = beneficiary();
		const items = [{ invoice: 'DUP-1', amount: 5000 }, { invoice: 'DUP-1', amount: 7000 }];
		const result = await runGlomo(sandbox, payoutParams(bene, { requestId: '={{ $json.invoice }}', amount: '={{ $json.amount }}' }), {
			items,
			continueOnFail: true,
		});
		const [paid, refused] = result.json('Glomo');
		expect(paid).toMatchObject({ request_id: 'DUP-1', destination_amount: 5000, duplicate: false });
		expect(refused).toEqual({
			error: `The request_id "DUP-1" already belongs to another payout (${paid.id as string})`,
			description:
				'It is not the same payout: destination_amount 7000 was sent, the existing one has 5000. Nothing was carried out. Give each payout its own Request ID (for example its invoice number), or leave Request ID empty to derive one from the payout\'s details.',
			httpCode: '409',
			outcome: 'not sent',
			request_id: 'DUP-1',
		});
		expect(await payoutsOf(bene)).toHaveLength(1);
	});

	it('3. the Request ID set by expression is what Glomo receives, and a duplicate row gives the existing payout', async () => {
		const bene = beneficiary();
		const items = [{ invoice: 'SHEET-9' }, { invoice: 'SHEET-9' }];
		const result = await runGlomo(sandbox, payoutParams(bene, { requestId: '={{ $json.invoice }}' }), { items });
		expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => (r.body as IDataObject).request_id)).toEqual(['SHEET-9', 'SHEET-9']);
		const [first, second] = result.json('Glomo');
		expect(second).toEqual({ ...first, duplicate: true });
		expect(result.items('Glomo').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('3. the derived Request ID does not depend on the execution or the item\'s position', async () => {
		const bene = beneficiary();
		const rows = [{ invoice: 'P-1' }, { invoice: 'P-2' }];
		const parameters = payoutParams(bene, { invoiceNumber: '={{ $json.invoice }}' });
		const forward = await runGlomo(sandbox, parameters, { items: rows });
		const backward = await runGlomo(sandbox, parameters, { items: [...rows].reverse() });
		const key = (out: IDataObject[]) => Object.fromEntries(out.map((p) => [p.invoice_number, p.request_id]));
		expect(key(backward.json('Glomo'))).toEqual(key(forward.json('Glomo')));
		expect(backward.json('Glomo').every((p) => p.duplicate === true)).toBe(true);
	});

	it('4. with On Duplicate = Fail a duplicate is an error naming the existing payout, and nothing is paid', async () => {
		const bene = beneficiary();
		const first = await runGlomo(sandbox, payoutParams(bene, { requestId: 'FAIL-ON-DUP' }));
		const id = first.json('Glomo')[0].id as string;
		const second = await runGlomo(sandbox, payoutParams(bene, { requestId: 'FAIL-ON-DUP', options: { onDuplicate: 'error' } }));
		expectApiError(second, `A payout with the request_id "FAIL-ON-DUP" already exists (${id}, status in_progress)`, '409');
		expect(second.error?.description).toBe(
			'An earlier run created it; nothing new was carried out. Set On Duplicate to "Output the Existing Payout" to continue with it instead of failing.',
		);
		expect(await payoutsOf(bene)).toHaveLength(1);
	});
});

describe('Payout › Get, Get Many, Cancel', () => {
	it('GETs /payouts/{id}', async () => {
		const bene = beneficiary();
		const created = (await runGlomo(sandbox, payoutParams(bene))).json('Glomo')[0];
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, { resource: 'payout', operation: 'get', payoutId: rl(created.id as string) });
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/payouts/${created.id as string}`, query: {}, body: undefined }]);
		const { duplicate: _ignored, ...record } = created;
		expect(result.json('Glomo')).toEqual([record]);
	});

	it('maps the filters of Get Many to beneficiary_id, request_id and status', async () => {
		const bene = beneficiary();
		await runGlomo(sandbox, payoutParams(bene, { requestId: 'FILTER-1' }));
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, {
			resource: 'payout',
			operation: 'getAll',
			returnAll: true,
			filters: { beneficiaryId: bene, requestId: 'FILTER-1', status: 'in_progress' },
		});
		expect(sandbox.requests[0].query).toEqual({ beneficiary_id: bene, request_id: 'FILTER-1', status: 'in_progress', per_page: '100', page: '1' });
		expect(result.json('Glomo').map((p) => p.request_id)).toEqual(['FILTER-1']);
	});

	it('refuses a Beneficiary ID filter of another kind by name, sending nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'payout', operation: 'getAll', filters: { beneficiaryId: 'payout_abcdefgh' } });
		expectOperationError(result, 'Filters > Beneficiary ID: "payout_abcdefgh" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('cancels a queued payout (PATCH /payouts/{id}/cancel) and refuses one with the bank with Glomo\'s message', async () => {
		const bene = beneficiary();
		sandbox.setAccount({ payoutQueueing: true });
		const queued = (await runGlomo(sandbox, payoutParams(bene, { requestId: 'Q-1' }))).json('Glomo')[0];
		sandbox.setAccount({ payoutQueueing: false });
		expect(queued.status).toBe('queued');
		sandbox.clearRequests();
		const cancelled = await runGlomo(sandbox, { resource: 'payout', operation: 'cancel', payoutId: rl(queued.id as string) });
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v1/payouts/${queued.id as string}/cancel`, query: {}, body: undefined },
		]);
		expect(cancelled.json('Glomo')[0]).toMatchObject({ id: queued.id, status: 'cancelled' });

		const withBank = (await runGlomo(sandbox, payoutParams(bene, { requestId: 'B-1' }))).json('Glomo')[0];
		const refused = await runGlomo(sandbox, { resource: 'payout', operation: 'cancel', payoutId: rl(withBank.id as string) });
		expectApiError(refused, 'Payout cannot be cancelled in its current state', '400');
	});
});

describe('Payout › Update RFI and Mock Status', () => {
	it('answers an action_required payout\'s documents (PATCH update_rfi) and it goes under review, in progress', async () => {
		const bene = beneficiary();
		const payout = (await runGlomo(sandbox, payoutParams(bene, { amount: 6623 }))).json('Glomo')[0];
		const requirement = (payout.documents as IDataObject[]).find((doc) => doc.rfi_doc_id) as IDataObject;
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, {
			resource: 'payout',
			operation: 'updateRfi',
			payoutId: rl(payout.id as string),
			documents: { document: [{ rfiDocId: requirement.rfi_doc_id, docId: 'doc_answer0001' }] },
		});
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'PATCH',
				path: `/api/v1/payouts/${payout.id as string}/update_rfi`,
				query: {},
				body: { documents: [{ id: 'doc_answer0001', rfi_doc_id: requirement.rfi_doc_id }] },
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'in_progress' });
	});

	test.each([
		['no document', { document: [] }, 'Documents: add one pair (RFI Document ID and Document ID) for every document the RFI asks for'],
		['a requirement id of another kind', { document: [{ rfiDocId: 'doc_abcdefgh', docId: 'doc_abcdefgh' }] }, 'Documents > RFI Document ID (pair 1): "doc_abcdefgh" is not a valid ID'],
		['a document id of another kind', { document: [{ rfiDocId: 'rfidoc_abcdefgh', docId: 'rfidoc_x' }] }, 'Documents > Document ID (pair 1): "rfidoc_x" is not a valid ID'],
	])('Update RFI refuses %s by name and sends nothing', async (_case, documents, message) => {
		const result = await runGlomo(sandbox, { resource: 'payout', operation: 'updateRfi', payoutId: rl('payout_abcdefgh1'), documents });
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('Mock Status walks a queued payout: pending (reads in_progress) then success; an illegal step is refused by Glomo', async () => {
		const bene = beneficiary();
		sandbox.setAccount({ payoutQueueing: true });
		const queued = (await runGlomo(sandbox, payoutParams(bene, { requestId: 'MOCK-1' }))).json('Glomo')[0];
		sandbox.setAccount({ payoutQueueing: false });
		const mock = async (status: string) =>
			await runGlomo(sandbox, { resource: 'payout', operation: 'mockStatus', payoutId: rl(queued.id as string), status });

		const illegal = await mock('success');
		expectApiError(illegal, 'State change not allowed', '400');
		sandbox.clearRequests();
		const released = await mock('pending');
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: '/api/v1/payouts/mock', query: {}, body: { id: queued.id, status: 'pending' } },
		]);
		expect(released.json('Glomo')[0].status).toBe('in_progress');
		expect((await mock('success')).json('Glomo')[0].status).toBe('success');
		expectApiError(await mock('failed'), 'State change not allowed', '400');
	});

	it('Mock Status is refused with a Live credential and sends nothing', async () => {
		const result = await runGlomo(
			sandbox,
			{ resource: 'payout', operation: 'mockStatus', payoutId: rl('payout_abcdefgh1'), status: 'success' },
			{ credentials: { secretKey: sandbox.issueKey('production'), environment: 'live' } },
		);
		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(sandbox.requests).toHaveLength(0);
	});
});
