/**
 * Beneficiary: the v2 operations (Create, Get, Get Many, Mock Review), the legacy v1 ones and the
 * "From List" search, run end-to-end through WorkflowExecute against the sandbox: the exact
 * request (v1 vs v2 path, query, body), the output, and every check the node makes before sending.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 717 });

// ---------------------------------------------------------------------------------------------
// a webhook receiver, so the sandbox's beneficiary events can be seen
// ---------------------------------------------------------------------------------------------

let receiver: http.Server;
beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			res.writeHead(200, { Connection: 'close' });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
	sandbox.setWebhookTargets([`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/glomo`], 'whsec_beneficiary_tests');
});
afterAll(async () => {
	sandbox.setWebhookTargets([], '');
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** The events delivered about one beneficiary, as [event_type, data.status], in delivery order. */
function eventsOf(id: string): Array<[string, unknown]> {
	return sandbox.webhooks
		.map((hook) => JSON.parse(hook.body) as IDataObject)
		.filter((event) => event.entity_type === 'beneficiary' && (event.data as IDataObject).id === id)
		.map((event) => [String(event.event_type), (event.data as IDataObject).status]);
}

async function waitForEvents(id: string, count: number): Promise<Array<[string, unknown]>> {
	const start = Date.now();
	while (eventsOf(id).length < count) {
		if (Date.now() - start > 5000) throw new Error(`timed out waiting for ${count} event(s) of ${id}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return eventsOf(id);
}

// ---------------------------------------------------------------------------------------------
// parameters
// ---------------------------------------------------------------------------------------------

let seq = 0;
/** a fresh account number per call (the sandbox refuses a duplicate account) */
function accountNumber(digits = 10): string {
	seq += 1;
	return String(10 ** (digits - 1) + seq);
}

function setReview(enabled: boolean): void {
	sandbox.setAccount({ beneficiaryReview: enabled });
}

/** a valid Create (v2) of a SWIFT payout beneficiary, to be overridden per test */
function createParams(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'beneficiary',
		operation: 'create',
		category: 'payout',
		beneficiaryName: 'Acme GmbH',
		beneficiaryType: 'business',
		addressLine1: 'Unter den Linden 1',
		city: 'Berlin',
		state: 'Berlin',
		country: 'DEU',
		postalCode: '10117',
		paymentMethod: 'swift',
		accountNumber: accountNumber(),
		swiftCode: 'DEUTDEFF',
		accountCurrency: 'EUR',
		...overrides,
	};
}

/** a valid LRS beneficiary: a US brokerage account (ABA), with the bank and intermediate bank */
function lrsParams(overrides: IDataObject = {}): IDataObject {
	return createParams({
		category: 'lrs',
		beneficiaryName: 'Interactive Brokers LLC',
		addressLine1: 'One Pickwick Plaza',
		city: 'Greenwich',
		state: 'CT',
		country: 'USA',
		postalCode: '06830',
		paymentMethod: 'aba',
		swiftCode: '',
		localRoutingNumber: '021000021',
		bankName: 'JPMorgan Chase Bank',
		bankAddress: {
			address: { addressLine1: '383 Madison Avenue', city: 'New York', state: 'NY', country: 'USA', postalCode: '10179' },
		},
		intermediateBankSwiftCode: 'CITIUS33',
		...overrides,
	});
}

const BERLIN = { address_line1: 'Unter den Linden 1', city: 'Berlin', state: 'Berlin', country_code: 'DEU', postal_code: '10117' };
const DEUTSCHE_BANK = {
	address_line1: '1 Deutsche Bank Plaza',
	city: 'Frankfurt',
	state: 'Hesse',
	country_code: 'DEU',
	postal_code: '60325',
};

async function created(parameters: IDataObject): Promise<IDataObject> {
	const result = await runGlomo(sandbox, parameters);
	expect(result.error).toBeUndefined();
	sandbox.clearRequests();
	return result.json('Glomo')[0];
}

// ---------------------------------------------------------------------------------------------
// Create (v2)
// ---------------------------------------------------------------------------------------------

describe('Beneficiary › Create (v2)', () => {
	it('POSTs the nested v2 body to /v2/beneficiaries and outputs the beneficiary (SWIFT payout, created active)', async () => {
		const number = accountNumber();
		const result = await runGlomo(sandbox, createParams({ accountNumber: ` ${number} `, swiftCode: 'deutdeff' }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v2/beneficiaries',
				query: {},
				body: {
					category: 'payout',
					beneficiary: { name: 'Acme GmbH', type: 'business', address: BERLIN },
					bank_account: { account_number: number, swift_code: 'DEUTDEFF', currency: 'EUR' },
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(201);

		const out = result.json('Glomo');
		expect(out).toEqual([
			{
				id: expect.stringMatching(/^bene_[A-Za-z0-9]+$/),
				name: 'Acme GmbH',
				type: 'business',
				category: 'payout',
				status: 'active',
				// Glomo names it "{beneficiary name} - {bank name}" when no nickname is given
				nickname: 'Acme GmbH - Deutsche Bank',
				address: BERLIN,
				bank_account: {
					account_number: number,
					// resolved from the SWIFT code, as Glomo does
					name: 'Deutsche Bank',
					swift_code: 'DEUTDEFF',
					currency: 'EUR',
					address: DEUTSCHE_BANK,
					intermediate_bank: null,
				},
				upi_account: null,
				documents: [],
				notes: null,
				created_at: expect.any(String),
				updated_at: expect.any(String),
			},
		]);
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });
		// created active: the account's review is off, and Glomo says so with beneficiary.active
		expect(await waitForEvents(String(out[0].id), 1)).toEqual([['active', 'active']]);
	});

	it('sends the optional fields: email, phone, nickname, address line 2, documents, bank overrides, intermediate bank', async () => {
		const number = accountNumber();
		const result = await runGlomo(
			sandbox,
			createParams({
				accountNumber: number,
				accountCurrency: 'USD',
				swiftCode: 'CHASUS33',
				bankName: 'Chase Manhattan',
				bankAddress: {
					address: { addressLine1: '270 Park Avenue', addressLine2: 'Floor 12', city: 'New York', state: 'NY', country: 'USA', postalCode: '10017' },
				},
				intermediateBankSwiftCode: 'citius33',
				intermediateBank: { name: 'Citibank', country: 'USA', accountNumber: '36838271' },
				additionalFields: {
					addressLine2: 'Haus B',
					email: 'payables@acme.example',
					phone: '+49-30-1234567',
					nickname: 'Acme (USD)',
					documentIds: 'doc_5JU9yv0lGSUP, doc_7Hk2pq9LmNoP',
				},
			}),
		);

		expect(result.error).toBeUndefined();
		const bankAddress = { address_line1: '270 Park Avenue', address_line2: 'Floor 12', city: 'New York', state: 'NY', country_code: 'USA', postal_code: '10017' };
		const bankAccount = {
			account_number: number,
			swift_code: 'CHASUS33',
			currency: 'USD',
			name: 'Chase Manhattan',
			address: bankAddress,
			intermediate_bank: { name: 'Citibank', country: 'USA', swift_code: 'CITIUS33', account_number: '36838271' },
		};
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v2/beneficiaries',
				query: {},
				body: {
					category: 'payout',
					beneficiary: {
						name: 'Acme GmbH',
						type: 'business',
						email: 'payables@acme.example',
						phone: '+49-30-1234567',
						nickname: 'Acme (USD)',
						address: { ...BERLIN, address_line2: 'Haus B' },
						documents: ['doc_5JU9yv0lGSUP', 'doc_7Hk2pq9LmNoP'],
					},
					bank_account: bankAccount,
				},
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({
			email: 'payables@acme.example',
			phone: '+49-30-1234567',
			nickname: 'Acme (USD)',
			documents: ['doc_5JU9yv0lGSUP', 'doc_7Hk2pq9LmNoP'],
			bank_account: bankAccount,
		});
	});

	it.each([
		[
			'India IFSC: INR, the IFSC upper-cased',
			{ paymentMethod: 'ifsc', localRoutingNumber: 'hdfc0001234', country: 'IND' },
			14,
			{ local_routing_number: 'HDFC0001234', currency: 'INR' },
			'HDFC Bank',
		],
		[
			'UK sort code: GBP, the sort code without dashes',
			{ paymentMethod: 'sortCode', localRoutingNumber: '12-34-56', country: 'GBR' },
			8,
			{ local_routing_number: '123456', currency: 'GBP' },
			'Sandbox Bank 123456',
		],
		[
			'US ABA: USD',
			{ paymentMethod: 'aba', localRoutingNumber: '021000021', country: 'USA' },
			12,
			{ local_routing_number: '021000021', currency: 'USD' },
			'Sandbox Bank 021000021',
		],
		[
			'Australia BSB: AUD, the BSB without its dash',
			{ paymentMethod: 'bsb', localRoutingNumber: '062-000', country: 'AUS' },
			9,
			{ local_routing_number: '062000', currency: 'AUD' },
			'Sandbox Bank 062000',
		],
		[
			'another local routing code: the currency chosen',
			{ paymentMethod: 'otherLocal', localRoutingNumber: '0123', accountCurrency: 'SGD', country: 'SGP' },
			10,
			{ local_routing_number: '0123', currency: 'SGD' },
			'Sandbox Bank 0123',
		],
	])('%s: only local_routing_number, no swift_code', async (_what, overrides, digits, expected, bankName) => {
		const number = accountNumber(digits);
		// a SWIFT code left in the (hidden) SWIFT field must not be sent
		const result = await runGlomo(sandbox, createParams({ ...overrides, accountNumber: number }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const body = sandbox.requests[0].body as IDataObject;
		expect(body.bank_account).toEqual({ account_number: number, ...expected });
		expect(body.upi_account).toBeUndefined();
		expect(result.json('Glomo')[0]).toMatchObject({ status: 'active', bank_account: { ...expected, name: bankName } });
	});

	it('IBAN (AED): the IBAN without spaces as account_number, neither swift_code nor local_routing_number', async () => {
		const result = await runGlomo(
			sandbox,
			createParams({ paymentMethod: 'iban', iban: 'AE07 0331 2345 6789 0123 456', accountCurrency: 'AED', country: 'ARE' }),
		);

		expect(result.error).toBeUndefined();
		expect((sandbox.requests[0].body as IDataObject).bank_account).toEqual({ account_number: 'AE070331234567890123456', currency: 'AED' });
		expect(result.json('Glomo')[0]).toMatchObject({
			status: 'active',
			bank_account: { account_number: 'AE070331234567890123456', currency: 'AED', address: { country_code: 'ARE' } },
		});
	});

	it('UPI: upi_account only, no bank_account', async () => {
		const result = await runGlomo(
			sandbox,
			createParams({
				paymentMethod: 'upi',
				upiId: 'asha.rao@okhdfcbank',
				beneficiaryName: 'Asha Rao',
				beneficiaryType: 'individual',
				addressLine1: '12 MG Road',
				city: 'Bengaluru',
				state: 'Karnataka',
				country: 'IND',
				postalCode: '560001',
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v2/beneficiaries',
				query: {},
				body: {
					category: 'payout',
					beneficiary: {
						name: 'Asha Rao',
						type: 'individual',
						address: { address_line1: '12 MG Road', city: 'Bengaluru', state: 'Karnataka', country_code: 'IND', postal_code: '560001' },
					},
					upi_account: { upi_id: 'asha.rao@okhdfcbank' },
				},
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({
			status: 'active',
			bank_account: null,
			upi_account: { upi_id: 'asha.rao@okhdfcbank' },
			nickname: 'Asha Rao - UPI',
		});
	});

	it('LRS: local routing code, optional 8-character SWIFT, bank name and address, intermediate bank', async () => {
		const number = accountNumber(12);
		const result = await runGlomo(
			sandbox,
			lrsParams({ accountNumber: number, swiftCode: 'chasus33', intermediateBank: { name: 'Citibank N.A.', country: 'USA' } }),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v2/beneficiaries',
				query: {},
				body: {
					category: 'lrs',
					beneficiary: {
						name: 'Interactive Brokers LLC',
						type: 'business',
						address: { address_line1: 'One Pickwick Plaza', city: 'Greenwich', state: 'CT', country_code: 'USA', postal_code: '06830' },
					},
					bank_account: {
						account_number: number,
						local_routing_number: '021000021',
						swift_code: 'CHASUS33',
						currency: 'USD',
						name: 'JPMorgan Chase Bank',
						address: { address_line1: '383 Madison Avenue', city: 'New York', state: 'NY', country_code: 'USA', postal_code: '10179' },
						intermediate_bank: { name: 'Citibank N.A.', country: 'USA', swift_code: 'CITIUS33' },
					},
				},
			},
		]);
		expect(result.json('Glomo')[0]).toMatchObject({ category: 'lrs', status: 'active', nickname: 'Interactive Brokers LLC - JPMorgan Chase Bank' });
	});

	describe('the JSON field', () => {
		afterEach(() => {
			sandbox.setAccount({ beneficiaryNotes: [] });
		});

		it('is merged into the body, object by object: the notes an account requires', async () => {
			sandbox.setAccount({ beneficiaryNotes: ['tax_identification_number'] });
			const number = accountNumber();

			// without the note, Glomo refuses with 422
			const refused = await runGlomo(sandbox, createParams({ accountNumber: number }));
			expectApiError(refused, 'Validation failed: Notes tax_identification_number is required', '422');
			expect(sandbox.requests).toHaveLength(1);
			sandbox.clearRequests();

			const json = JSON.stringify({
				notes: { tax_identification_number: 'DE123456789', vendor_ref: 'V-42' },
				beneficiary: { email: 'ap@acme.example' },
				bank_account: { intermediate_bank: { name: 'Commerzbank' } },
			});
			const result = await runGlomo(sandbox, createParams({ accountNumber: number, additionalJson: json }));

			expect(result.error).toBeUndefined();
			expect(sandbox.requests.map(summary)).toEqual([
				{
					method: 'POST',
					path: '/api/v2/beneficiaries',
					query: {},
					body: {
						category: 'payout',
						beneficiary: { name: 'Acme GmbH', type: 'business', address: BERLIN, email: 'ap@acme.example' },
						bank_account: {
							account_number: number,
							swift_code: 'DEUTDEFF',
							currency: 'EUR',
							intermediate_bank: { name: 'Commerzbank' },
						},
						notes: { tax_identification_number: 'DE123456789', vendor_ref: 'V-42' },
					},
				},
			]);
			expect(result.json('Glomo')[0]).toMatchObject({
				email: 'ap@acme.example',
				notes: { tax_identification_number: 'DE123456789', vendor_ref: 'V-42' },
				bank_account: { intermediate_bank: { name: 'Commerzbank' } },
			});
		});

		it('takes an object from an expression as well as JSON text', async () => {
			const result = await runGlomo(
				sandbox,
				createParams({ additionalJson: '={{ { notes: { source: $json.source } } }}' }),
				{ items: [{ source: 'erp' }] },
			);
			expect(result.error).toBeUndefined();
			expect((sandbox.requests[0].body as IDataObject).notes).toEqual({ source: 'erp' });
		});

		it('an empty object or blank sends nothing extra', async () => {
			for (const additionalJson of ['{}', '  ']) {
				sandbox.clearRequests();
				const result = await runGlomo(sandbox, createParams({ additionalJson }));
				expect(result.error).toBeUndefined();
				expect(Object.keys(sandbox.requests[0].body as IDataObject)).toEqual(['category', 'beneficiary', 'bank_account']);
			}
		});
	});

	it("fails with Glomo's 422 for an account it already has (same number, type and transfer method)", async () => {
		const number = accountNumber();
		await created(createParams({ accountNumber: number }));

		const result = await runGlomo(sandbox, createParams({ accountNumber: number, beneficiaryName: 'Acme Again' }));

		expectApiError(result, 'Validation failed: Business already had this Account Number, Account Type and Transfer Method', '422');
		expect(sandbox.requests).toHaveLength(1);
	});

	it('fails with 400 when Glomo cannot resolve the bank, and works once the bank name and address are given', async () => {
		const number = accountNumber();
		const unresolved = await runGlomo(sandbox, createParams({ accountNumber: number, swiftCode: 'ZZZZDEFF' }));
		expectApiError(
			unresolved,
			'Could not resolve bank details from the swift_code/local_routing_number provided. Send bank_account.name and bank_account.address, or correct the identifier.',
			'400',
		);
		sandbox.clearRequests();

		const result = await runGlomo(
			sandbox,
			createParams({
				accountNumber: number,
				swiftCode: 'ZZZZDEFF',
				bankName: 'Kleine Bank',
				bankAddress: { address: { addressLine1: 'Hauptstr. 5', city: 'Bonn', state: 'NRW', country: 'DEU', postalCode: '53111' } },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Glomo')[0]).toMatchObject({
			bank_account: { name: 'Kleine Bank', address: { address_line1: 'Hauptstr. 5', city: 'Bonn', country_code: 'DEU' } },
		});
	});

	describe('checks before sending, each naming the field (nothing is sent)', () => {
		it.each<[string, IDataObject, string | RegExp]>([
			['no name', { beneficiaryName: '  ' }, 'Beneficiary Name: is required'],
			['no postal code (expression)', { postalCode: '={{ "" }}' }, 'Postal Code: is required'],
			['a country that is no ISO code (expression)', { country: '={{ "Germany" }}' }, 'Country: "Germany" is not an ISO 3166-1 alpha-3 country code'],
			['a payment method that is not offered (expression)', { paymentMethod: '={{ "cheque" }}', iban: 'x', upiId: 'x', localRoutingNumber: 'x' }, 'Payment Method / Account Type: "cheque" is not one of the choices'],
			['a SWIFT code that is too short', { swiftCode: 'DEUTDE' }, 'SWIFT / BIC Code: "DEUTDE" must be 8 to 11 characters long'],
			['a SWIFT code that is too long', { swiftCode: 'DEUTDEFF5001' }, 'SWIFT / BIC Code: "DEUTDEFF5001" must be 8 to 11 characters long'],
			['a SWIFT code without its 6 leading letters', { swiftCode: 'DEU1DEFF' }, 'SWIFT / BIC Code: "DEU1DEFF" is not a SWIFT/BIC code'],
			['no SWIFT code (expression)', { swiftCode: '={{ "" }}' }, 'SWIFT / BIC Code: is required'],
			['no account number (expression)', { accountNumber: '={{ " " }}' }, 'Account Number: is required'],
			['an account number with signs', { accountNumber: '1234-5678' }, 'Account Number: "1234-5678" must be 4 to 34 letters or digits'],
			['an IFSC without its fifth-place zero', { paymentMethod: 'ifsc', accountNumber: '50100123456789', localRoutingNumber: 'HDFC1001234' }, 'IFSC: "HDFC1001234" is not an IFSC'],
			['an Indian account number that is too short', { paymentMethod: 'ifsc', accountNumber: '12345', localRoutingNumber: 'HDFC0001234' }, 'Account Number: "12345" must be 9 to 18 digits'],
			['a sort code of 5 digits', { paymentMethod: 'sortCode', accountNumber: '31926819', localRoutingNumber: '12-34-5' }, 'Sort Code: "12-34-5" is not a sort code'],
			['a UK account number of 7 digits', { paymentMethod: 'sortCode', accountNumber: '3192681', localRoutingNumber: '123456' }, 'Account Number: "3192681" must be 8 digits'],
			['an ABA number with a wrong check digit', { paymentMethod: 'aba', accountNumber: '000123456789', localRoutingNumber: '021000022' }, 'ABA Routing Number: "021000022" fails the ABA check digit'],
			['an ABA number of 8 digits', { paymentMethod: 'aba', accountNumber: '000123456789', localRoutingNumber: '02100002' }, 'ABA Routing Number: "02100002" is not an ABA routing number'],
			['a BSB of 5 digits', { paymentMethod: 'bsb', accountNumber: '123456789', localRoutingNumber: '06200' }, 'BSB: "06200" is not a BSB'],
			['no local routing code (expression)', { paymentMethod: 'otherLocal', accountNumber: '123456', localRoutingNumber: '={{ "" }}' }, 'Local Routing Code: is required'],
			['an IBAN with wrong check digits', { paymentMethod: 'iban', iban: 'DE89370400440532013001' }, 'IBAN: "DE89370400440532013001" fails the IBAN check digits'],
			['no IBAN at all', { paymentMethod: 'iban', iban: 'not an iban' }, 'IBAN: "not an iban" is not an IBAN'],
			['an AED account with a German IBAN', { paymentMethod: 'iban', iban: 'DE89370400440532013000', accountCurrency: 'AED' }, 'IBAN: "DE89370400440532013000" does not start with AE'],
			['an IBAN account in USD (expression)', { paymentMethod: 'iban', iban: 'DE89370400440532013000', accountCurrency: '={{ "USD" }}' }, 'Account Currency: "USD" is not a supported currency'],
			['a UPI ID without its handle', { paymentMethod: 'upi', upiId: 'asha.rao' }, 'UPI ID (VPA): "asha.rao" is not a UPI ID'],
			['an email that is no address', { additionalFields: { email: 'payables at acme' } }, 'Additional Fields > Email: "payables at acme" is not an email address'],
			['a phone without country code', { additionalFields: { phone: '9023456789' } }, 'Additional Fields > Phone: "9023456789" is not a phone number with its country code'],
			['a document ID of another kind', { additionalFields: { documentIds: 'doc_5JU9yv0lGSUP, cust_5JU9yv0lGSUP' } }, 'Additional Fields > Document IDs: "cust_5JU9yv0lGSUP" is not a valid ID'],
			['a bank address without its city', { bankAddress: { address: { addressLine1: '1 Main St', state: 'NY', country: 'USA', postalCode: '10001' } } }, 'Bank Address > City: is required once a bank address is given'],
			['an intermediate SWIFT code that is too short', { intermediateBankSwiftCode: 'CITIUS' }, 'Intermediate Bank SWIFT Code: "CITIUS" must be 8 to 11 characters long'],
			['LRS with a SWIFT-only account', { ...lrsParams(), paymentMethod: 'swift' }, 'Payment Method / Account Type: LRS beneficiaries need a local routing code'],
			['LRS with a UPI ID', { ...lrsParams(), paymentMethod: 'upi', upiId: 'a@ok' }, 'Payment Method / Account Type: LRS beneficiaries need a local routing code'],
			['LRS without the bank name (expression)', { ...lrsParams(), bankName: '={{ "" }}' }, 'Bank Name: is required for LRS beneficiaries'],
			['LRS without the bank address', { ...lrsParams(), bankAddress: {} }, 'Bank Address: is required for LRS beneficiaries'],
			['LRS without the intermediate SWIFT code (expression)', { ...lrsParams(), intermediateBankSwiftCode: '={{ "" }}' }, 'Intermediate Bank SWIFT Code: is required for LRS beneficiaries'],
			['LRS with an 11-character SWIFT code', { ...lrsParams(), swiftCode: 'CHASUS33XXX' }, 'SWIFT / BIC Code: "CHASUS33XXX" must be exactly 8 characters for LRS'],
			['JSON that does not parse', { additionalJson: '{"notes": {"a": 1,}}' }, /^Additional Fields \(JSON\): is not valid JSON \(.+\)$/],
			['JSON that is a list', { additionalJson: '[{"notes": {}}]' }, 'Additional Fields (JSON): must be a JSON object'],
			['JSON that sets a field the form sets', { additionalJson: '{"bank_account": {"swift_code": "COBADEFF"}}' }, 'Additional Fields (JSON): "bank_account.swift_code" is already set by the form'],
			['JSON that replaces an object the form sets', { additionalJson: '{"beneficiary": "Acme"}' }, 'Additional Fields (JSON): "beneficiary" is already set by the form'],
			[
				'JSON that adds a local routing number to a SWIFT account',
				{ additionalJson: '{"bank_account": {"local_routing_number": "10070000"}}' },
				'Additional Fields (JSON): gives both bank_account.swift_code and bank_account.local_routing_number: a payout beneficiary takes exactly one (EUR and AED IBAN accounts take neither)',
			],
			[
				'JSON that adds a UPI ID to a bank account',
				{ additionalJson: '{"upi_account": {"upi_id": "a@ok"}}' },
				'Additional Fields (JSON): gives a beneficiary both bank_account and upi_account: send one or the other',
			],
			[
				'JSON that adds a bad SWIFT code to an IBAN account',
				{ paymentMethod: 'iban', iban: 'DE89370400440532013000', additionalJson: '{"bank_account": {"swift_code": "DEUT"}}' },
				'Additional Fields (JSON): bank_account.swift_code: "DEUT" must be 8 to 11 characters long',
			],
			['JSON notes that are not text', { additionalJson: '{"notes": {"count": 3}}' }, 'Additional Fields (JSON): notes.count must be text'],
			['JSON that reaches for a prototype', { additionalJson: '{"notes": {"__proto__": {"admin": "yes"}}}' }, 'Additional Fields (JSON): may not contain the key "notes.__proto__"'],
		])('%s', async (_what, overrides, message) => {
			const result = await runGlomo(sandbox, createParams(overrides));

			expect(sandbox.requests).toEqual([]);
			expectOperationError(result, message);
		});
	});

	describe('shows only the fields that apply to the category and payment method', () => {
		const description = new Glomo().description;
		const node = { name: 'Glomo', type: 'n8n-nodes-glomo.glomo', typeVersion: 1, parameters: {} } as unknown as INode;
		const properties = description.properties as INodeProperties[];

		/** the fields n8n's editor shows (n8n's own displayParameter), as "name: label" */
		function shown(values: IDataObject): string[] {
			const all = { resource: 'beneficiary', operation: 'create', ...values };
			return properties
				.filter((property) => !['resource', 'operation'].includes(property.name))
				.filter((property) => NodeHelpers.displayParameter(all as never, property, node, description))
				.map((property) => `${property.name}: ${property.displayName}`);
		}

		const common = [
			'category: Category',
			'beneficiaryName: Beneficiary Name',
			'beneficiaryType: Beneficiary Type',
			'addressLine1: Address Line 1',
			'city: City',
			'state: State',
			'country: Country',
			'postalCode: Postal Code',
			'paymentMethod: Payment Method / Account Type',
		];
		const tail = ['additionalFields: Additional Fields', 'additionalJson: Additional Fields (JSON)'];
		const bankOverrides = ['bankName: Bank Name', 'bankAddress: Bank Address'];

		it.each<[string, IDataObject, string[]]>([
			[
				'payout, SWIFT',
				{ category: 'payout', paymentMethod: 'swift' },
				[
					'accountNumber: Account Number or IBAN',
					'swiftCode: SWIFT / BIC Code',
					'accountCurrency: Account Currency',
					...bankOverrides,
					'intermediateBankSwiftCode: Intermediate Bank SWIFT Code',
					'intermediateBank: Intermediate Bank Details',
				],
			],
			['payout, IBAN', { category: 'payout', paymentMethod: 'iban' }, ['iban: IBAN', 'accountCurrency: Account Currency', ...bankOverrides]],
			['payout, India IFSC', { category: 'payout', paymentMethod: 'ifsc' }, ['accountNumber: Account Number', 'localRoutingNumber: IFSC', ...bankOverrides]],
			['payout, UK sort code', { category: 'payout', paymentMethod: 'sortCode' }, ['accountNumber: Account Number', 'localRoutingNumber: Sort Code', ...bankOverrides]],
			['payout, US ABA', { category: 'payout', paymentMethod: 'aba' }, ['accountNumber: Account Number', 'localRoutingNumber: ABA Routing Number', ...bankOverrides]],
			['payout, Australia BSB', { category: 'payout', paymentMethod: 'bsb' }, ['accountNumber: Account Number', 'localRoutingNumber: BSB', ...bankOverrides]],
			[
				'payout, other local code',
				{ category: 'payout', paymentMethod: 'otherLocal' },
				['accountNumber: Account Number', 'localRoutingNumber: Local Routing Code', 'accountCurrency: Account Currency', ...bankOverrides],
			],
			['payout, UPI', { category: 'payout', paymentMethod: 'upi' }, ['upiId: UPI ID (VPA)']],
			[
				'LRS, US ABA',
				{ category: 'lrs', paymentMethod: 'aba' },
				[
					'accountNumber: Account Number',
					'localRoutingNumber: ABA Routing Number',
					'swiftCode: SWIFT / BIC Code',
					...bankOverrides,
					'intermediateBankSwiftCode: Intermediate Bank SWIFT Code',
					'intermediateBank: Intermediate Bank Details',
				],
			],
		])('%s', (_what, values, specific) => {
			expect(shown(values).sort()).toEqual([...common, ...specific, ...tail].sort());
		});

		it('marks the LRS bank fields required, and the payout ones optional', () => {
			const required = (values: IDataObject, name: string) =>
				properties.find(
					(property) =>
						property.name === name &&
						NodeHelpers.displayParameter({ resource: 'beneficiary', operation: 'create', ...values } as never, property, node, description),
				)?.required === true;
			for (const name of ['bankName', 'bankAddress', 'intermediateBankSwiftCode']) {
				expect(required({ category: 'lrs', paymentMethod: 'aba' }, name)).toBe(true);
			}
			for (const name of ['bankName', 'bankAddress', 'intermediateBankSwiftCode']) {
				expect(required({ category: 'payout', paymentMethod: 'swift' }, name)).toBe(false);
			}
			expect(required({ category: 'lrs', paymentMethod: 'aba' }, 'swiftCode')).toBe(false);
			expect(required({ category: 'payout', paymentMethod: 'swift' }, 'swiftCode')).toBe(true);
		});
	});
});

// ---------------------------------------------------------------------------------------------
// Get / Get Many (v2)
// ---------------------------------------------------------------------------------------------

describe('Beneficiary › Get (v2)', () => {
	it('GETs /v2/beneficiaries/{id} and outputs the beneficiary', async () => {
		const bene = await created(createParams());
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'get', beneficiaryId: rl(String(bene.id), 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v2/beneficiaries/${String(bene.id)}`, query: {}, body: undefined }]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([bene]);
	});

	it('fails with "Beneficiary not found" (404) for an unknown id', async () => {
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'get', beneficiaryId: rl('bene_doesNotExist1') });
		expectApiError(result, 'Beneficiary not found', '404');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/api/v2/beneficiaries/bene_doesNotExist1', 404]]);
	});

	it('refuses an ID of another kind before sending', async () => {
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'get', beneficiaryId: rl('={{ "ben_698c0615XZocZ" }}') });
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, 'Beneficiary: "ben_698c0615XZocZ" is not a valid ID');
	});
});

