/**
 * Customer › Create Bank Account and Get Bank Accounts (the payer's TPV account; a new one
 * replaces the active one) through WorkflowExecute against the sandbox; requests and outputs asserted.
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectApiError, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 818 });

const customer = () => String(sandbox.insert('customer', customerRecord()).id);

function accountParams(cust: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'customer',
		operation: 'createBankAccount',
		customerId: rl(cust),
		accountNumber: '1234567890',
		bicPrimary: '',
		bicSecondary: '',
		...overrides,
	};
}

describe('Customer › Create Bank Account', () => {
	it('POSTs account_number and the SWIFT code (spaces out, upper case) to /customer/{id}/bank-accounts and outputs the account', async () => {
		const cust = customer();
		const result = await runGlomo(sandbox, accountParams(cust, { accountNumber: '1234 5678 90', bicPrimary: 'hdfc inbb del' }));
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'POST', path: `/api/v1/customer/${cust}/bank-accounts`, query: {}, body: { account_number: '1234567890', bic_primary: 'HDFCINBBDEL' } },
		]);
		expect(result.json('Glomo')).toEqual([
			{
				id: expect.stringMatching(/^cba_/),
				account_number: '1234567890',
				bic_primary: 'HDFCINBBDEL',
				bic_secondary: null,
				bank_code: 'hdfc',
				bank_customer_id: null,
				status: 'active',
				created_at: expect.any(String),
				updated_at: expect.any(String),
			},
		]);
	});

	it('sends a local bank code (IFSC) alone, or with the SWIFT code', async () => {
		const cust = customer();
		await runGlomo(sandbox, accountParams(cust, { bicSecondary: 'icic0000001' }));
		await runGlomo(sandbox, accountParams(cust, { bicPrimary: 'ICICINBB', bicSecondary: 'ICIC0000001' }));
		expect(sandbox.requests.map((r) => r.body)).toEqual([
			{ account_number: '1234567890', bic_secondary: 'ICIC0000001' },
			{ account_number: '1234567890', bic_primary: 'ICICINBB', bic_secondary: 'ICIC0000001' },
		]);
	});

	test.each([
		['neither bank code', {}, 'SWIFT/BIC Code or Local Bank Code: is required (Glomo needs at least one of them with the account number)'],
		['no account number', { accountNumber: '={{ "" }}', bicPrimary: 'HDFCINBBDEL' }, 'Account Number: is required'],
		['an account number with signs', { accountNumber: '12-34/56', bicPrimary: 'HDFCINBBDEL' }, 'Account Number: "12-34/56" is not an account number'],
		['a SWIFT code of the wrong length', { bicPrimary: 'HDFCIN' }, 'SWIFT/BIC Code: "HDFCIN" must be 8 to 11 characters long'],
		['a local code with signs', { bicSecondary: 'HDFC-0001' }, 'Local Bank Code: "HDFC-0001" is not a bank code'],
		['a customer id of another kind', { customerId: rl('={{ "payt_abcdefgh" }}'), bicPrimary: 'HDFCINBBDEL' }, 'Customer: "payt_abcdefgh" is not a valid ID'],
	])('refuses %s by name and sends nothing', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, accountParams('cust_abcdefgh1', overrides as IDataObject));
		expectOperationError(result, message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('shows Glomo\'s 404 for a customer it does not know', async () => {
		const result = await runGlomo(sandbox, accountParams('cust_000000000000', { bicPrimary: 'HDFCINBBDEL' }));
		expectApiError(result, 'Customer not found', '404');
	});
});

describe('Customer › Get Bank Accounts', () => {
	it('GETs /customer/{id}/bank-accounts and outputs one item per account, the replaced one inactive', async () => {
		const cust = customer();
		const first = (await runGlomo(sandbox, accountParams(cust, { bicPrimary: 'HDFCINBBDEL' }))).json('Glomo')[0];
		const second = (await runGlomo(sandbox, accountParams(cust, { accountNumber: '99887766', bicSecondary: 'ICIC0000001' }))).json('Glomo')[0];
		sandbox.clearRequests();
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getBankAccounts', customerId: rl(cust) });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/customer/${cust}/bank-accounts`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([
			{ ...second, status: 'active' },
			{ ...first, status: 'inactive', updated_at: expect.any(String) },
		]);
	});

	it('outputs nothing for a customer without accounts', async () => {
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getBankAccounts', customerId: rl(customer()) });
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')).toEqual([]);
	});

	it('refuses a customer id of another kind by name and sends nothing', async () => {
		const result = await runGlomo(sandbox, { resource: 'customer', operation: 'getBankAccounts', customerId: rl('={{ "bene_abcdefgh" }}') });
		expectOperationError(result, 'Customer: "bene_abcdefgh" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});
