/**
 * Internal Transfer › Create, run end-to-end through WorkflowExecute against the sandbox: the exact
 * request, the output, the balance it moves, its webhook, and refusals before sending.
 */
import axios from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 616 });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The platform's own merchant id: the `sub` claim of the sandbox's key. */
const platformId = () => JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;

/** A merchant of the platform, put straight into the sandbox. */
function seedMerchant(name: string): string {
	return String(sandbox.insert('merchant', { name, owner_merchant_id: platformId(), status: 'success' }).id);
}

async function aedAvailable(): Promise<number> {
	const response = await axios.get(`${sandbox.url}/api/v1/balances`, { headers: { Authorization: `Bearer ${sandbox.secretKey}` } });
	sandbox.clearRequests();
	return (response.data.available as IDataObject[]).find((m) => m.currency === 'AED')?.amount as number;
}

let receiver: Server;
const received: IDataObject[] = [];
let childA: string;
let childB: string;

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
	sandbox.setWebhookTargets([`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/glomo`], 'whsec_transfer');
	childA = seedMerchant('Child A');
	childB = seedMerchant('Child B');
});

afterAll(async () => {
	receiver.closeAllConnections();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function eventFor(id: string): Promise<IDataObject | undefined> {
	const deadline = Date.now() + 5000;
	const find = () => received.find((event) => (event.data as IDataObject | undefined)?.id === id);
	while (!find() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
	return find();
}

const params = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'internalTransfer',
	operation: 'create',
	fromMerchantId: rl(platformId()),
	toMerchantId: rl(childA),
	currency: 'AED',
	amount: 10000,
	reference: 'sample-reference',
	...overrides,
});

describe('Internal Transfer › Create', () => {
	it('POSTs exactly the documented body, outputs the transfer, debits the platform and fires internal_transfer.success', async () => {
		const before = await aedAvailable();
		const result = await runGlomo(sandbox, params());

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/internal-transfer',
				query: {},
				body: {
					amount: 10000,
					currency: 'AED',
					reference: 'sample-reference',
					from_merchant_id: platformId(),
					to_merchant_id: childA,
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(201);
		const out = result.json('Glomo');
		expect(out).toEqual([
			{
				id: expect.stringMatching(/^inttransfer_[A-Za-z0-9]+$/),
				from_merchant_id: platformId(),
				to_merchant_id: childA,
				owner_merchant_id: platformId(),
				transfer_amount: 10000,
				transfer_currency: 'AED',
				reference: 'sample-reference',
				fees: { txn_fee: { currency: 'AED', amount: 0 }, fx_fee: { currency: 'AED', amount: 0 } },
				error_code: null,
				error_description: null,
				created_at: expect.stringMatching(ISO),
				updated_at: expect.stringMatching(ISO),
			},
		]);
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });
		expect(await aedAvailable()).toBe(before - 10000);
		expect(await eventFor(String(out[0].id))).toEqual({ entity_type: 'internal_transfer', event_type: 'success', data: out[0] });
	});

	it('converts a decimal amount with Amounts in Decimal Units and credits the platform on a transfer to it', async () => {
		const before = await aedAvailable();
		const result = await runGlomo(
			sandbox,
			params({ fromMerchantId: rl(childB), toMerchantId: rl(platformId()), amount: '250.75', options: { decimalAmounts: true } }),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([
			{ amount: 25075, currency: 'AED', reference: 'sample-reference', from_merchant_id: childB, to_merchant_id: platformId() },
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ transfer_amount: 25075, from_merchant_id: childB, to_merchant_id: platformId() });
		expect(await aedAvailable()).toBe(before + 25075);
	});

	it("moves money between two of the platform's merchants without touching the platform's balance", async () => {
		const before = await aedAvailable();
		const result = await runGlomo(sandbox, params({ fromMerchantId: rl(childA), toMerchantId: rl(childB), reference: '  trimmed  ' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([
			{ amount: 10000, currency: 'AED', reference: 'trimmed', from_merchant_id: childA, to_merchant_id: childB },
		]);
		expect(await aedAvailable()).toBe(before);
	});

	it('sends a reference of exactly 100 characters', async () => {
		const reference = 'r'.repeat(100);
		const result = await runGlomo(sandbox, params({ reference }));

		expect(result.error).toBeUndefined();
		expect((sandbox.requests[0].body as IDataObject).reference).toBe(reference);
	});

	it("fails with Glomo's INSUFFICIENT_BALANCE message when the platform's AED balance does not cover the amount", async () => {
		const have = await aedAvailable();
		const result = await runGlomo(sandbox, params({ amount: have + 250 }));

		expectApiError(result, 'Account has insufficient balance to process this transaction. Additional amount required: 250.', '400');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/internal-transfer', status: 400 });
		expect(await aedAvailable()).toBe(have);
	});

	it('fails with a 404 for a merchant that is not one of the platform', async () => {
		const result = await runGlomo(sandbox, params({ toMerchantId: rl('merch_notOurs000001') }));

		expectApiError(result, 'Merchant with the specified ID was not found', '404');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/internal-transfer', 404]]);
	});

	it.each([
		['the same merchant on both sides', () => ({ toMerchantId: rl(platformId()) }), 'To Merchant: must differ from From Merchant'],
		['a From Merchant that is not a merchant ID', () => ({ fromMerchantId: rl('={{ "cust_E602dMzgjpDC" }}') }), 'From Merchant: "cust_E602dMzgjpDC" is not a valid ID'],
		['a missing To Merchant', () => ({ toMerchantId: rl('={{ "" }}') }), 'To Merchant: is required'],
		['a currency other than AED', () => ({ currency: '={{ "USD" }}' }), 'Currency: "USD" is not a supported currency'],
		['an amount of zero', () => ({ amount: 0 }), 'Amount: must be a positive number, got "0"'],
		['a fraction of a fils', () => ({ amount: 100.5 }), 'Amount: must be a whole number of the smallest currency unit, got 100.5'],
		['more decimals than AED has', () => ({ amount: '1.234', options: { decimalAmounts: true } }), 'Amount: 1.234 has more decimals than AED allows'],
		['an empty reference', () => ({ reference: '={{ "   " }}' }), 'Reference: is required'],
		['a reference over 100 characters', () => ({ reference: 'r'.repeat(101) }), 'Reference: is 101 characters long; at most 100 are allowed'],
		['Amounts in Decimal Units that is not a switch', () => ({ options: { decimalAmounts: '={{ "yes" }}' } }), 'Options > Amounts in Decimal Units: must be true or false, got "yes"'],
	])('refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, params(overrides() as IDataObject));

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});
});