describe('Beneficiary › Get Many (v2)', () => {
	it('sends the status filter to /v2/beneficiaries and outputs only those beneficiaries', async () => {
		setReview(true);
		const pending = await created(createParams());
		setReview(false);

		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'getAll', returnAll: true, filters: { status: 'pending' } });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect([request.method, request.path]).toEqual(['GET', '/api/v2/beneficiaries']);
		expect(request.query).toEqual({ status: 'pending', per_page: '100', page: '1' });
		const out = result.json('Glomo');
		expect(out.map((b) => b.id)).toContain(pending.id);
		for (const bene of out) expect(bene.status).toBe('pending');
	});

	it('lists newest first up to the limit', async () => {
		const first = await created(createParams());
		const second = await created(createParams());
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'getAll', limit: 2 });

		expect(result.error).toBeUndefined();
		expect(result.json('Glomo').map((b) => b.id)).toEqual([second.id, first.id]);
		const { before, ...query } = sandbox.requests[0].query;
		expect(query).toEqual({ per_page: '2', page: '1' });
		expect(before).toBeUndefined();
	});

	it('offers only the Status filter (GET /v2/beneficiaries documents no created range)', () => {
		const properties = new Glomo().description.properties as INodeProperties[];
		const filters = properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.[0] === 'beneficiary' && p.displayOptions?.show?.operation?.[0] === 'getAll',
		);
		expect((filters?.options as INodeProperties[]).map((o) => o.name)).toEqual(['status']);
	});

	it('refuses a status that is not offered (expression) before sending', async () => {
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'getAll', filters: { status: '={{ "approved" }}' } });
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, 'Filters > Status: "approved" is not one of the choices');
	});
});

