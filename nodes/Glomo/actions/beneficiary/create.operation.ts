import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkAba,
	accepted,
	checkAccountNumber,
	checkBsb,
	checkIban,
	checkIfsc,
	checkLocalCode,
	checkSortCode,
	checkSwift,
	checkUpiId,
	type Checked,
} from '../../helpers/bankFormats';
import { addressField } from '../../helpers/address';
import { countryField, currencyField } from '../../helpers/fields';
import { isPlainObject } from '../../helpers/json';
import { mergeInto, readJsonObject } from '../../helpers/jsonField';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, checkIdList, compact, getCurrency, getString, invalid, optionalText } from '../../helpers/params';
import { checkEmail, checkPhone } from '../../helpers/person';
import type { GlomoClient } from '../../transport';
import { beneficiaryTypeField } from './shared';

type Method = 'aba' | 'bsb' | 'iban' | 'ifsc' | 'otherLocal' | 'sortCode' | 'swift' | 'upi';

const LOCAL_METHODS: Method[] = ['aba', 'bsb', 'ifsc', 'otherLocal', 'sortCode'];
const BANK_METHODS: Method[] = ['aba', 'bsb', 'iban', 'ifsc', 'otherLocal', 'sortCode', 'swift'];
/** Local rails serve one currency each (glomo-domain.md §10.2): the account's currency follows from the method. */
const FIXED_CURRENCY: Partial<Record<Method, string>> = { ifsc: 'INR', sortCode: 'GBP', aba: 'USD', bsb: 'AUD' };
const IBAN_CURRENCIES = ['AED', 'EUR'];

const PAYMENT_METHOD = 'Payment Method / Account Type';
const JSON_FIELD = 'Additional Fields (JSON)';

/** The local routing code's label, example and format check, per method. */
const LOCAL_CODE: Record<string, { label: string; placeholder: string; description: string; check: (value: string) => Checked }> = {
	ifsc: {
		label: 'IFSC',
		placeholder: 'HDFC0001234',
		description: 'Indian Financial System Code of the branch: 4 letters, a zero, then 6 letters or digits',
		check: checkIfsc,
	},
	sortCode: {
		label: 'Sort Code',
		placeholder: '12-34-56',
		description: 'UK sort code: 6 digits, with or without dashes',
		check: checkSortCode,
	},
	aba: {
		label: 'ABA Routing Number',
		placeholder: '021000021',
		description: 'US ABA routing number: 9 digits with a check digit',
		check: checkAba,
	},
	bsb: {
		label: 'BSB',
		placeholder: '062-000',
		description: 'Australian Bank State Branch number: 6 digits, with or without a dash',
		check: checkBsb,
	},
	otherLocal: {
		label: 'Local Routing Code',
		placeholder: 'e.g. 0123',
		description: 'The domestic clearing code of the bank or branch (3 to 35 letters or digits)',
		check: checkLocalCode,
	},
};

/** Account numbers per method: what their banks issue. */
const ACCOUNT_NUMBER: Record<string, { digitsOnly: boolean; min: number; max: number; example: string; description: string }> = {
	swift: { digitsOnly: false, min: 4, max: 34, example: '1234567890', description: 'The account number, or the IBAN where the country uses IBANs' },
	otherLocal: { digitsOnly: false, min: 4, max: 34, example: '1234567890', description: 'The account number as the bank writes it (spaces are dropped)' },
	ifsc: { digitsOnly: true, min: 9, max: 18, example: '50100123456789', description: 'Indian bank account number: 9 to 18 digits' },
	sortCode: { digitsOnly: true, min: 8, max: 8, example: '31926819', description: 'UK account number: 8 digits' },
	aba: { digitsOnly: true, min: 4, max: 17, example: '000123456789', description: 'US account number: 4 to 17 digits' },
	bsb: { digitsOnly: true, min: 5, max: 9, example: '123456789', description: 'Australian account number: 5 to 9 digits' },
};

const BENEFICIARY = "The beneficiary's";

const show = (conditions: Record<string, string[]>) => ({ displayOptions: { show: conditions } });

const BANK = "The bank's";
const addressValues = (): INodeProperties[] => [
	addressField('line1', BANK),
	addressField('line2', BANK),
	addressField('city', BANK),
	addressField('state', BANK),
	countryField('country', 'Country', { description: "The bank's country (ISO 3166-1 alpha-3), e.g. IND" }),
	addressField('postalCode', BANK),
];

