/**
 * Fixed reference data for the sandbox (immutable: safe to share between instances).
 */

/** Fixed mid-market table: units of each currency per 1 USD (illustrative values, not live rates). */
export const UNITS_PER_USD: Readonly<Record<string, number>> = Object.freeze({
	USD: 1,
	EUR: 0.92,
	GBP: 0.79,
	AED: 3.6725,
	SGD: 1.35,
	AUD: 1.53,
	INR: 83.5,
	CAD: 1.37,
	CHF: 0.88,
	JPY: 151,
	HKD: 7.82,
	NZD: 1.66,
	SAR: 3.75,
	QAR: 3.64,
	KWD: 0.3075,
	BHD: 0.376,
	OMR: 0.385,
	CNY: 7.23,
	ZAR: 18.6,
	SEK: 10.6,
	NOK: 10.7,
	DKK: 6.87,
	MYR: 4.72,
	THB: 36.2,
	PHP: 56.5,
	IDR: 15800,
	MXN: 17,
	BRL: 5.05,
	TRY: 32.2,
	PLN: 3.98,
	CZK: 23.4,
	HUF: 362,
	ILS: 3.7,
	KRW: 1345,
	BDT: 110,
	PKR: 278,
	LKR: 300,
	NPR: 133.6,
	KES: 130,
	NGN: 1450,
	EGP: 47.5,
});

/** Minor-unit exponent (2 unless listed). */
const EXPONENTS: Readonly<Record<string, number>> = Object.freeze({ JPY: 0, KRW: 0, KWD: 3, BHD: 3, OMR: 3 });

export function minorExponent(currency: string): number {
	return EXPONENTS[currency] ?? 2;
}

export function isKnownCurrency(code: string): boolean {
	return Object.prototype.hasOwnProperty.call(UNITS_PER_USD, code);
}

/** Mid-market rate: units of `target` per 1 unit of `source` (8 significant digits). */
export function midMarketRate(source: string, target: string): number {
	if (source === target) return 1;
	const r = UNITS_PER_USD[target] / UNITS_PER_USD[source];
	return Number(r.toPrecision(8));
}

/** Convert a minor-unit amount with a major-unit rate, accounting for differing exponents. */
export function convertMinor(amount: number, source: string, target: string, rate: number): number {
	const scale = Math.pow(10, minorExponent(target) - minorExponent(source));
	return amount * rate * scale;
}

/** Balances every new sandbox starts with (minor units). */
export const SEED_BALANCES: Readonly<Record<string, { available: number; pending: number }>> = Object.freeze({
	USD: { available: 100_000_000, pending: 250_000 },
	EUR: { available: 50_000_000, pending: 0 },
	GBP: { available: 50_000_000, pending: 0 },
	AED: { available: 200_000_000, pending: 0 },
	SGD: { available: 50_000_000, pending: 0 },
	AUD: { available: 50_000_000, pending: 0 },
});

/** ISO 3166-1 alpha-3 country codes. */
export const ISO_ALPHA3 = new Set(
	(
		'AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL ' +
		'BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI ' +
		'CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB ' +
		'GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL ' +
		'IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS ' +
		'MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA ' +
		'NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA ' +
		'MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE ' +
		'SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB ' +
		'VIR WLF ESH YEM ZMB ZWE'
	).split(' '),
);

export interface Priced {
	rate: number;
	sourceAmount: number;
	targetAmount: number;
	/** fee in source minor units */
	fee: number;
}

/**
 * Prices a currency exchange with a fee in basis points of the source amount. Exactly one side is
 * fixed: a fixed source pays the fee out of it; a fixed target grosses the source up to cover it.
 * Returns undefined when a fixed source is too small to deliver one minor unit.
 */
export function priceExchange(
	source: string,
	target: string,
	fixed: { sourceAmount?: number; targetAmount?: number },
	feeBps: number,
): Priced | undefined {
	const rate = midMarketRate(source, target);
	if (fixed.sourceAmount !== undefined) {
		const sourceAmount = fixed.sourceAmount;
		const fee = Math.round((sourceAmount * feeBps) / 10_000);
		const targetAmount = Math.floor(convertMinor(sourceAmount - fee, source, target, rate) + 1e-6);
		return targetAmount < 1 ? undefined : { rate, sourceAmount, targetAmount, fee };
	}
	const targetAmount = fixed.targetAmount as number;
	const net = Math.ceil(convertMinor(targetAmount, target, source, 1 / rate) - 1e-6);
	const sourceAmount = Math.ceil((net * 10_000) / (10_000 - feeBps));
	return { rate, sourceAmount, targetAmount, fee: sourceAmount - net };
}