// ---------------------------------------------------------------------------------------------
// Mock Review and the review flow
// ---------------------------------------------------------------------------------------------

describe('Beneficiary › Mock Review', () => {
	afterEach(() => setReview(false));

	it('pending → approve → active, with the beneficiary.active webhook', async () => {
		setReview(true);
		const bene = await created(createParams());
		const id = String(bene.id);
		expect(bene.status).toBe('pending');

		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'mockReview', beneficiaryId: rl(id), reviewAction: 'approve' });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{ method: 'PATCH', path: `/api/v2/beneficiaries/${id}/mock-review`, query: {}, body: { review_action: 'approve' } },
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([{ ...bene, status: 'active', updated_at: expect.any(String) }]);
		// no event while it was pending; beneficiary.active once approved, carrying the active snapshot
		expect(await waitForEvents(id, 1)).toEqual([['active', 'active']]);

		sandbox.clearRequests();
		const get = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'get', beneficiaryId: rl(id) });
		expect(get.json('Glomo')[0].status).toBe('active');
	});

	it('pending → reject → rejected, with the beneficiary.rejected webhook', async () => {
		setReview(true);
		const bene = await created(createParams({ paymentMethod: 'upi', upiId: `payee${accountNumber()}@okaxis`, country: 'IND' }));
		const id = String(bene.id);

		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'mockReview', beneficiaryId: rl(id), reviewAction: 'reject' });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({ review_action: 'reject' });
		expect(result.json('Glomo')[0]).toMatchObject({ id, status: 'rejected' });
		expect(await waitForEvents(id, 1)).toEqual([['rejected', 'rejected']]);
	});

	it("fails with Glomo's 422 when the beneficiary is not pending", async () => {
		const bene = await created(createParams());
		const result = await runGlomo(sandbox, {
			resource: 'beneficiary',
			operation: 'mockReview',
			beneficiaryId: rl(String(bene.id)),
			reviewAction: 'approve',
		});
		expectApiError(result, 'Beneficiary is not pending review (status: active)', '422');
		expect(sandbox.requests).toHaveLength(1);
	});

	it('is refused on Live, with nothing sent', async () => {
		const result = await runGlomo(
			sandbox,
			{ resource: 'beneficiary', operation: 'mockReview', beneficiaryId: rl('bene_5JU9yv0lGSUP'), reviewAction: 'approve' },
			{ credentials: { environment: 'live', secretKey: sandbox.issueKey('production') } },
		);

		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, 'This operation exists only in the Glomo sandbox');
		expect(result.error?.description).toMatch(/Nothing was sent/);
	});

	it('is named and described as a sandbox tool', () => {
		const properties = new Glomo().description.properties as INodeProperties[];
		const dropdown = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'beneficiary');
		const option = (dropdown?.options as Array<{ value: string; name: string; description?: string }>).find((o) => o.value === 'mockReview');
		expect(option?.name).toBe('Mock Review (Sandbox)');
		expect(option?.description).toMatch(/^Sandbox only: /);
	});
});

