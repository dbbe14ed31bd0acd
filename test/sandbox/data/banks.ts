/**
 * Bank identifiers for the sandbox: format rules (SWIFT/BIC, IFSC, sort code, ABA, BSB, IBAN, UPI)
 * and a small directory that "resolves" a bank's name and address from an identifier, the way
 * Glomo fills `bank_account.name` / `address` when they are not sent. Immutable: safe to share.
 *
 * Reserved value: an identifier whose bank code is `ZZZZ` (SWIFT `ZZZZGB2L`, IFSC `ZZZZ0000001`,
 * local routing `ZZZZ…`) cannot be resolved, so tests can reach Glomo's "Could not resolve bank
 * details" answer.
 */

/** First 6 letters, then letters or digits, 8 to 11 characters in all (Glomo's rule). */
export const SWIFT = /^[A-Z]{6}[A-Z0-9]{2,5}$/;
export const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;
export const SORT_CODE = /^\d{6}$/;
export const ABA = /^\d{9}$/;
export const BSB = /^\d{6}$/;
export const UPI_ID = /^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9]{1,63}$/;
export const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

/** The ABA routing checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10. */
export function abaChecksumOk(routing: string): boolean {
	if (!ABA.test(routing)) return false;
	const d = routing.split('').map(Number);
	const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
	return sum % 10 === 0;
}

/** ISO 13616: two letters, two check digits, up to 30 letters/digits, mod 97 = 1. */
export function ibanOk(value: string): boolean {
	const iban = value.replace(/\s+/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
	const moved = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (const char of moved) {
		const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
		for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	return remainder === 1;
}

/** ISO 3166 alpha-2 → alpha-3 for the countries the directory knows (SWIFT and IBAN carry alpha-2). */
const ALPHA2: Readonly<Record<string, string>> = Object.freeze({
	IN: 'IND',
	US: 'USA',
	GB: 'GBR',
	AE: 'ARE',
	DE: 'DEU',
	FR: 'FRA',
	ES: 'ESP',
	IT: 'ITA',
	NL: 'NLD',
	BE: 'BEL',
	IE: 'IRL',
	AT: 'AUT',
	PT: 'PRT',
	FI: 'FIN',
	LU: 'LUX',
	AU: 'AUS',
	SG: 'SGP',
	HK: 'HKG',
	CA: 'CAN',
	CH: 'CHE',
	JP: 'JPN',
	SA: 'SAU',
	QA: 'QAT',
	NZ: 'NZL',
});

export function alpha3Of(alpha2: string): string | undefined {
	return ALPHA2[alpha2.toUpperCase()];
}

/** Bank codes (first 4 letters of a BIC or an IFSC) with the names the directory gives them. */
const BANK_NAMES: Readonly<Record<string, string>> = Object.freeze({
	HDFC: 'HDFC Bank',
	ICIC: 'ICICI Bank',
	SBIN: 'State Bank of India',
	UTIB: 'Axis Bank',
	KKBK: 'Kotak Mahindra Bank',
	YESB: 'Yes Bank',
	CHAS: 'JPMorgan Chase Bank',
	CITI: 'Citibank',
	BOFA: 'Bank of America',
	DEUT: 'Deutsche Bank',
	COBA: 'Commerzbank',
	BNPA: 'BNP Paribas',
	BARC: 'Barclays Bank',
	HSBC: 'HSBC',
	MIDL: 'HSBC UK Bank',
	NWBK: 'National Westminster Bank',
	EBIL: 'Emirates NBD',
	NBAD: 'First Abu Dhabi Bank',
	ANZB: 'ANZ',
	CTBA: 'Commonwealth Bank of Australia',
	DBSS: 'DBS Bank',
});

/** Where a resolved bank's head office is, per country (illustrative). */
const BANK_CITIES: Readonly<Record<string, { city: string; state: string; postal_code: string }>> = Object.freeze({
	IND: { city: 'Mumbai', state: 'Maharashtra', postal_code: '400001' },
	USA: { city: 'New York', state: 'NY', postal_code: '10017' },
	GBR: { city: 'London', state: 'England', postal_code: 'EC2V 6DN' },
	ARE: { city: 'Dubai', state: 'Dubai', postal_code: '00000' },
	DEU: { city: 'Frankfurt', state: 'Hesse', postal_code: '60325' },
	FRA: { city: 'Paris', state: 'Ile-de-France', postal_code: '75009' },
	AUS: { city: 'Sydney', state: 'NSW', postal_code: '2000' },
	SGP: { city: 'Singapore', state: 'Singapore', postal_code: '018983' },
});

export interface BankAddress {
	address_line1: string;
	city: string;
	state: string;
	country_code: string;
	postal_code: string;
}

export interface ResolvedBank {
	name: string;
	address: BankAddress;
}

/** Countries of the local routing systems, by the account's currency. */
const ROUTING_COUNTRY: Readonly<Record<string, string>> = Object.freeze({
	INR: 'IND',
	GBP: 'GBR',
	USD: 'USA',
	AUD: 'AUS',
});

function bankAt(name: string, country: string, fallback: Omit<BankAddress, 'address_line1' | 'country_code'>): ResolvedBank {
	const place = BANK_CITIES[country] ?? fallback;
	return {
		name,
		address: { address_line1: `1 ${name} Plaza`, city: place.city, state: place.state, country_code: country, postal_code: place.postal_code },
	};
}

/**
 * The bank behind a bank account's identifiers, or undefined when the directory cannot tell
 * (reserved code ZZZZ). `home` is the beneficiary's own address: the fallback for a country the
 * directory has no head-office city for.
 */
export function resolveBank(
	account: { swift_code?: string; local_routing_number?: string; account_number?: string; currency?: string },
	home: { country_code: string; city: string; state: string; postal_code: string },
): ResolvedBank | undefined {
	const swift = account.swift_code?.toUpperCase();
	const local = account.local_routing_number?.toUpperCase();
	if (swift?.startsWith('ZZZZ') || local?.startsWith('ZZZZ')) return undefined;
	if (swift) {
		const code = swift.slice(0, 4);
		const country = alpha3Of(swift.slice(4, 6)) ?? home.country_code;
		return bankAt(BANK_NAMES[code] ?? `Sandbox Bank ${code}`, country, home);
	}
	if (local) {
		if (IFSC.test(local)) return bankAt(BANK_NAMES[local.slice(0, 4)] ?? `Sandbox Bank ${local.slice(0, 4)}`, 'IND', home);
		const country = ROUTING_COUNTRY[account.currency ?? ''] ?? home.country_code;
		return bankAt(`Sandbox Bank ${local}`, country, home);
	}
	// an IBAN-only account: the country is in the IBAN, the bank code just after its check digits
	const iban = (account.account_number ?? '').replace(/\s+/g, '').toUpperCase();
	const country = alpha3Of(iban.slice(0, 2)) ?? home.country_code;
	return bankAt(`Sandbox Bank ${iban.slice(4, 8) || 'IBAN'}`, country, home);
}
