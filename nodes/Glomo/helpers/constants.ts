import type { INodePropertyOptions } from 'n8n-workflow';

import countries from './data/countries.json';
import currencies from './data/currencies.json';
import purposeCodes from './data/purposeCodes.json';

export const CREDENTIAL_NAME = 'glomoApi';

export interface CurrencyInfo {
	code: string;
	name: string;
	exponent: number;
}

export const CURRENCIES: readonly CurrencyInfo[] = currencies;

/** ISO 3166-1 alpha-3 codes with their English names. */
export const COUNTRIES: ReadonlyArray<{ code: string; name: string }> = countries;

export interface PurposeCode {
	code: string;
	description: string;
	group: string;
	/** the supporting documents the code asks for, when any */
	documents?: string;
}

/** Purpose codes of the Reserve Bank of India that Glomo lists: payouts take S codes, payins P codes. */
export const PURPOSE_CODES: { payout: readonly PurposeCode[]; payin: readonly PurposeCode[] } = purposeCodes;

/** Payout currencies (current spec): what a payout is paid from, and what it may arrive in. */
export const PAYOUT_SOURCE_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD'];
export const PAYOUT_DESTINATION_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD', 'INR'];

/** Payout rails and the destination currency each serves (SWIFT serves every currency). */
export const PAYMENT_RAILS: ReadonlyArray<{ value: string; name: string; currency?: string; description: string }> = [
	{ value: 'swift', name: 'SWIFT', description: 'International wire to any currency; account number and SWIFT/BIC, or an AED/EUR IBAN. Slower.' },
	{ value: 'upi', name: 'UPI (INR)', currency: 'INR', description: 'India, instant, to the beneficiary\'s UPI ID (VPA)' },
	{ value: 'imps', name: 'IMPS (INR)', currency: 'INR', description: 'India, instant, to an account with its IFSC' },
	{ value: 'neft', name: 'NEFT (INR)', currency: 'INR', description: 'India, on bank working days, to an account with its IFSC' },
	{ value: 'rtgs', name: 'RTGS (INR)', currency: 'INR', description: 'India, large amounts on bank working days, to an account with its IFSC' },
	{ value: 'ipp', name: 'IPP (AED)', currency: 'AED', description: 'UAE instant payments to an IBAN, up to AED 50,000' },
	{ value: 'fts', name: 'FTS (AED)', currency: 'AED', description: 'UAE funds transfer to an IBAN' },
	{ value: 'sepa', name: 'SEPA (EUR)', currency: 'EUR', description: 'Euro transfer to an IBAN' },
	{ value: 'fps', name: 'Faster Payments (GBP)', currency: 'GBP', description: 'UK, to an account number with its sort code' },
];

/** Currencies Glomo converts between inside a balance (published spec). */
export const BALANCE_CONVERSION_CURRENCIES = ['USD', 'EUR', 'GBP'];

/** Every id prefix the node validates, keyed by resource (glomo-domain.md §2). */
export const ID_PREFIX = {
	customer: 'cust_',
	balanceConversion: 'conv_',
	payout: 'payout_',
	order: 'order_',
	paymentLink: 'payin_',
	payment: 'payt_',
	refund: 'refund_',
	beneficiary: 'bene_',
	document: 'doc_',
	subscription: 'sub_',
	settlement: 'setl_',
	price: 'price_',
	quote: 'quote_',
	rfi: 'rfi_',
	rfiDocument: 'rfidoc_',
	merchant: 'merch_',
	bankAccountValidation: 'aval_',
	internalTransfer: 'inttransfer_',
	settlementTransaction: 'txn_',
	// no source shows a KYC link id: any id of safe characters is let through
	kycLink: '',
} as const;

/** What follows an id's prefix: Glomo's are a dozen or so letters and digits. */
export const ID_SUFFIX = '[A-Za-z0-9_]{6,64}';

/**
 * The ids whose body may hold more than ID_SUFFIX, with how messages describe it. No source shows a
 * KYC link's id, and Glomo writes other ids of its platform as bare UUIDs: hyphens are let through
 * for it (and for no other resource).
 */
const ID_BODY: Partial<Record<IdResource, { pattern: string; shown: string }>> = {
	kycLink: { pattern: '[A-Za-z0-9_-]{6,64}', shown: '6 to 64 letters, digits, underscores or hyphens (a UUID, for one)' },
};

export type IdResource = keyof typeof ID_PREFIX;

/** The prefixes of an id of one resource, or of any of several (a payin is a payment link or an order). */
export function idPrefixes(resource: IdResource | readonly IdResource[]): string[] {
	return (typeof resource === 'string' ? [resource] : [...resource]).map((kind) => ID_PREFIX[kind]);
}

/** The regex source that matches an id of `resource`: its prefix (any of them) and the id's body. */
export function idPatternSource(resource: IdResource | readonly IdResource[]): string {
	const kinds = typeof resource === 'string' ? [resource] : [...resource];
	const each = kinds.map((kind) => `${ID_PREFIX[kind]}${ID_BODY[kind]?.pattern ?? ID_SUFFIX}`);
	return `^${each.length === 1 ? each[0] : `(?:${each.join('|')})`}$`;
}

/** "payt_", or "payin_" or "order_": the prefixes as an error message names them. */
function prefixesShown(resource: IdResource | readonly IdResource[]): string {
	return idPrefixes(resource)
		.map((prefix) => `"${prefix}"`)
		.join(' or ');
}

/** What an id of `resource` looks like, for messages: its prefix and body, or only the body when it has no prefix. */
export function idShape(resource: IdResource | readonly IdResource[]): string {
	const own = typeof resource === 'string' ? ID_BODY[resource]?.shown : undefined;
	if (own) return own;
	return idPrefixes(resource).some(Boolean)
		? `${prefixesShown(resource)} followed by 6 to 64 letters or digits`
		: '6 to 64 letters, digits or underscores';
}

export function currencyOptions(only?: readonly string[]): INodePropertyOptions[] {
	const list = only ? CURRENCIES.filter((c) => only.includes(c.code)) : CURRENCIES;
	return list.map((c) => ({ name: `${c.code} - ${c.name}`, value: c.code }));
}

export function countryOptions(): INodePropertyOptions[] {
	return COUNTRIES.map((c) => ({ name: `${c.name} (${c.code})`, value: c.code }));
}
