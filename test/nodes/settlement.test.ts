/**
 * Settlement: Create, Get, Get Many, Get Transactions and Mock Trigger, run end-to-end through
 * WorkflowExecute against the sandbox: the exact request, the output, and refusals before sending.
 */
import axios from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import type { Sandbox } from '../sandbox';
import { settleablePaymentRecord } from '../sandbox/resources/settlements';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 515 });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const zeroFees = (currency: string) => ({ fx_fee: { amount: 0, currency }, txn_fee: { amount: 0, currency } });

/** What the sandbox holds available in `currency`, read with a plain HTTP client (then forgotten). */
async function available(sb: Sandbox, currency: string): Promise<number> {
	const response = await axios.get(`${sb.url}/api/v1/balances`, { headers: { Authorization: `Bearer ${sb.secretKey}` } });
	sb.clearRequests();
	return (response.data.available as IDataObject[]).find((m) => m.currency === currency)?.amount as number;
}

/** A successful, funds-available, unsettled payment put straight into the sandbox. */
function seedPayment(sb: Sandbox, currency: string, amount: number, overrides: IDataObject = {}): string {
	return String(sb.insert('payment', settleablePaymentRecord(currency, amount, overrides)).id);
}

/** A settlement row put straight into the sandbox, shaped as Glomo returns it. */
function settlementRecord(overrides: IDataObject = {}): IDataObject {
	return {
		status: 'success',
		payment_method: 'swift_transfer',
		amount: 1000,
		currency: 'USD',
		fees: zeroFees('USD'),
		utr: 'seededutr0000001',
		...overrides,
	};
}

const createParams = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'settlement',
	operation: 'create',
	settleBy: 'amount',
	balanceCurrency: 'EUR',
	amount: 150000,
	...overrides,
});