const bankAddressField = (required: boolean, conditions: Record<string, string[]>): INodeProperties => ({
	displayName: 'Bank Address',
	name: 'bankAddress',
	type: 'fixedCollection',
	placeholder: 'Add Bank Address',
	default: {},
	required,
	description: required
		? 'Where the bank is: required for LRS beneficiaries'
		: "Where the bank is. Glomo finds it from the SWIFT or routing code: set it only if Glomo can't, or to correct it.",
	options: [{ displayName: 'Address', name: 'address', values: addressValues() }],
	...show(conditions),
});

const intermediateDetails = (conditions: Record<string, string[]>): INodeProperties => ({
	displayName: 'Intermediate Bank Details',
	name: 'intermediateBank',
	type: 'collection',
	placeholder: 'Add Detail',
	default: {},
	description: 'More about the intermediate bank named by its SWIFT code: its name, its country and the account the beneficiary\'s bank holds there',
	options: [
		{
			displayName: 'Account Number',
			name: 'accountNumber',
			type: 'string',
			default: '',
			placeholder: '36838271',
			description: "The beneficiary bank's account at the intermediate bank",
		},
		countryField('country', 'Country', { description: 'The intermediate bank\'s country (ISO 3166-1 alpha-3), e.g. USA' }),
		{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Citibank N.A.', description: 'Name of the intermediate bank' },
	],
	...show(conditions),
});

export const description = defineOperation(
	'beneficiary',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a beneficiary',
		description: 'Add someone you pay (v2 API): their details and the bank account or UPI ID money goes to',
	},
	[
		{
			displayName: 'Category',
			name: 'category',
			type: 'options',
			options: [
				{
					name: 'LRS',
					value: 'lrs',
					description: 'An account abroad that an Indian resident remits to under the Liberalised Remittance Scheme',
				},
				{ name: 'Payout', value: 'payout', description: 'Someone you pay from your Glomo balance' },
			],
			default: 'payout',
			description: 'What the beneficiary is for: someone you pay from your balance, or an account abroad for LRS remittances',
		},
		{
			displayName: 'Beneficiary Name',
			name: 'beneficiaryName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Asha Rao',
			description: 'Name of the person or business that holds the account, as the bank knows it',
		},
		beneficiaryTypeField,
		addressField('line1', BENEFICIARY, { required: true }),
		addressField('city', BENEFICIARY, { required: true }),
		addressField('state', BENEFICIARY, { required: true }),
		countryField('country', 'Country', { required: true, description: "The beneficiary's country (ISO 3166-1 alpha-3)" }),
		addressField('postalCode', BENEFICIARY, { required: true }),
		{
			displayName: PAYMENT_METHOD,
			name: 'paymentMethod',
			type: 'options',
			options: [
				{ name: 'Australia BSB', value: 'bsb', description: 'AUD account: BSB and account number' },
				{ name: 'IBAN (EUR / AED)', value: 'iban', description: 'EUR or AED account known by its IBAN alone' },
				{ name: 'India IFSC (NEFT / IMPS / RTGS)', value: 'ifsc', description: 'INR account: IFSC and account number' },
				{ name: 'Other Local Routing Code', value: 'otherLocal', description: "Any currency: the bank's domestic clearing code and account number" },
				{ name: 'SWIFT / BIC', value: 'swift', description: "Any currency, over SWIFT: the bank's SWIFT code and account number or IBAN" },
				{ name: 'UK Sort Code (FPS)', value: 'sortCode', description: 'GBP account: sort code and account number' },
				{ name: 'UPI (VPA)', value: 'upi', description: 'INR payouts to a UPI ID, no bank account needed' },
				{ name: 'US ABA Routing Number', value: 'aba', description: 'USD account: ABA routing number and account number' },
			],
			default: 'swift',
			description: 'How the beneficiary is paid: only the fields this choice needs are shown',
		},
		{
			displayName: 'IBAN',
			name: 'iban',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'DE89370400440532013000',
			description: 'The account\'s IBAN (spaces are dropped); AED accounts are UAE IBANs (AE…)',
			...show({ paymentMethod: ['iban'] }),
		},
		currencyField('accountCurrency', 'Account Currency', {
			only: IBAN_CURRENCIES,
			default: 'EUR',
			required: true,
			description: 'The currency the account holds: IBAN-only accounts are EUR or AED',
			...show({ paymentMethod: ['iban'] }),
		}),
		...Object.entries(ACCOUNT_NUMBER).map(
			([method, rule]): INodeProperties => ({
				displayName: method === 'swift' ? 'Account Number or IBAN' : 'Account Number',
				name: 'accountNumber',
				type: 'string',
				default: '',
				required: true,
				placeholder: rule.example,
				description: rule.description,
				...show({ paymentMethod: [method] }),
			}),
		),
		{
			displayName: 'SWIFT / BIC Code',
			name: 'swiftCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'DEUTDEFF',
			description: "The bank's SWIFT/BIC code: 8 or 11 characters, the first 6 letters",
			...show({ category: ['payout'], paymentMethod: ['swift'] }),
		},
		...Object.entries(LOCAL_CODE).map(
			([method, code]): INodeProperties => ({
				displayName: code.label,
				name: 'localRoutingNumber',
				type: 'string',
				default: '',
				required: true,
				placeholder: code.placeholder,
				description: code.description,
				...show({ paymentMethod: [method] }),
			}),
		),
		{
			displayName: 'SWIFT / BIC Code',
			name: 'swiftCode',
			type: 'string',
			default: '',
			placeholder: 'CHASUS33',
			description: "Optional for LRS: the bank's SWIFT/BIC code in its 8-character form",
			...show({ category: ['lrs'] }),
		},
		currencyField('accountCurrency', 'Account Currency', {
			required: true,
			description: 'The currency the account holds (ISO 4217)',
			...show({ paymentMethod: ['swift', 'otherLocal'] }),
		}),
		{
			displayName: 'UPI ID (VPA)',
			name: 'upiId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'asha.rao@okhdfcbank',
			description: 'The UPI ID (virtual payment address) money is sent to',
			...show({ paymentMethod: ['upi'] }),
		},
		{
			displayName: 'Bank Name',
			name: 'bankName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'HDFC Bank',
			description: 'Name of the bank that holds the account: required for LRS beneficiaries',
			...show({ category: ['lrs'] }),
		},
		{
			displayName: 'Bank Name',
			name: 'bankName',
			type: 'string',
			default: '',
			placeholder: 'HDFC Bank',
			description: "Glomo finds the bank's name from the SWIFT or routing code: set it only if Glomo can't, or to correct it",
			...show({ category: ['payout'], paymentMethod: BANK_METHODS }),
		},
		bankAddressField(true, { category: ['lrs'] }),
		bankAddressField(false, { category: ['payout'], paymentMethod: BANK_METHODS }),
		{
			displayName: 'Intermediate Bank SWIFT Code',
			name: 'intermediateBankSwiftCode',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'CITIUS33',
			description: 'SWIFT code of the bank that relays the money: required for LRS beneficiaries',
			...show({ category: ['lrs'] }),
		},
		{
			displayName: 'Intermediate Bank SWIFT Code',
			name: 'intermediateBankSwiftCode',
			type: 'string',
			default: '',
			placeholder: 'CITIUS33',
			description: 'SWIFT code of a bank that relays the money, if the beneficiary\'s bank names one',
			...show({ category: ['payout'], paymentMethod: ['swift'] }),
		},
		intermediateDetails({ category: ['lrs'] }),
		intermediateDetails({ category: ['payout'], paymentMethod: ['swift'] }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Optional details of the beneficiary',
			options: [
				addressField('line2', BENEFICIARY),
				{
					displayName: 'Document IDs',
					name: 'documentIds',
					type: 'string',
					default: '',
					placeholder: 'doc_5JU9yv0lGSUP, doc_7Hk2pq9LmNoP',
					description: 'Documents uploaded to Glomo about this beneficiary, separated by commas',
				},
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "The beneficiary's email address" },
				{
					displayName: 'Nickname',
					name: 'nickname',
					type: 'string',
					default: '',
					placeholder: 'Asha Rao - HDFC Bank',
					description: 'How the beneficiary is shown in Glomo; by default "name - bank name"',
				},
				{ displayName: 'Phone', name: 'phone', type: 'string', placeholder: '+91-9023456789', default: '', description: 'Phone number with country code' },
			],
		},
		{
			displayName: JSON_FIELD,
			name: 'additionalJson',
			type: 'json',
			default: '{}',
			description:
				'Merged into the request for fields this form does not have, such as notes your account requires: {"notes": {"tax_identification_number": "ABCDE1234F"}}. A field is set here or in the form, not both.',
		},
	],
);


