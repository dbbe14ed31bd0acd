import type { INodePropertyOptions } from 'n8n-workflow';

import countries from './data/countries.json';
import currencies from './data/currencies.json';

export const CREDENTIAL_NAME = 'glomoApi';

export interface CurrencyInfo {
	code: string;
	name: string;
	exponent: number;
}

export const CURRENCIES: readonly CurrencyInfo[] = currencies;

/** ISO 3166-1 alpha-3 codes with their English names. */
export const COUNTRIES: ReadonlyArray<{ code: string; name: string }> = countries;

/** Currencies Glomo converts between inside a balance (published spec). */
export const BALANCE_CONVERSION_CURRENCIES = ['USD', 'EUR', 'GBP'];

/** Every id prefix the node validates, keyed by resource (glomo-domain.md §2). */
export const ID_PREFIX = {
	customer: 'cust_',
	balanceConversion: 'conv_',
	payout: 'payout_',
	order: 'order_',
	payment: 'payt_',
	refund: 'refund_',
	beneficiary: 'bene_',
	document: 'doc_',
	subscription: 'sub_',
	settlement: 'setl_',
	price: 'price_',
	quote: 'quote_',
	rfi: 'rfi_',
	merchant: 'merch_',
} as const;

/** What follows an id's prefix: Glomo's are a dozen or so letters and digits. */
export const ID_SUFFIX = '[A-Za-z0-9_]{6,64}';

export type IdResource = keyof typeof ID_PREFIX;

export function currencyOptions(only?: readonly string[]): INodePropertyOptions[] {
	const list = only ? CURRENCIES.filter((c) => only.includes(c.code)) : CURRENCIES;
	return list.map((c) => ({ name: `${c.code} - ${c.name}`, value: c.code }));
}

export function countryOptions(): INodePropertyOptions[] {
	return COUNTRIES.map((c) => ({ name: `${c.name} (${c.code})`, value: c.code }));
}