describe('Settlement › Create', () => {
	it('POSTs amount and balance_currency, outputs the settlement and takes the amount from the balance', async () => {
		const before = await available(sandbox, 'EUR');
		const result = await runGlomo(sandbox, createParams());

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/settlements', query: {}, body: { amount: 150000, balance_currency: 'EUR' } },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(201);
		const out = result.json('Glomo');
		expect(out).toEqual([
			{
				id: expect.stringMatching(/^setl_[A-Za-z0-9]+$/),
				status: 'success',
				payment_method: 'swift_transfer',
				amount: 150000,
				currency: 'EUR',
				fees: zeroFees('EUR'),
				utr: expect.stringMatching(/^[a-z0-9]{16}$/),
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
			},
		]);
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });
		expect(await available(sandbox, 'EUR')).toBe(before - 150000);
	});

	it('converts an amount typed in decimal units with Amounts in Decimal Units', async () => {
		const result = await runGlomo(
			sandbox,
			createParams({ balanceCurrency: 'SGD', amount: '1500.25', options: { decimalAmounts: true } }),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ amount: 150025, balance_currency: 'SGD' }]);
		expect(result.json('Glomo')[0]).toMatchObject({ amount: 150025, currency: 'SGD' });
	});

	it('POSTs the listed payment IDs (each once) and settles exactly their funds', async () => {
		const first = seedPayment(sandbox, 'GBP', 4000);
		const second = seedPayment(sandbox, 'GBP', 2550);
		const result = await runGlomo(sandbox, {
			resource: 'settlement',
			operation: 'create',
			settleBy: 'payments',
			paymentIds: ` ${first}, ${second}\n${first} `,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/settlements', query: {}, body: { payment_ids: [first, second] } },
		]);
		const [settlement] = result.json('Glomo');
		expect(settlement).toMatchObject({ status: 'success', amount: 6550, currency: 'GBP', fees: zeroFees('GBP') });

		// the same payments again: Glomo's 422
		sandbox.clearRequests();
		const again = await runGlomo(sandbox, {
			resource: 'settlement',
			operation: 'create',
			settleBy: 'payments',
			paymentIds: `={{ ${JSON.stringify([second])} }}`,
		});
		expectApiError(again, 'Payments cannot be settled: some payments are already settled', '422');
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/settlements', query: {}, body: { payment_ids: [second] } },
		]);
		expect(sandbox.requests[0].status).toBe(422);
	});

	it("fails with Glomo's INSUFFICIENT_BALANCE message when the balance does not cover the amount", async () => {
		const have = await available(sandbox, 'AED');
		const result = await runGlomo(sandbox, createParams({ balanceCurrency: 'AED', amount: have + 1 }));

		expectApiError(
			result,
			'Account has insufficient balance to process this transaction. Additional amount required: 1.',
			'400',
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(await available(sandbox, 'AED')).toBe(have);
	});

	it.each([
		['a currency Glomo does not settle', { balanceCurrency: '={{ "INR" }}' }, 'Balance Currency: "INR" is not a supported currency'],
		['an amount of zero', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
		['a fraction of a minor unit', { amount: 10.5 }, 'Amount: must be a whole number of the smallest currency unit, got 10.5'],
		[
			'more decimals than the currency has',
			{ amount: '1.234', options: { decimalAmounts: true } },
			'Amount: 1.234 has more decimals than EUR allows',
		],
		['no payment IDs', { settleBy: 'payments', paymentIds: ' , ' }, 'Payment IDs: is required: give at least one payment ID'],
		[
			'an ID of another kind among the payments',
			{ settleBy: 'payments', paymentIds: 'payt_E602dMzgjpDC, cust_E602dMzgjpDC' },
			'Payment IDs: "cust_E602dMzgjpDC" is not a valid payment ID',
		],
		[
			'a number among the payments (by expression)',
			{ settleBy: 'payments', paymentIds: '={{ ["payt_E602dMzgjpDC", 42] }}' },
			'Payment IDs: "42" is not a valid payment ID',
		],
	])('refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, createParams(overrides as IDataObject));

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});

	it('refuses a way to settle that does not exist (from an expression) and sends nothing', async () => {
		const result = await runGlomo(sandbox, createParams({ settleBy: '={{ $json.how }}', paymentIds: 'payt_E602dMzgjpDC' }), { items: [{ how: 'everything' }] });

		expectOperationError(result, 'Settle: "everything" is not one of the choices');
		expect(result.error?.description).toBe('Nothing was sent to Glomo.');
		expect(sandbox.requests).toEqual([]);
	});

	it('refuses more than 500 payment IDs and sends nothing', async () => {
		const ids = Array.from({ length: 501 }, (_, n) => `payt_batch${String(n).padStart(4, '0')}`);
		const result = await runGlomo(sandbox, createParams({ settleBy: 'payments', paymentIds: ids.join(',') }));

		expectOperationError(result, 'Payment IDs: holds 501 payment IDs; at most 500 go in one settlement');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Settlement › Get', () => {
	it('GETs /settlements/{id} and outputs the settlement as Glomo shows it', async () => {
		const stored = sandbox.insert('settlement', settlementRecord({ amount: 777, internal_note: 'not shown' }));
		const result = await runGlomo(sandbox, { resource: 'settlement', operation: 'get', settlementId: rl(String(stored.id), 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: `/api/v1/settlements/${String(stored.id)}`, query: {}, body: undefined },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const { internal_note: _hidden, ...shown } = stored;
		expect(result.json('Glomo')).toEqual([shown]);
	});

	it('fails with "Settlement not found" and httpCode 404 for an unknown id', async () => {
		const result = await runGlomo(sandbox, { resource: 'settlement', operation: 'get', settlementId: rl('setl_doesNotExist1') });

		expectApiError(result, 'Settlement not found', '404');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/api/v1/settlements/setl_doesNotExist1', 404],
		]);
	});

	it('refuses an ID of another kind and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'settlement', operation: 'get', settlementId: rl('={{ "payt_E602dMzgjpDC" }}') });

		expectOperationError(result, 'Settlement: "payt_E602dMzgjpDC" is not a valid ID');
		expect(result.error?.description).toBe('IDs of this kind are "setl_" followed by 6 to 64 letters or digits. Nothing was sent to Glomo.');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Settlement › Get Many', () => {
	const windowIds: string[] = [];
	const after = '2019-03-01T00:00:00.000Z';
	const before = '2019-04-01T00:00:00.000Z';

	beforeAll(() => {
		// 105 settlements in March 2019, one hour apart (oldest first), and one outside the window
		const start = Date.UTC(2019, 2, 2);
		for (let n = 0; n < 105; n++) {
			const row = sandbox.insert('settlement', settlementRecord({ amount: 1000 + n, created_at: new Date(start + n * 3_600_000).toISOString() }));
			windowIds.push(String(row.id));
		}
		sandbox.insert('settlement', settlementRecord({ created_at: '2019-04-02T00:00:00.000Z' }));
	});

	it('sends per_page = limit, page 1 and the Created After / Before window, newest first', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'settlement',
			operation: 'getAll',
			limit: 3,
			filters: { after, before },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'GET', path: '/api/v1/settlements', query: { after, before, per_page: '3', page: '1' }, body: undefined },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo').map((s) => s.id)).toEqual(windowIds.slice(-3).reverse());
		expect(result.json('Glomo')[0]).toEqual({
			id: windowIds[104],
			status: 'success',
			payment_method: 'swift_transfer',
			amount: 1104,
			currency: 'USD',
			fees: zeroFees('USD'),
			utr: 'seededutr0000001',
			created_at: '2019-03-06T08:00:00.000Z',
			updated_at: '2019-03-06T08:00:00.000Z',
		});
	});

	it('returns every settlement of the window once with Return All, over two pages', async () => {
		const result = await runGlomo(sandbox, { resource: 'settlement', operation: 'getAll', returnAll: true, filters: { after, before } });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((s) => s.id)).toEqual([...windowIds].reverse());
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/settlements', { after, before, per_page: '100', page: '1' }],
			['GET', '/api/v1/settlements', { after, before, per_page: '100', page: '2' }],
		]);
	});

	it('refuses a Created After that is not a date and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'settlement', operation: 'getAll', filters: { after: 'last tuesday' } });

		expectOperationError(result, 'Created After: "last tuesday" is not a date');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Settlement › Get Transactions', () => {
	it('GETs /settlements/{id}/transactions page by page and outputs each transaction', async () => {
		const settlement = sandbox.insert('settlement', settlementRecord({ amount: 3 * 500 }));
		const start = Date.UTC(2020, 0, 1);
		const transactions = [0, 1, 2].map((n) =>
			sandbox.insert('settlement_transaction', {
				settlement_id: settlement.id,
				source_id: `payt_seeded${n}00000`,
				source_type: 'payment',
				credit: { amount: 500, currency: 'USD' },
				debit: { amount: 0, currency: 'USD' },
				fees: zeroFees('USD'),
				settled_amount: { amount: 500, currency: 'USD' },
				processed_at: new Date(start + n * 1000).toISOString(),
				created_at: new Date(start + n * 1000).toISOString(),
			}),
		);
		// a transaction of another settlement is not listed
		sandbox.insert('settlement_transaction', { settlement_id: 'setl_someoneElse01', source_id: 'payt_other0000000' });

		const result = await runGlomo(sandbox, {
			resource: 'settlement',
			operation: 'getTransactions',
			settlementId: rl(String(settlement.id)),
			limit: 2,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`/api/v1/settlements/${String(settlement.id)}/transactions`);
		const { before: pinned, ...query } = request.query;
		expect(query).toEqual({ per_page: '2', page: '1' });
		if (pinned !== undefined) expect(pinned).toMatch(ISO);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const shown = (row: Record<string, unknown>) => {
			const { settlement_id: _internal, ...rest } = row;
			return rest;
		};
		expect(result.json('Glomo')).toEqual([shown(transactions[2]), shown(transactions[1])]);

		sandbox.clearRequests();
		const all = await runGlomo(sandbox, {
			resource: 'settlement',
			operation: 'getTransactions',
			settlementId: rl(String(settlement.id)),
			returnAll: true,
		});
		expect(all.json('Glomo')).toEqual(transactions.map(shown).reverse());
		expect(sandbox.requests.map((r) => [r.path, r.query.per_page, r.query.page])).toEqual([
			[`/api/v1/settlements/${String(settlement.id)}/transactions`, '100', '1'],
		]);
	});

	it('fails with "Settlement not found" for an unknown settlement', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'settlement',
			operation: 'getTransactions',
			settlementId: rl('setl_doesNotExist2'),
		});

		expectApiError(result, 'Settlement not found', '404');
		expect(sandbox.requests.map((r) => [r.path, r.status])).toEqual([['/api/v1/settlements/setl_doesNotExist2/transactions', 404]]);
	});

	it('refuses a settlement ID that is missing and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'settlement', operation: 'getTransactions', settlementId: rl('={{ "  " }}') });

		expectOperationError(result, 'Settlement: is required');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Settlement "From List" (searchSettlements)', () => {
	it('shows settlements newest first by ID, decimal amount, currency and status; typing filters them', async () => {
		const found = sandbox.insert('settlement', settlementRecord({ amount: 123456, currency: 'EUR', status: 'in_progress', utr: 'findme0000000001' }));
		sandbox.insert('settlement', settlementRecord({ utr: 'other00000000001' }));
		const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url };

		const all = await runListSearch('searchSettlements', credentials);
		expect(all.results).toHaveLength(100);
		expect(all.results[1]).toEqual({ name: `${String(found.id)} · 1234.56 EUR · in_progress`, value: found.id });
		// more than 100 settlements: the next page is offered
		expect(all.paginationToken).toBe('2');

		const filtered = await runListSearch('searchSettlements', credentials, { filter: ' FINDME ' });
		expect(filtered.results).toEqual([{ name: `${String(found.id)} · 1234.56 EUR · in_progress`, value: found.id }]);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v1/settlements', { page: '1', per_page: '100' }],
			['GET', '/api/v1/settlements', { page: '1', per_page: '100' }],
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
	});
});