/** The Bank Address collection as Glomo's address, or undefined when it was not added. */
function readBankAddress(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const given = (ctx.getNodeParameter('bankAddress', itemIndex, {}) as IDataObject).address as IDataObject | undefined;
	if (!given) return undefined;
	const need = (key: string, label: string) => {
		const value = optionalText(given[key]);
		if (!value) throw invalid(ctx, itemIndex, `Bank Address > ${label}`, 'is required once a bank address is given');
		return value;
	};
	return compact({
		address_line1: need('addressLine1', 'Address Line 1'),
		address_line2: optionalText(given.addressLine2),
		city: need('city', 'City'),
		state: need('state', 'State'),
		country_code: checkCountry(ctx, need('country', 'Country'), itemIndex, 'Bank Address > Country'),
		postal_code: need('postalCode', 'Postal Code'),
	});
}

function readBankAccount(ctx: IExecuteFunctions, itemIndex: number, method: Method, lrs: boolean): IDataObject {
	const text = (name: string) => optionalText(ctx.getNodeParameter(name, itemIndex, ''));
	const account: IDataObject = {};
	let currency: string;
	if (method === 'iban') {
		currency = getCurrency(ctx, 'accountCurrency', itemIndex, 'Account Currency', IBAN_CURRENCIES);
		const iban = getString(ctx, 'iban', itemIndex, 'IBAN');
		account.account_number = accepted(ctx, itemIndex, 'IBAN', checkIban(iban, currency === 'AED' ? 'AE' : undefined));
	} else {
		const number = getString(ctx, 'accountNumber', itemIndex, 'Account Number');
		account.account_number = accepted(ctx, itemIndex, 'Account Number', checkAccountNumber(number, ACCOUNT_NUMBER[method]));
		currency = FIXED_CURRENCY[method] ?? getCurrency(ctx, 'accountCurrency', itemIndex, 'Account Currency');
	}
	if (method === 'swift') {
		account.swift_code = accepted(ctx, itemIndex, 'SWIFT / BIC Code', checkSwift(getString(ctx, 'swiftCode', itemIndex, 'SWIFT / BIC Code')));
	}
	const local = LOCAL_CODE[method];
	if (local) {
		account.local_routing_number = accepted(ctx, itemIndex, local.label, local.check(getString(ctx, 'localRoutingNumber', itemIndex, local.label)));
	}
	const lrsSwift = lrs ? text('swiftCode') : undefined;
	if (lrsSwift) account.swift_code = accepted(ctx, itemIndex, 'SWIFT / BIC Code', checkSwift(lrsSwift, { exactlyEight: true }));
	account.currency = currency;

	const bankName = text('bankName');
	if (lrs && !bankName) throw invalid(ctx, itemIndex, 'Bank Name', 'is required for LRS beneficiaries');
	if (bankName) account.name = bankName;
	const bankAddress = readBankAddress(ctx, itemIndex);
	if (lrs && !bankAddress) throw invalid(ctx, itemIndex, 'Bank Address', 'is required for LRS beneficiaries');
	if (bankAddress) account.address = bankAddress;

	const intermediateSwift = text('intermediateBankSwiftCode');
	if (lrs && !intermediateSwift) throw invalid(ctx, itemIndex, 'Intermediate Bank SWIFT Code', 'is required for LRS beneficiaries');
	const details = ctx.getNodeParameter('intermediateBank', itemIndex, {}) as IDataObject;
	const detailCountry = optionalText(details.country);
	const intermediate = compact({
		name: optionalText(details.name),
		country: detailCountry && checkCountry(ctx, detailCountry, itemIndex, 'Intermediate Bank Details > Country'),
		swift_code: intermediateSwift && accepted(ctx, itemIndex, 'Intermediate Bank SWIFT Code', checkSwift(intermediateSwift)),
		account_number: optionalText(details.accountNumber),
	});
	if (Object.keys(intermediate).length) account.intermediate_bank = intermediate;
	return account;
}


