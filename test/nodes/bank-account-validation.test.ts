/**
 * Bank Account Validation: Create (POST /bank_account_validation, an account in full or a saved
 * beneficiary) and Get Many (GET /bank_account_validation), end-to-end against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 818 });

function detailsParams(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'bankAccountValidation',
		operation: 'create',
		validateBy: 'details',
		country: 'IND',
		holderName: 'John Doe',
		accountNumber: '987654321001',
		swiftCode: 'YESBINBB',
		localRoutingNumber: 'YESB0000002',
		...overrides,
	};
}

/** a saved beneficiary (v2 shape), straight into the sandbox */
function beneficiary(overrides: IDataObject = {}): IDataObject {
	return sandbox.insert('beneficiary', {
		name: 'Asha Rao',
		type: 'individual',
		category: 'payout',
		status: 'active',
		address: { address_line1: '12 MG Road', city: 'Bengaluru', state: 'Karnataka', country_code: 'IND', postal_code: '560001' },
		bank_account: { account_number: '50100123456789', local_routing_number: 'HDFC0001234', currency: 'INR', name: 'HDFC Bank' },
		upi_account: null,
		...overrides,
	}) as IDataObject;
}

const VALIDATION = {
	id: expect.stringMatching(/^aval_[A-Za-z0-9]+$/),
	status: 'success',
	validation_message: 'The account is registered to John Doe',
	fee_charged: { amount: 25, currency: 'USD' },
	created_at: expect.any(String),
};

describe('Bank Account Validation › Create', () => {
	it('POSTs the account (country, holder, number, bic_primary, bic_secondary) and outputs the validation', async () => {
		const result = await runGlomo(
			sandbox,
			detailsParams({ country: '={{ $json.country }}', accountNumber: ' 9876 5432 1001 ', swiftCode: 'yesbinbb', localRoutingNumber: 'yesb0000002' }),
			{ items: [{ country: 'ind' }] },
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/bank_account_validation',
				query: {},
				body: {
					country: 'IND',
					holder_name: 'John Doe',
					account_number: '987654321001',
					bic_primary: 'YESBINBB',
					bic_secondary: 'YESB0000002',
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(200);
		expect(result.json('Glomo')).toEqual([VALIDATION]);
	});

	it('validates a saved beneficiary\'s account by its id', async () => {
		const bene = beneficiary();
		const result = await runGlomo(sandbox, {
			resource: 'bankAccountValidation',
			operation: 'create',
			validateBy: 'beneficiary',
			beneficiaryId: rl(String(bene.id)),
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: '/api/v1/bank_account_validation', query: {}, body: { id: bene.id } },
		]);
		expect(result.json('Glomo')).toEqual([{ ...VALIDATION, validation_message: 'The account is registered to Asha Rao' }]);
	});

	it('outputs a validation whose process failed as it is (status failed: the bank could not be asked)', async () => {
		const result = await runGlomo(sandbox, detailsParams({ swiftCode: 'ZZZZINBB', localRoutingNumber: 'ZZZZ0000001' }));
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')).toEqual([
			{ ...VALIDATION, status: 'failed', validation_message: 'The bank could not be reached to validate this account', fee_charged: { amount: 0, currency: 'USD' } },
		]);
	});

	it('fails with "Beneficiary not found" (404) for an unknown beneficiary', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'bankAccountValidation',
			operation: 'create',
			validateBy: 'beneficiary',
			beneficiaryId: rl('bene_doesNotExist1'),
		});
		expectApiError(result, 'Beneficiary not found', '404');
		expect(sandbox.requests).toHaveLength(1);
	});

	it("fails with Glomo's 400 for a beneficiary paid by UPI (no bank account)", async () => {
		const bene = beneficiary({ bank_account: null, upi_account: { upi_id: 'asha@okhdfcbank' } });
		const result = await runGlomo(sandbox, {
			resource: 'bankAccountValidation',
			operation: 'create',
			validateBy: 'beneficiary',
			beneficiaryId: rl(String(bene.id)),
		});
		expectApiError(result, 'Beneficiary has no bank account to validate', '400');
	});

	it.each<[string, IDataObject, string]>([
		['no holder name', { holderName: ' ' }, 'Holder Name: is required'],
		['no account number (expression)', { accountNumber: '={{ "" }}' }, 'Account Number: is required'],
		['no local routing code (expression)', { localRoutingNumber: '={{ "" }}' }, 'Local Routing Code: is required'],
		['a country that is no ISO code', { country: '={{ "India" }}' }, 'Country: "India" is not an ISO 3166-1 alpha-3 country code'],
		['a SWIFT code that is too short', { swiftCode: 'YESBIN' }, 'SWIFT / BIC Code: "YESBIN" must be 8 to 11 characters long'],
		['a SWIFT code without its 6 letters', { swiftCode: 'YESB0000002' }, 'SWIFT / BIC Code: "YESB0000002" is not a SWIFT/BIC code'],
		['a choice that is not offered', { validateBy: '={{ "iban" }}', beneficiaryId: rl('bene_5JU9yv0lGSUP') }, 'Validate: "iban" is not one of the choices'],
		['a beneficiary ID of another kind', { validateBy: 'beneficiary', beneficiaryId: rl('={{ "cust_5JU9yv0lGSUP" }}') }, 'Beneficiary: "cust_5JU9yv0lGSUP" is not a valid ID'],
	])('refuses %s before sending', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, detailsParams(overrides));
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, message);
	});
});