describe('Settlement › Mock Trigger', () => {
	// a sandbox of its own: the trigger settles every eligible payment it holds
	const fresh = useSandbox({ seed: 516 });
	let receiver: Server;
	const received: IDataObject[] = [];

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject);
				res.writeHead(200, { Connection: 'close' });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		fresh.setWebhookTargets([`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/glomo`], 'whsec_settlement');
	});

	afterAll(async () => {
		receiver.closeAllConnections();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});

	async function settlementEvents(count: number): Promise<IDataObject[]> {
		const deadline = Date.now() + 5000;
		const events = () => received.filter((event) => event.entity_type === 'settlement');
		while (events().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
		return events();
	}

	it('is refused with a Live credential, and nothing is sent', async () => {
		const result = await runGlomo(
			fresh,
			{ resource: 'settlement', operation: 'mockTrigger' },
			{ credentials: { environment: 'live', secretKey: fresh.issueKey('production') } },
		);

		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(result.error?.description).toMatch(/Nothing was sent\.$/);
		expect(fresh.requests).toEqual([]);
	});

	it('settles the eligible payments per currency, with webhooks; their transactions are listed', async () => {
		const usd = [seedPayment(fresh, 'USD', 10000), seedPayment(fresh, 'USD', 2500)];
		const aed = seedPayment(fresh, 'AED', 30000);
		// not eligible: funds not available, already settled, failed, a currency Glomo does not settle
		seedPayment(fresh, 'USD', 111, { funds_available: false });
		seedPayment(fresh, 'USD', 222, { settlement_id: 'setl_earlier000001' });
		seedPayment(fresh, 'EUR', 333, { status: 'failed' });
		seedPayment(fresh, 'INR', 444);
		const usdBefore = await available(fresh, 'USD');
		const aedBefore = await available(fresh, 'AED');

		const result = await runGlomo(fresh, { resource: 'settlement', operation: 'mockTrigger' });

		expect(result.error).toBeUndefined();
		expect(fresh.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/settlements/mock-trigger', query: {}, body: undefined },
		]);
		expectBearer(fresh.requests, fresh.secretKey);
		const [out] = result.json('Glomo');
		expect(result.json('Glomo')).toHaveLength(1);
		expect(out.message).toBe('Settlement triggered successfully');
		const settlements = out.data as IDataObject[];
		expect(settlements.map((s) => [s.currency, s.amount, s.status])).toEqual([
			['USD', 12500, 'success'],
			['AED', 30000, 'success'],
		]);
		expect(await available(fresh, 'USD')).toBe(usdBefore - 12500);
		expect(await available(fresh, 'AED')).toBe(aedBefore - 30000);

		// one settlement / success webhook per settlement, carrying the settlement as the API shows it
		const events = await settlementEvents(2);
		expect(events).toHaveLength(2);
		expect(events).toEqual(
			expect.arrayContaining(settlements.map((data) => ({ entity_type: 'settlement', event_type: 'success', data }))),
		);

		// the USD settlement's transactions: one per payment it settled
		const [usdSettlement] = settlements;
		fresh.clearRequests();
		const transactions = await runGlomo(fresh, {
			resource: 'settlement',
			operation: 'getTransactions',
			settlementId: rl(String(usdSettlement.id)),
			returnAll: true,
		});
		expect(transactions.error).toBeUndefined();
		expect(fresh.requests).toHaveLength(1);
		expect(fresh.requests[0]).toMatchObject({
			method: 'GET',
			path: `/api/v1/settlements/${String(usdSettlement.id)}/transactions`,
			query: expect.objectContaining({ per_page: '100', page: '1' }),
		});
		expect(
			transactions
				.json('Glomo')
				.map((t) => [t.source_type, t.source_id, t.credit, t.debit, t.settled_amount])
				.sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
		).toEqual(
			[
				['payment', usd[0], { amount: 10000, currency: 'USD' }, { amount: 0, currency: 'USD' }, { amount: 10000, currency: 'USD' }],
				['payment', usd[1], { amount: 2500, currency: 'USD' }, { amount: 0, currency: 'USD' }, { amount: 2500, currency: 'USD' }],
			].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
		);
		for (const t of transactions.json('Glomo')) expect(t.id).toMatch(/^txn_[A-Za-z0-9]+$/);

		// Get shows the same settlement
		const got = await runGlomo(fresh, { resource: 'settlement', operation: 'get', settlementId: rl(String(settlements[1].id)) });
		expect(got.json('Glomo')).toEqual([settlements[1]]);

		// a payment it settled cannot be settled again
		const again = await runGlomo(fresh, { resource: 'settlement', operation: 'create', settleBy: 'payments', paymentIds: aed });
		expectApiError(again, 'Payments cannot be settled: some payments are already settled', '422');
	});

	it('settles nothing and sends no webhook when nothing is eligible', async () => {
		const before = (await settlementEvents(0)).length;
		const result = await runGlomo(fresh, { resource: 'settlement', operation: 'mockTrigger' });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')).toEqual([{ message: 'No funds eligible for settlement', data: [] }]);
		expect(fresh.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/settlements/mock-trigger', 200]]);
		expect((await settlementEvents(0)).length).toBe(before);
	});
});
