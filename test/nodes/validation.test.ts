/**
 * Bad input is refused by the node itself, before anything is sent: a NodeOperationError whose
 * message names the field as the user sees it, with the item index, and an empty request log.
 *
 * Values come from expressions where n8n's own parameter check (required fields, the ID regex of
 * a resource locator) would otherwise stop the workflow before the node runs: that is the path by
 * which bad values reach the node in real workflows (data from earlier nodes).
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { linearWorkflow, runWorkflow } from '../harness';
import { createCustomerParams, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 202 });

/** Runs the node and expects a refusal naming the field, for item `itemIndex`, with nothing sent. */
async function expectRefused(
	parameters: IDataObject,
	message: string | RegExp,
	items: IDataObject[] = [{}],
	itemIndex = 0,
): Promise<void> {
	const result = await runGlomo(sandbox, parameters, { items });
	// first what reached Glomo (so a failure shows what was sent), then the error
	expect(sandbox.requests.map(summary)).toEqual([]);
	expectOperationError(result, message, itemIndex);
}

const conversion = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'balanceConversion',
	operation: 'create',
	sourceCurrency: 'USD',
	targetCurrency: 'EUR',
	fixedSide: 'source',
	amount: 1000,
	...overrides,
});

describe('required text fields', () => {
	it('refuses a missing Name (expression resolving to nothing)', async () => {
		await expectRefused(createCustomerParams({ name: '={{ $json.name }}' }), 'Name: is required');
	});

	it('refuses a Name of only spaces', async () => {
		await expectRefused(createCustomerParams({ name: '   ' }), 'Name: is required');
	});

	it('refuses a missing Email from an expression', async () => {
		await expectRefused(createCustomerParams({ email: '={{ $json.email }}' }), 'Email: is required', [{ email: '' }]);
	});

	it('is stopped by n8n itself, before the node runs, when a required field is literally empty', async () => {
		await expect(
			runWorkflow({
				...linearWorkflow({ parameters: createCustomerParams({ name: '' }) }),
				credentials: { secretKey: sandbox.secretKey, baseUrl: sandbox.url },
			}),
		).rejects.toThrow(/workflow has issues/i);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('customer IDs', () => {
	it('refuses an ID with the wrong prefix (abc_123)', async () => {
		await expectRefused(
			{ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') },
			'Customer: "abc_123" is not a valid ID',
			[{ id: 'abc_123' }],
		);
	});

	it('refuses an empty ID', async () => {
		await expectRefused(
			{ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') },
			'Customer: is required',
			[{ id: '' }],
		);
	});

	it('refuses an ID with characters a Glomo ID never has (path injection)', async () => {
		await expectRefused(
			{ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') },
			'Customer: "cust_abc/../balances" is not a valid ID',
			[{ id: 'cust_abc/../balances' }],
		);
	});

	it('refuses a wrong-prefix ID in Update too, before the update fields are looked at', async () => {
		await expectRefused(
			{
				resource: 'customer',
				operation: 'update',
				customerId: rl('={{ $json.id }}', 'list'),
				updateFields: { email: 'new@example.com' },
			},
			'Customer: "payout_123" is not a valid ID',
			[{ id: 'payout_123' }],
		);
	});

	it('is stopped by n8n itself when a By ID value typed in the editor has the wrong prefix', async () => {
		await expect(
			runWorkflow({
				...linearWorkflow({ parameters: { resource: 'customer', operation: 'get', customerId: rl('abc_123') } }),
				credentials: { secretKey: sandbox.secretKey, baseUrl: sandbox.url },
			}),
		).rejects.toThrow(/workflow has issues/i);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('amounts', () => {
	it('refuses a non-integer amount without Amounts in Decimal Units (10.5)', async () => {
		await expectRefused(conversion({ amount: 10.5 }), 'Amount: must be a whole number of the smallest currency unit, got 10.5');
	});

	it('refuses more decimals than the currency has with Amounts in Decimal Units (1.005 USD)', async () => {
		await expectRefused(
			conversion({ amount: 1.005, options: { decimalAmounts: true } }),
			'Amount: 1.005 has more decimals than USD allows',
		);
	});

	it('checks the decimals against the To currency when the To side is fixed (0.5 with a 2-decimal currency is fine, 0.555 is not)', async () => {
		await expectRefused(
			conversion({ fixedSide: 'target', targetCurrency: 'GBP', amount: 0.555, options: { decimalAmounts: true } }),
			'Amount: 0.555 has more decimals than GBP allows',
		);
	});

	it('refuses 0', async () => {
		await expectRefused(conversion({ amount: 0 }), 'Amount: must be a positive number, got "0"');
	});

	it('refuses a negative amount', async () => {
		await expectRefused(conversion({ amount: -100 }), 'Amount: must be a positive number, got "-100"');
	});

	it('refuses a negative amount with Amounts in Decimal Units', async () => {
		await expectRefused(conversion({ amount: -1.5, options: { decimalAmounts: true } }), /^Amount: must be a positive number/);
	});

	it('refuses an amount that is not a number (from an expression)', async () => {
		await expectRefused(conversion({ amount: '={{ $json.amount }}' }), 'Amount: must be a positive number, got "ten"', [
			{ amount: 'ten' },
		]);
	});
});

describe('currencies', () => {
	it('refuses an unknown From Currency given by expression (XYZ)', async () => {
		await expectRefused(conversion({ sourceCurrency: '={{ $json.currency }}' }), 'From Currency: "XYZ" is not a supported currency', [
			{ currency: 'XYZ' },
		]);
	});

	it('refuses an unknown To Currency given by expression', async () => {
		await expectRefused(conversion({ targetCurrency: '={{ "XYZ" }}' }), 'To Currency: "XYZ" is not a supported currency');
	});

	it('refuses a real currency that balance conversions do not support (JPY), naming the allowed ones', async () => {
		const result = await runGlomo(sandbox, conversion({ targetCurrency: '={{ "JPY" }}' }));
		expectOperationError(result, 'To Currency: "JPY" is not a supported currency');
		expect(result.error?.description).toBe('Use one of USD, EUR, GBP.');
		expect(sandbox.requests).toEqual([]);
	});

	it('refuses an unknown Source Currency of FX › Get Mid-Market Rate', async () => {
		await expectRefused(
			{ resource: 'fx', operation: 'getRate', sourceCurrency: '={{ "XYZ" }}', destinationCurrency: 'INR' },
			'Source Currency: "XYZ" is not a supported currency',
		);
	});

	it('refuses an unknown Destination Currency of FX › Get Mid-Market Rate', async () => {
		await expectRefused(
			{ resource: 'fx', operation: 'getRate', sourceCurrency: 'USD', destinationCurrency: '={{ "ABC" }}' },
			'Destination Currency: "ABC" is not a supported currency',
		);
	});

	it('refuses an unknown currency in a Balance Conversion › Get Many filter', async () => {
		await expectRefused(
			{ resource: 'balanceConversion', operation: 'getAll', filters: { sourceCurrency: '={{ "XYZ" }}' } },
			'From Currency: "XYZ" is not a supported currency',
		);
	});

	it('refuses the same From and To currency', async () => {
		await expectRefused(conversion({ sourceCurrency: 'EUR', targetCurrency: 'EUR' }), 'To Currency: must differ from From Currency');
	});

	it('refuses the same currency written in different case', async () => {
		await expectRefused(
			conversion({ sourceCurrency: '={{ "gbp" }}', targetCurrency: 'GBP' }),
			'To Currency: must differ from From Currency',
		);
	});
});

describe('countries', () => {
	it('refuses an unknown Country (ZZZ)', async () => {
		await expectRefused(
			createCustomerParams({ country: '={{ $json.country }}' }),
			'Country: "ZZZ" is not an ISO 3166-1 alpha-3 country code',
			[{ country: 'ZZZ' }],
		);
	});

	it('refuses a two-letter country code', async () => {
		await expectRefused(createCustomerParams({ country: 'IN' }), 'Country: "IN" is not an ISO 3166-1 alpha-3 country code');
	});

	it('refuses a Country of only spaces, quoting it as empty', async () => {
		await expectRefused(createCustomerParams({ country: '   ' }), 'Country: "" is not an ISO 3166-1 alpha-3 country code');
	});

	it('refuses a Country an expression gives as no text (true), quoting it as empty', async () => {
		await expectRefused(createCustomerParams({ country: '={{ true }}' }), 'Country: "" is not an ISO 3166-1 alpha-3 country code');
	});

	it('refuses an unknown Nationality', async () => {
		await expectRefused(
			createCustomerParams({ additionalFields: { nationality: 'ZZZ' } }),
			'Nationality: "ZZZ" is not an ISO 3166-1 alpha-3 country code',
		);
	});
});

describe('dates', () => {
	it('refuses a Created After filter that is not a date', async () => {
		await expectRefused(
			{ resource: 'customer', operation: 'getAll', filters: { after: 'not-a-date' } },
			'Created After: "not-a-date" is not a date',
		);
	});

	it('refuses a Created Before filter that is not a date', async () => {
		await expectRefused(
			{ resource: 'balanceConversion', operation: 'getAll', filters: { before: '={{ "2024-13-01" }}' } },
			'Created Before: "2024-13-01" is not a date',
		);
	});

	it('refuses a Created After filter on a day that does not exist (2024-02-30) instead of shifting it to 1 March', async () => {
		await expectRefused(
			{ resource: 'customer', operation: 'getAll', filters: { after: '2024-02-30T00:00:00' } },
			/^Created After: "2024-02-30T00:00:00" is not a date/,
		);
	});

	it('refuses a Date of Birth that is not a date', async () => {
		await expectRefused(
			createCustomerParams({ additionalFields: { dob: '={{ "someday" }}' } }),
			'Date of Birth: "someday" is not a date',
		);
	});

	it('refuses a Date of Birth of only spaces, quoting it as empty', async () => {
		await expectRefused(createCustomerParams({ additionalFields: { dob: '   ' } }), 'Date of Birth: "" is not a date');
	});

	it('refuses a Date of Birth an expression gives as no text (true), quoting it as empty', async () => {
		await expectRefused(createCustomerParams({ additionalFields: { dob: '={{ true }}' } }), 'Date of Birth: "" is not a date');
	});

	it('refuses a Date of Birth on a day that does not exist (1990-02-30) instead of sending it', async () => {
		await expectRefused(
			createCustomerParams({ additionalFields: { dob: '1990-02-30T00:00:00' } }),
			/^Date of Birth: "1990-02-30T00:00:00" is not a date/,
		);
	});

	it('refuses a Date of Birth that is not in the past (Glomo wants one), as the other birth dates of the node are', async () => {
		const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
		await expectRefused(createCustomerParams({ additionalFields: { dob: tomorrow } }), `Date of Birth: ${tomorrow} is not in the past`);
	});
});

describe('numbers with bounds', () => {
	it('refuses Old Key Valid For (Seconds) above 7 days (700000)', async () => {
		await expectRefused(
			{ resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: 700000 },
			'Old Key Valid For (Seconds): must be a whole number from 0 to 604800, got 700000',
		);
	});

	it('refuses a negative Old Key Valid For (Seconds)', async () => {
		await expectRefused(
			{ resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: -1 },
			'Old Key Valid For (Seconds): must be a whole number from 0 to 604800, got -1',
		);
	});

	it('refuses a fractional Old Key Valid For (Seconds)', async () => {
		await expectRefused(
			{ resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: 1.5 },
			'Old Key Valid For (Seconds): must be a whole number from 0 to 604800, got 1.5',
		);
	});

	it('refuses Limit 0 (Customer › Get Many)', async () => {
		await expectRefused(
			{ resource: 'customer', operation: 'getAll', returnAll: false, limit: 0 },
			'Limit: must be a whole number of at least 1',
		);
	});

	it('refuses Limit 0 (Balance Conversion › Get Many)', async () => {
		await expectRefused(
			{ resource: 'balanceConversion', operation: 'getAll', returnAll: false, limit: 0 },
			'Limit: must be a whole number of at least 1',
		);
	});

	it('refuses a fractional Limit', async () => {
		await expectRefused({ resource: 'customer', operation: 'getAll', limit: 2.5 }, 'Limit: must be a whole number of at least 1');
	});
});

describe('item index', () => {
	it('names the item whose value is bad when every item is refused (continue on fail)', async () => {
		const result = await runGlomo(
			sandbox,
			conversion({ amount: '={{ $json.amount }}', sourceCurrency: '={{ $json.currency }}' }),
			{
				items: [
					{ amount: 10.5, currency: 'USD' },
					{ amount: 100, currency: 'XYZ' },
					{ amount: 0, currency: 'USD' },
				],
				continueOnFail: true,
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.items('Glomo')).toEqual([
			{
				json: { error: 'Amount: must be a whole number of the smallest currency unit, got 10.5' },
				pairedItem: { item: 0 },
			},
			{ json: { error: 'From Currency: "XYZ" is not a supported currency' }, pairedItem: { item: 1 } },
			{ json: { error: 'Amount: must be a positive number, got "0"' }, pairedItem: { item: 2 } },
		]);
		expect(sandbox.requests).toEqual([]);
	});
});