/**
 * Glomo's routing rules (glomo-domain.md §8.7) on the body as it will be sent. The form's own
 * choices always satisfy them; what breaks them here came from the JSON field.
 */
function checkRouting(ctx: IExecuteFunctions, itemIndex: number, body: IDataObject, lrs: boolean): void {
	const refuse = (problem: string) => invalid(ctx, itemIndex, JSON_FIELD, problem, 'Nothing was sent to Glomo.');
	const bank = body.bank_account;
	const upi = body.upi_account;
	if (bank !== undefined && bank !== null && upi !== undefined && upi !== null) {
		throw refuse('gives a beneficiary both bank_account and upi_account: send one or the other');
	}
	if (isPlainObject(bank)) {
		const swift = bank.swift_code;
		const local = bank.local_routing_number;
		if (!lrs && swift && local) {
			throw refuse('gives both bank_account.swift_code and bank_account.local_routing_number: a payout beneficiary takes exactly one (EUR and AED IBAN accounts take neither)');
		}
		if (swift !== undefined) {
			const checked = typeof swift === 'string' ? checkSwift(swift, { exactlyEight: lrs }) : undefined;
			if (!checked?.ok) throw refuse(`bank_account.swift_code: ${checked?.problem ?? 'must be text'}`);
		}
		const intermediateSwift = isPlainObject(bank.intermediate_bank) ? bank.intermediate_bank.swift_code : undefined;
		if (intermediateSwift !== undefined) {
			const checked = typeof intermediateSwift === 'string' ? checkSwift(intermediateSwift) : undefined;
			if (!checked?.ok) throw refuse(`bank_account.intermediate_bank.swift_code: ${checked?.problem ?? 'must be text'}`);
		}
	}
	const notes = body.notes;
	if (notes !== undefined && notes !== null) {
		if (!isPlainObject(notes)) throw refuse('notes must be an object of texts, such as {"notes": {"key": "value"}}');
		for (const [key, value] of Object.entries(notes)) {
			if (value !== null && typeof value !== 'string') throw refuse(`notes.${key} must be text`);
		}
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const category = this.getNodeParameter('category', itemIndex) as 'lrs' | 'payout';
	const method = this.getNodeParameter('paymentMethod', itemIndex) as Method;
	const lrs = category === 'lrs';
	if (lrs && !LOCAL_METHODS.includes(method)) {
		throw invalid(
			this,
			itemIndex,
			PAYMENT_METHOD,
			'LRS beneficiaries need a local routing code',
			'Choose India IFSC, UK Sort Code, US ABA Routing Number, Australia BSB or Other Local Routing Code; a SWIFT code can be added too.',
		);
	}
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const address = compact({
		address_line1: getString(this, 'addressLine1', itemIndex, 'Address Line 1'),
		address_line2: optionalText(extra.addressLine2),
		city: getString(this, 'city', itemIndex, 'City'),
		state: getString(this, 'state', itemIndex, 'State'),
		country_code: checkCountry(this, this.getNodeParameter('country', itemIndex), itemIndex, 'Country'),
		postal_code: getString(this, 'postalCode', itemIndex, 'Postal Code'),
	});
	const beneficiary = compact({
		name: getString(this, 'beneficiaryName', itemIndex, 'Beneficiary Name'),
		type: getString(this, 'beneficiaryType', itemIndex, 'Beneficiary Type'),
		email: checkEmail(this, extra.email, itemIndex, 'Additional Fields > Email'),
		phone: checkPhone(this, extra.phone, itemIndex, 'Additional Fields > Phone'),
		nickname: optionalText(extra.nickname),
		address,
		documents: checkIdList(this, extra.documentIds, itemIndex, 'document', 'Additional Fields > Document IDs'),
	});
	const body: IDataObject = { category, beneficiary };
	if (method === 'upi') {
		body.upi_account = { upi_id: accepted(this, itemIndex, 'UPI ID (VPA)', checkUpiId(getString(this, 'upiId', itemIndex, 'UPI ID (VPA)'))) };
	} else {
		body.bank_account = readBankAccount(this, itemIndex, method, lrs);
	}
	const json = readJsonObject(this, 'additionalJson', itemIndex, JSON_FIELD);
	if (json) mergeInto(this, itemIndex, JSON_FIELD, body, json);
	checkRouting(this, itemIndex, body, lrs);
	return await glomo.request({ method: 'POST', path: '/v2/beneficiaries', body, itemIndex });
}