// ---------------------------------------------------------------------------------------------
// Legacy v1
// ---------------------------------------------------------------------------------------------

function legacyParams(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'beneficiary',
		operation: 'createLegacy',
		holderName: 'Test Arts & Crafts Pvt Ltd',
		beneficiaryType: 'business',
		accountNumber: accountNumber(12),
		swiftCode: 'yesbinbb',
		localRoutingNumber: 'yesb0000002',
		bankName: 'Yes Bank',
		email: 'arts@example.com',
		addressLine1: '123 Main St',
		city: 'Bengaluru',
		state: 'Karnataka',
		country: 'IND',
		postalCode: '560048',
		nickname: 'Arts',
		...overrides,
	};
}

describe('Beneficiary › legacy v1 operations', () => {
	it('are labelled legacy and point to their v2 counterparts', () => {
		const properties = new Glomo().description.properties as INodeProperties[];
		const dropdown = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'beneficiary');
		const options = dropdown?.options as Array<{ value: string; name: string; description: string }>;
		expect(options.map((o) => o.name)).toEqual([
			'Create',
			'Create (Legacy v1)',
			'Get',
			'Get (Legacy v1)',
			'Get Many',
			'Get Many (Legacy v1)',
			'Mock Review (Sandbox)',
		]);
		for (const value of ['createLegacy', 'getLegacy', 'getAllLegacy']) {
			const option = options.find((o) => o.value === value);
			expect(option?.description).toMatch(/^Deprecated: .*Prefer (Create|Get|Get Many) \(v2\)\.$/);
		}
		expect(dropdown?.default).toBe('create');
	});

	it('Create (Legacy v1) POSTs the flat v1 body to /beneficiaries and outputs the v1 beneficiary', async () => {
		const params = legacyParams({
			additionalFields: {
				addressLine2: 'Near Apts',
				intermediateBankName: 'Intermediate Bank',
				intermediateBankCountry: 'USA',
				intermediateBankSwiftCode: 'citius33',
			},
		});
		const result = await runGlomo(sandbox, params);

		expect(result.error).toBeUndefined();
		const body = {
			beneficiary_type: 'business',
			account_number: params.accountNumber,
			holder_name: 'Test Arts & Crafts Pvt Ltd',
			bic_primary: 'YESBINBB',
			bic_secondary: 'YESB0000002',
			bank_name: 'Yes Bank',
			address_line1: '123 Main St',
			address_line2: 'Near Apts',
			email: 'arts@example.com',
			city: 'Bengaluru',
			state: 'Karnataka',
			country: 'IND',
			pincode: '560048',
			nickname: 'Arts',
			intermediate_bank_name: 'Intermediate Bank',
			intermediate_bank_country: 'USA',
			intermediate_bank_swift_code: 'CITIUS33',
		};
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'POST', path: '/api/v1/beneficiaries', query: {}, body }]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(result.json('Glomo')).toEqual([
			{ id: expect.stringMatching(/^bene_/), ...body, created_at: expect.any(String), updated_at: expect.any(String) },
		]);
	});

	it('Get (Legacy v1) GETs /beneficiaries/{id}: a v2 beneficiary in the flat v1 shape', async () => {
		const bene = await created(createParams());
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'getLegacy', beneficiaryId: rl(String(bene.id)) });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/beneficiaries/${String(bene.id)}`, query: {}, body: undefined }]);
		const account = bene.bank_account as IDataObject;
		expect(result.json('Glomo')).toEqual([
			{
				id: bene.id,
				holder_name: 'Acme GmbH',
				account_number: account.account_number,
				bank_name: 'Deutsche Bank',
				beneficiary_type: 'business',
				bic_primary: 'DEUTDEFF',
				address_line1: BERLIN.address_line1,
				city: 'Berlin',
				state: 'Berlin',
				country: 'DEU',
				pincode: '10117',
				nickname: 'Acme GmbH - Deutsche Bank',
				created_at: bene.created_at,
				updated_at: bene.updated_at,
			},
		]);
	});

	it('Get Many (Legacy v1) sends beneficiary_type, country (upper-cased) and the created range to /beneficiaries', async () => {
		const bene = await created(legacyParams({ beneficiaryType: 'individual', holderName: 'Ravi Kumar', country: 'IND' }));
		const result = await runGlomo(sandbox, {
			resource: 'beneficiary',
			operation: 'getAllLegacy',
			returnAll: true,
			filters: { beneficiaryType: 'individual', country: '={{ "ind" }}', after: '2020-01-01T00:00:00Z' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		expect([sandbox.requests[0].method, sandbox.requests[0].path]).toEqual(['GET', '/api/v1/beneficiaries']);
		expect(sandbox.requests[0].query).toEqual({
			beneficiary_type: 'individual',
			country: 'IND',
			after: '2020-01-01T00:00:00.000Z',
			per_page: '100',
			page: '1',
		});
		const out = result.json('Glomo');
		expect(out.map((b) => b.id)).toContain(bene.id);
		for (const row of out) expect(row).toMatchObject({ beneficiary_type: 'individual', country: 'IND' });
	});

	it.each<[string, IDataObject, string]>([
		['a bic_primary that is no SWIFT code', { swiftCode: 'YESB0000002' }, 'SWIFT / BIC Code: "YESB0000002" is not a SWIFT/BIC code'],
		['no nickname (expression)', { nickname: '={{ "" }}' }, 'Nickname: is required'],
		['an email that is no address', { email: 'arts' }, 'Email: "arts" is not an email address'],
		['a bad intermediate SWIFT code', { additionalFields: { intermediateBankSwiftCode: 'CITI' } }, 'Additional Fields > Intermediate Bank SWIFT Code: "CITI" must be 8 to 11 characters long'],
	])('Create (Legacy v1) refuses %s before sending', async (_what, overrides, message) => {
		const result = await runGlomo(sandbox, legacyParams(overrides));
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, message);
	});

	it('Get Many (Legacy v1) refuses a country that is no ISO code before sending', async () => {
		const result = await runGlomo(sandbox, { resource: 'beneficiary', operation: 'getAllLegacy', filters: { country: '={{ "India" }}' } });
		expect(sandbox.requests).toEqual([]);
		expectOperationError(result, 'Filters > Country: "India" is not an ISO 3166-1 alpha-3 country code');
	});
});

// ---------------------------------------------------------------------------------------------
// "From List"
// ---------------------------------------------------------------------------------------------

describe('searchBeneficiaries', () => {
	const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });

	it('lists v2 beneficiaries with where the money goes, and filters by what is typed', async () => {
		const bene = await created(createParams({ beneficiaryName: 'Zephyr Findable Ltd', accountNumber: '998877665544' }));
		const all = await runListSearch('searchBeneficiaries', credentials());
		expect(sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/v2/beneficiaries', { page: '1', per_page: '100' }],
		]);
		expect(all.results[0]).toEqual({ name: 'Zephyr Findable Ltd · Deutsche Bank …5544 · active', value: bene.id });

		const byName = await runListSearch('searchBeneficiaries', credentials(), { filter: 'zephyr' });
		expect(byName.results).toEqual([{ name: 'Zephyr Findable Ltd · Deutsche Bank …5544 · active', value: bene.id }]);
		const byAccount = await runListSearch('searchBeneficiaries', credentials(), { filter: '998877' });
		expect(byAccount.results.map((r) => r.value)).toEqual([bene.id]);
	});

	it('pages through the list', async () => {
		for (let n = 0; n < 100; n++) {
			sandbox.insert('beneficiary', { name: `Seeded ${n}`, type: 'individual', category: 'payout', status: 'active', upi_account: { upi_id: `seed${n}@ok` } });
		}
		const first = await runListSearch('searchBeneficiaries', credentials());
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await runListSearch('searchBeneficiaries', credentials(), { paginationToken: '2' });
		expect(second.results.length).toBeGreaterThan(0);
		expect(sandbox.requests.map((r) => r.query.page)).toEqual(['1', '2']);
	});
});
