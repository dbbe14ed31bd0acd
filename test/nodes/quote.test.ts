/**
 * Quote › Create (POST /quotes) and Quote › Create Payout Quote (POST /payouts/quotes) against the
 * sandbox: exact bodies, one output item per quote, amounts in minor or decimal units, and what the
 * node refuses before sending.
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { priceExchange } from '../sandbox/data/reference';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 303 });

const THIRTY_MINUTES = 30 * 60_000;

const quote = (extra: IDataObject = {}): IDataObject => ({
	resource: 'quote',
	operation: 'create',
	quoteFor: 'payout',
	sourceCurrency: 'USD',
	destinationCurrency: 'INR',
	subtype: 'swift_transfer',
	fixedSide: 'source',
	amount: 10_000,
	...extra,
});

const payoutQuote = (extra: IDataObject = {}): IDataObject => ({
	resource: 'quote',
	operation: 'createPayoutQuote',
	beneficiaryId: rl('bene_5JU9yv0lGSUP'),
	sourceCurrency: 'USD',
	destinationCurrency: 'INR',
	fixedSide: 'destination',
	amount: 500_000,
	...extra,
});

/** An expires_at 30 minutes after the request arrived (give or take the time the run took). */
function expectThirtyMinutes(expiresAt: unknown, sentAt: string): void {
	const delta = Date.parse(String(expiresAt)) - Date.parse(sentAt);
	expect(delta).toBeGreaterThanOrEqual(THIRTY_MINUTES - 1_000);
	expect(delta).toBeLessThanOrEqual(THIRTY_MINUTES + 1_000);
}