describe('Bank Account Validation › Get Many', () => {
	it('sends beneficiary_account_id and country and outputs the validations, newest first', async () => {
		const bene = beneficiary();
		for (let n = 0; n < 2; n++) {
			await runGlomo(sandbox, { resource: 'bankAccountValidation', operation: 'create', validateBy: 'beneficiary', beneficiaryId: rl(String(bene.id)) });
		}
		await runGlomo(sandbox, detailsParams());
		const mine = sandbox.requests.filter((r) => (r.body as IDataObject).id === bene.id).length;
		expect(mine).toBe(2);
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, {
			resource: 'bankAccountValidation',
			operation: 'getAll',
			returnAll: true,
			filters: { beneficiaryId: rl(String(bene.id), 'list'), country: 'IND' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/bank_account_validation',
				query: { beneficiary_account_id: String(bene.id), country: 'IND', per_page: '100', page: '1' },
				body: undefined,
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		const out = result.json('Glomo');
		expect(out).toHaveLength(2);
		for (const row of out) expect(row).toEqual({ ...VALIDATION, validation_message: 'The account is registered to Asha Rao' });
		expect(String(out[0].created_at) > String(out[1].created_at)).toBe(true);
	});

	it('leaves out a Beneficiary filter added but left empty', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'bankAccountValidation',
			operation: 'getAll',
			limit: 1,
			filters: { beneficiaryId: rl('', 'list') },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].query).toEqual({ per_page: '1', page: '1' });
	});

	it('sends the created range and a limit', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'bankAccountValidation',
			operation: 'getAll',
			limit: 3,
			filters: { after: '2024-01-01T00:00:00Z', country: '={{ "ind" }}' },
		});
		expect(result.error).toBeUndefined();
		const { before, ...query } = sandbox.requests[0].query;
		expect(query).toEqual({ after: '2024-01-01T00:00:00.000Z', country: 'IND', per_page: '3', page: '1' });
		expect(before).toBeUndefined();
		expect(result.json('Glomo').length).toBeLessThanOrEqual(3);
	});

	it.each<[string, IDataObject, string]>([
		['a beneficiary ID of another kind', { beneficiaryId: rl('={{ "aval_5JU9yv0lGSUP" }}') }, 'Filters > Beneficiary: "aval_5JU9yv0lGSUP" is not a valid ID'],
		['a country that is no ISO code', { country: '={{ "IN" }}' }, 'Filters > Country: "IN" is not an ISO 3166-1 alpha-3 country code'],
	])('refuses %s before sending', async (_what, filters, message) => {
		const result = await runGlomo(sandbox, { resource: 'bankAccountValidation', operation: 'getAll', filters });
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, message);
	});
});