describe('Quote › Create', () => {
	it('quotes a SWIFT payout from a fixed source amount: one quote, one item', async () => {
		const result = await runGlomo(sandbox, quote());

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/quotes',
				query: {},
				body: {
					resource: 'payout',
					source_currency: 'USD',
					destination_currency: 'INR',
					source_amount: 10_000,
					method: { payment_method: 'bank_transfer', subtype: 'swift_transfer' },
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const priced = priceExchange('USD', 'INR', { sourceAmount: 10_000 }, 50);
		expect(priced).toBeDefined();
		const out = result.json('Glomo');
		expect(out).toEqual([
			{
				id: expect.stringMatching(/^quote_[A-Za-z0-9]{13}$/),
				resource: 'payout',
				expires_at: expect.any(String),
				method: { payment_method: 'bank_transfer', subtype: 'swift_transfer', payment_rail: 'swift' },
				source_currency: 'USD',
				destination_currency: 'INR',
				fx_rate: priced?.rate,
				source_amount: 10_000,
				destination_amount: priced?.targetAmount,
				fees: { fx_fee: { amount: priced?.fee, currency: 'USD' }, txn_fee: { amount: 0, currency: 'USD' } },
			},
		]);
		expectThirtyMinutes(out[0].expires_at, sandbox.requests[0].at);
	});

	it('a local INR payout quote gives one item per rail (UPI, IMPS, NEFT, RTGS), all for the first item', async () => {
		const result = await runGlomo(sandbox, quote({ subtype: 'local_transfer', fixedSide: 'destination', amount: 250_000 }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({
			resource: 'payout',
			source_currency: 'USD',
			destination_currency: 'INR',
			destination_amount: 250_000,
			method: { payment_method: 'bank_transfer', subtype: 'local_transfer' },
		});
		const out = result.json('Glomo');
		expect(out.map((q) => (q.method as IDataObject).payment_rail)).toEqual(['upi', 'imps', 'neft', 'rtgs']);
		for (const q of out) expect(q).toMatchObject({ destination_amount: 250_000, method: { subtype: 'local_transfer' } });
		expect(new Set(out.map((q) => q.id)).size).toBe(4);
		expect(result.items('Glomo').map((item) => item.pairedItem)).toEqual(Array(4).fill({ item: 0 }));
	});

	it('quotes a payin paid via bank, with the amount typed in decimal units', async () => {
		const result = await runGlomo(
			sandbox,
			quote({
				quoteFor: 'payin',
				sourceCurrency: 'EUR',
				destinationCurrency: 'USD',
				paymentMethod: 'pay_via_bank',
				fixedSide: 'destination',
				amount: '100.50',
				options: { decimalAmounts: true },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({
			resource: 'payin',
			source_currency: 'EUR',
			destination_currency: 'USD',
			destination_amount: 10_050,
			method: { payment_method: 'pay_via_bank', subtype: 'swift_transfer' },
		});
		expect(result.json('Glomo')).toEqual([
			expect.objectContaining({ resource: 'payin', destination_amount: 10_050, method: expect.objectContaining({ payment_method: 'pay_via_bank' }) }),
		]);
	});

	it('a payout always asks for a bank transfer, whatever Payment Method holds from a payin setup', async () => {
		const result = await runGlomo(sandbox, quote({ paymentMethod: 'pay_via_bank' }));
		expect(result.error).toBeUndefined();
		expect((sandbox.requests[0].body as IDataObject).method).toEqual({ payment_method: 'bank_transfer', subtype: 'swift_transfer' });
	});

	describe('refuses before sending anything, naming the field', () => {
		it.each([
			[
				'a local transfer to a currency without local rails',
				{ destinationCurrency: 'USD', subtype: 'local_transfer' },
				'Transfer Type: Local Transfer is not available for USD; local rails serve INR, AED, EUR, GBP, AUD',
			],
			['a payin currency a payout list has but payins do not', { quoteFor: 'payin', destinationCurrency: '={{ "INR" }}' }, 'To Currency: "INR" is not a supported currency'],
			['a payout source currency Glomo does not pay from', { sourceCurrency: '={{ "INR" }}' }, 'From Currency: "INR" is not a supported currency'],
			['a zero amount', { amount: 0 }, 'Amount: must be a positive number, got "0"'],
			['a fractional minor-unit amount', { amount: 10.5 }, 'Amount: must be a whole number of the smallest currency unit, got 10.5'],
			['more decimals than the currency has', { amount: '={{ "1.005" }}', options: { decimalAmounts: true } }, 'Amount: 1.005 has more decimals than USD allows'],
			['a quote for something else', { quoteFor: '={{ "refund" }}' }, 'Quote For: "refund" is not one of the choices'],
			['an unknown transfer type', { subtype: '={{ "ach" }}' }, 'Transfer Type: "ach" is not one of the choices'],
		])('%s', async (_label, extra, message) => {
			const result = await runGlomo(sandbox, quote(extra as IDataObject));
			expectOperationError(result, message);
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});

describe('Quote › Create Payout Quote', () => {
	it('without a rail: one quote per rail available, as PayoutQuote items with quote_id', async () => {
		const result = await runGlomo(sandbox, payoutQuote());

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/payouts/quotes',
				query: {},
				body: { beneficiary_id: 'bene_5JU9yv0lGSUP', source_currency: 'USD', destination_currency: 'INR', destination_amount: 500_000 },
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const priced = priceExchange('USD', 'INR', { targetAmount: 500_000 }, 50);
		const out = result.json('Glomo');
		expect(out.map((q) => q.payment_rail)).toEqual(['swift', 'upi', 'imps', 'neft', 'rtgs']);
		expect(out[0]).toEqual({
			quote_id: expect.stringMatching(/^quote_[A-Za-z0-9]{13}$/),
			expires_at: expect.any(String),
			payment_rail: 'swift',
			source_currency: 'USD',
			destination_currency: 'INR',
			mid_market_rate: { currency: 'INR', rate: priced?.rate },
			source_amount: priced?.sourceAmount,
			destination_amount: 500_000,
			fees: { fx_fee: { amount: priced?.fee, currency: 'USD' }, txn_fee: { amount: 0, currency: 'USD' } },
		});
		expectThirtyMinutes(out[0].expires_at, sandbox.requests[0].at);
	});

	it('with a rail and a fixed source amount in decimal units: one quote for that rail', async () => {
		const result = await runGlomo(
			sandbox,
			payoutQuote({ fixedSide: 'source', amount: '250', options: { paymentRail: 'upi', decimalAmounts: true } }),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({
			beneficiary_id: 'bene_5JU9yv0lGSUP',
			source_currency: 'USD',
			destination_currency: 'INR',
			source_amount: 25_000,
			payment_rail: 'upi',
		});
		expect(result.json('Glomo')).toEqual([expect.objectContaining({ payment_rail: 'upi', source_amount: 25_000 })]);
	});

	it("only the rails the beneficiary's details allow: an account with an IFSC gets IMPS, NEFT and RTGS", async () => {
		const beneficiary = sandbox.insert('beneficiary', {
			status: 'active',
			bank_account: { account_number: '000111222333', local_routing_number: 'HDFC0000001', currency: 'INR' },
			upi_account: null,
		});
		const result = await runGlomo(sandbox, payoutQuote({ beneficiaryId: rl(String(beneficiary.id), 'list') }));

		expect(result.error).toBeUndefined();
		expect((sandbox.requests[0].body as IDataObject).beneficiary_id).toBe(beneficiary.id);
		expect(result.json('Glomo').map((q) => q.payment_rail)).toEqual(['imps', 'neft', 'rtgs']);
	});

	it("passes on Glomo's 400 for a beneficiary still under review", async () => {
		const beneficiary = sandbox.insert('beneficiary', { status: 'pending', bank_account: { account_number: '1', swift_code: 'HDFCINBB' } });
		const result = await runGlomo(sandbox, payoutQuote({ beneficiaryId: rl(String(beneficiary.id)) }));
		expectApiError(result, 'Beneficiary verification is pending', '400');
		expect(sandbox.requests).toHaveLength(1);
	});

	describe('refuses before sending anything, naming the field', () => {
		it.each([
			[
				'an INR rail to another currency',
				{ destinationCurrency: 'EUR', options: { paymentRail: 'neft' } },
				'Options > Payment Rail: NEFT (INR) pays only in INR, but To Currency is EUR',
			],
			['a rail the payout-quote call does not take', { options: { paymentRail: '={{ "sepa" }}' } }, 'Options > Payment Rail: "sepa" is not one of the choices'],
			['a beneficiary ID of another kind', { beneficiaryId: rl('={{ "cust_5JU9yv0lGSUP" }}') }, 'Beneficiary: "cust_5JU9yv0lGSUP" is not a valid ID'],
			['a currency payouts do not arrive in', { destinationCurrency: '={{ "JPY" }}' }, 'To Currency: "JPY" is not a supported currency'],
			['a negative amount', { amount: '={{ -5 }}' }, 'Amount: must be a positive number, got "-5"'],
			['an amount written with an exponent', { amount: '={{ "1e5" }}' }, 'Amount: must be a positive number, got "1e5"'],
			['an unknown fixed side', { fixedSide: '={{ "both" }}' }, 'Fixed Side: "both" is not one of the choices'],
		])('%s', async (_label, extra, message) => {
			const result = await runGlomo(sandbox, payoutQuote(extra as IDataObject));
			expectOperationError(result, message);
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});
