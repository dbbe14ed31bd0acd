/**
 * Hostile values in parameters and credentials, as expressions, sheets or a careless paste can
 * produce them: each is refused by name before anything is sent (the sandbox records 0 requests).
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { createCustomerParams, rl, runGlomo } from '../nodes/helpers';
import { fakeKey } from './helpers';
import { useTally } from './tally';

const tally = useTally(__filename);
const sandbox = useSandbox({ seed: 31 });

const getCustomer = (id: unknown): IDataObject => ({ resource: 'customer', operation: 'get', customerId: rl(String(id)) });
const convert = (amount: unknown, extra: IDataObject = {}): IDataObject => ({
	resource: 'balanceConversion',
	operation: 'create',
	sourceCurrency: 'USD',
	targetCurrency: 'EUR',
	fixedSide: 'source',
	amount: amount as IDataObject[string],
	...extra,
});
const listCustomers = (filters: IDataObject, extra: IDataObject = {}): IDataObject => ({
	resource: 'customer',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	filters,
	...extra,
});

async function expectRefused(parameters: IDataObject, message: string | RegExp, credentials: IDataObject = {}, items?: IDataObject[]) {
	const result = await runGlomo(sandbox, parameters, { credentials, items });
	tally.add('cases');
	const error = result.error;
	expect(error?.name).toBe('NodeOperationError');
	if (typeof message === 'string') expect(error?.message).toBe(message);
	else expect(error?.message).toMatch(message);
	expect(error?.context?.itemIndex).toBe(0);
	expect(sandbox.requests).toHaveLength(0);
	tally.add('refusedInputs');
	tally.add('requestsForRefused', sandbox.requests.length);
	return error;
}

describe('ids', () => {
	test.each([
		['a bare prefix', 'cust_'],
		['five characters after the prefix', 'cust_abcde'],
		['10,000 characters', `cust_${'a'.repeat(10_000)}`],
		['a slash', 'cust_abc/../../balances'],
		['a query', 'cust_abcdef?x=1'],
		['a newline', 'cust_abcdef\nHost: evil'],
		['a percent-encoded slash', 'cust_abcdef%2F..'],
		['unicode look-alikes', 'cust_abcdeｆ'],
		['another resource\'s prefix', 'payout_abcdef12'],
	])('%s', async (_name, id) => {
		// from an expression: n8n's own check of the By ID pattern sees only literal values
		await expectRefused(getCustomer('={{ $json.id }}'), /^Customer: ".*" is not a valid ID$/, {}, [{ id }]);
	});
});

test('an id with a line break is quoted on one line, so it cannot forge a log line', async () => {
	await expectRefused(getCustomer('={{ $json.id }}'), 'Customer: "cust_abcdef\\x0aHost: evil" is not a valid ID', {}, [{ id: 'cust_abcdef\nHost: evil' }]);
});

describe('amounts', () => {
	test.each([
		['hex text', '0x10'],
		['binary text', '0b11'],
		['octal text', '0o17'],
		['exponent text', '1e3'],
		['a sign', '+100'],
		['thousands separators', '1,000'],
		['spaces inside', '10 00'],
		['Infinity', 'Infinity'],
		['a negative number', -5],
		['zero', 0],
	])('%s is refused by name', async (_name, amount) => {
		await expectRefused(convert(amount), /^Amount: must be a (positive|whole) number/);
	});

	test.each([
		['2^53 + 1 as text', '9007199254740993'],
		['2^53 + 1 as a number', 9007199254740993],
		['1e21', 1e21],
	])('%s is refused instead of being altered', async (_name, amount) => {
		await expectRefused(convert(amount), /^Amount: .* is too large to be sent exactly$/);
	});

	test('more decimals than the currency has, typed as text, are refused', async () => {
		await expectRefused(convert('100.50000000000001', { options: { decimalAmounts: true } }), 'Amount: 100.50000000000001 has more decimals than USD allows');
	});

	test('plain digits as text are accepted and sent exactly', async () => {
		const result = await runGlomo(sandbox, convert(' 100 '));
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({ source_currency: 'USD', target_currency: 'EUR', source_amount: 100 });
	});
});

describe('dates', () => {
	test.each([
		['an offset of +25:00', '2024-01-01T00:00:00+25:00', /has a UTC offset beyond/],
		['an offset of -13:00', '2024-01-01T00:00:00-13:00', /has a UTC offset beyond/],
		['the year 10000', '+010000-01-01T00:00:00Z', /is outside the years 1900 to 2999/],
		['the year 1', '0001-01-01T00:00:00Z', /is outside the years 1900 to 2999/],
		['a word', 'tomorrow', /is not a date/],
		['February 30th', '2024-02-30', /is not a date/],
	])('%s', async (_name, value, message) => {
		await expectRefused(listCustomers({ after: value }), message);
	});
});

describe('choices given by expression', () => {
	test.each([
		['a third Fixed Side', convert(100, { fixedSide: 'middle' }), 'Fixed Side: "middle" is not one of the choices'],
		['a third Customer Type', createCustomerParams({ customerType: 'alien' }), 'Customer Type: "alien" is not one of the choices'],
		['a Customer Type filter', listCustomers({ customerType: 'robot' }), 'Filters > Customer Type: "robot" is not one of the choices'],
		['an unknown Output', { resource: 'balance', operation: 'getAll', output: 'xml' }, 'Output: "xml" is not one of the choices'],
		['Return All as the text "false"', listCustomers({}, { returnAll: 'false' }), 'Return All: must be true or false, got "false"'],
		['a switch as a number', convert(100, { options: { decimalAmounts: 1 } }), 'Options > Amounts in Decimal Units: must be true or false, got "1"'],
	])('%s', async (_name, parameters, message) => {
		await expectRefused(parameters, message);
	});
});

describe('credentials', () => {
	const balances = { resource: 'balance', operation: 'getAll' };
	const nothingSent = ' Nothing was sent to Glomo.';
	const pasteKey = `Paste the secret key from the Glomo dashboard (Settings > API Keys).${nothingSent}`;
	const pasteAlone = `Paste the key again on its own, without surrounding text.${nothingSent}`;
	const apiRoot = `Use the root of the API, such as https://api.glomopay.com.${nothingSent}`;
	const noUser = `They would replace the secret key in the Authorization header. Remove them from the URL.${nothingSent}`;
	const httpsOnly = `Plain http:// would expose the key and payment data to the network. Use https:// (plain http:// is accepted only for this machine, 127.0.0.1 or localhost).${nothingSent}`;
	const setTimeout = `Set how long to wait for an answer from Glomo.${nothingSent}`;
	const setRate = `Set the limit of your Glomo account (3000 unless Glomo gave you another).${nothingSent}`;
	const live = (baseUrl: string) => ({ secretKey: fakeKey('production'), environment: 'live', baseUrl });
	test.each([
		['an empty key', { secretKey: '' }, 'Glomo credential, Secret Key: is empty', pasteKey],
		// n8n fills a field the credential leaves out with its default, an empty key
		['no key at all', { secretKey: undefined }, 'Glomo credential, Secret Key: is empty', pasteKey],
		['a key of spaces', { secretKey: '  \t ' }, 'Glomo credential, Secret Key: is empty', pasteKey],
		['a key with a newline inside', { secretKey: `${fakeKey()}\nX-Evil: 1` }, /^Glomo credential, Secret Key: contains a space, a line break/, pasteAlone],
		['a key with a space inside', { secretKey: 'abc def ghi' }, /^Glomo credential, Secret Key: contains a space/, pasteAlone],
		['a key with non-ASCII', { secretKey: 'clé-secrète-123' }, /^Glomo credential, Secret Key: contains a space, a line break or a character/, pasteAlone],
		['a Base URL with a query', { baseUrl: 'http://127.0.0.1:9/?x=1' }, 'Glomo credential, Base URL: "http://127.0.0.1:9/?x=1" has a query (?) or fragment (#)', apiRoot],
		['a Base URL with a fragment', { baseUrl: 'http://127.0.0.1:9/#top' }, /has a query \(\?\) or fragment/, apiRoot],
		['a Base URL with user:pass@', { baseUrl: 'http://admin:hunter22@127.0.0.1:9' }, 'Glomo credential, Base URL: must not contain a user name or password (user:pass@)', noUser],
		['a Base URL with a user name only', { baseUrl: 'http://admin@127.0.0.1:9' }, 'Glomo credential, Base URL: must not contain a user name or password (user:pass@)', noUser],
		['a Base URL with a password only', { baseUrl: 'http://:hunter22@127.0.0.1:9' }, 'Glomo credential, Base URL: must not contain a user name or password (user:pass@)', noUser],
		['a Base URL on ftp', { baseUrl: 'ftp://api.glomopay.com' }, 'Glomo credential, Base URL: must start with https:// (got ftp:)', apiRoot],
		['a javascript: Base URL', { baseUrl: 'javascript:alert(1)' }, 'Glomo credential, Base URL: must start with https:// (got javascript:)', apiRoot],
		['a Base URL that is not a URL', { baseUrl: 'api.glomopay.com' }, 'Glomo credential, Base URL: "api.glomopay.com" is not a URL', apiRoot],
		['a Live key over plain http', live('http://api.glomopay.com'), 'Glomo credential, Base URL: a Live key is only ever sent over https://', httpsOnly],
		['a Live key over plain http to a name that starts like loopback', live('http://127.0.0.1.nip.io:9'), 'Glomo credential, Base URL: a Live key is only ever sent over https://', httpsOnly],
		['Live over plain http with an opaque key', { secretKey: 'opaque-live-key-1', environment: 'live', baseUrl: 'http://api.glomopay.com' }, 'Glomo credential, Base URL: a Live key is only ever sent over https://', httpsOnly],
		['a timeout of 0', { timeout: 0 }, 'Glomo credential, Timeout (Seconds): must be from 1 to 600, got 0', setTimeout],
		['a timeout of 601', { timeout: 601 }, 'Glomo credential, Timeout (Seconds): must be from 1 to 600, got 601', setTimeout],
		['a timeout that is not a number', { timeout: 'soon' }, 'Glomo credential, Timeout (Seconds): must be from 1 to 600, got soon', setTimeout],
		['a rate limit of 0', { requestsPerMinute: 0 }, 'Glomo credential, Rate Limit (Requests per Minute): must be from 1 to 100000, got 0', setRate],
		['a rate limit above 100000', { requestsPerMinute: 100_001 }, 'Glomo credential, Rate Limit (Requests per Minute): must be from 1 to 100000, got 100001', setRate],
	])('%s', async (_name, credentials, message, description) => {
		const error = await expectRefused(balances, message, credentials as IDataObject);
		expect(error?.description).toBe(description);
	});

	test.each([
		['a timeout left empty', { timeout: '' }],
		['a timeout of null', { timeout: null }],
		['no timeout at all', { timeout: undefined }],
		['a timeout of 600', { timeout: 600 }],
		['a rate limit left empty', { requestsPerMinute: '' }],
		['a rate limit of null', { requestsPerMinute: null }],
		['a rate limit of 100000', { requestsPerMinute: 100_000 }],
		['a key and Base URL pasted with spaces around', { secretKey: 'KEY', baseUrl: ' URL \n' }],
	])('%s is accepted and the request sent', async (_name, credentials) => {
		const given = Object.fromEntries(
			Object.entries(credentials).map(([field, value]) => [field, typeof value === 'string' ? value.replace('KEY', ` ${sandbox.secretKey}\n`).replace('URL', sandbox.url) : value]),
		);
		const result = await runGlomo(sandbox, balances, { credentials: given as IDataObject });
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
	});

	// nothing listens on port 9 (discard); a .invalid name never resolves: the request leaving the node proves the credential passed
	test.each([
		['a Base URL over https', { baseUrl: 'https://127.0.0.1:9' }, 'Glomo could not be reached: the connection was refused'],
		['a Sandbox key over plain http to another host', { baseUrl: 'http://glomo-api.invalid' }, 'Glomo could not be reached: the host name does not exist'],
		['a Live key over https to another host', live('https://glomo-api.invalid'), 'Glomo could not be reached: the host name does not exist'],
		['a Live key over plain http to localhost', live('http://localhost:9'), /^Glomo could not be reached: /],
		['a Live key over plain http to [::1]', live('http://[::1]:9'), /^Glomo could not be reached: /],
		['a Live key over plain http to 127.0.0.10', live('http://127.0.0.10:9'), 'Glomo could not be reached: the connection was refused'],
	])('%s passes the checks and is sent', async (_name, credentials, message) => {
		const result = await runGlomo(sandbox, balances, { credentials: credentials as IDataObject });
		tally.add('cases');
		expect(result.error?.name).toBe('NodeApiError');
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
	});

	test('the password of a user:pass@ Base URL appears nowhere', async () => {
		const result = await runGlomo(sandbox, balances, { credentials: { baseUrl: 'http://admin:hunter22@127.0.0.1:9' } });
		tally.add('cases');
		expect(result.dump()).not.toContain('hunter22');
	});
});

describe('what each refusal says, and the edges that pass', () => {
	const listConversions = (filters: IDataObject): IDataObject => ({ resource: 'balanceConversion', operation: 'getAll', returnAll: false, limit: 5, filters });
	const ID_HINT = 'IDs of this kind are "cust_" followed by 6 to 64 letters or digits. Nothing was sent to Glomo.';
	test.each([
		['an amount in words', convert('ten'), 'Amount: must be a positive number, got "ten"', 'Write it with digits only, such as 10050 or 100.50: no signs, separators, hex or exponents.'],
		['a fractional amount in minor units', convert(100.5), 'Amount: must be a whole number of the smallest currency unit, got 100.5', 'Glomo amounts are integers in minor units: 100.50 USD is 10050.'],
		['a fractional amount typed in minor units', convert('100.5'), 'Amount: must be a whole number of the smallest currency unit, got 100.5', 'Glomo amounts are integers in minor units: 100.50 USD is 10050.'],
		['2^53 + 1 typed', convert('9007199254740993'), 'Amount: 9007199254740993 is too large to be sent exactly', 'Amounts up to 9007199254740991 minor units can be sent.'],
		['an amount of true, by expression', convert('={{ true }}'), 'Amount: must be a positive number, got "true"', undefined],
		['an infinite amount, by expression', convert('={{ 1 / 0 }}'), 'Amount: must be a positive number, got "Infinity"', undefined],
		['a decimal amount finer than the cent, by expression', convert('={{ 100.505 }}', { options: { decimalAmounts: true } }), 'Amount: 100.505 has more decimals than USD allows', undefined],
		['an id of the wrong shape', getCustomer('={{ "cust_1" }}'), 'Customer: "cust_1" is not a valid ID', ID_HINT],
		['an id as a number, by expression', getCustomer('={{ 1234567 }}'), 'Customer: "1234567" is not a valid ID', ID_HINT],
		['an id of 100 characters, shown cut at 80', getCustomer(`={{ "${'k'.repeat(100)}" }}`), `Customer: "${'k'.repeat(80)}…" is not a valid ID`, ID_HINT],
		['an id of 80 characters, shown whole', getCustomer(`={{ "${'k'.repeat(80)}" }}`), `Customer: "${'k'.repeat(80)}" is not a valid ID`, ID_HINT],
		['an empty id', getCustomer('={{ "" }}'), 'Customer: is required', ID_HINT],
		['a limit of 0', listCustomers({}, { limit: 0 }), 'Limit: must be a whole number of at least 1', undefined],
		['an empty currency, by expression', convert(100, { sourceCurrency: '={{ "" }}' }), 'From Currency: is required', undefined],
		['a currency outside the call\'s own', convert(100, { sourceCurrency: '={{ "INR" }}' }), 'From Currency: "INR" is not a supported currency', 'Use one of USD, EUR, GBP.'],
		['a currency filter that is no currency', listConversions({ sourceCurrency: 'XXY' }), 'From Currency: "XXY" is not a supported currency', 'Use an ISO 4217 code such as USD.'],
		['a currency given as a number', listConversions({ sourceCurrency: '={{ 978 }}' }), 'From Currency: "978" is not a supported currency', 'Use an ISO 4217 code such as USD.'],
		['a country in words', createCustomerParams({ country: '={{ " India " }}' }), 'Country: "India" is not an ISO 3166-1 alpha-3 country code', 'Use a three-letter code such as IND, USA or ARE.'],
		['a country as a number', createCustomerParams({ country: '={{ 356 }}' }), 'Country: "356" is not an ISO 3166-1 alpha-3 country code', 'Use a three-letter code such as IND, USA or ARE.'],
		['a required text of spaces', createCustomerParams({ city: '   ' }), 'City: is required', undefined],
		['a required text that is NaN, by expression', createCustomerParams({ city: '={{ NaN }}' }), 'City: is required', undefined],
	])('%s', async (_name, parameters, message, description) => {
		const error = await expectRefused(parameters, message);
		expect(error?.description).toBe(description);
	});

	test.each([
		['a decimal amount with two decimals', convert('100.25', { options: { decimalAmounts: true } }), { source_amount: 10025 }],
		['a decimal amount with trailing zeros', convert('100.5000', { options: { decimalAmounts: true } }), { source_amount: 10050 }],
		['a whole amount by expression', convert('={{ 2500 }}'), { source_amount: 2500 }],
		['the largest exact amount', convert('9007199254740991'), { source_amount: 9007199254740991 }],
		['a currency in lower case, with spaces', convert(100, { sourceCurrency: '={{ " usd " }}', targetCurrency: 'GBP' }), { source_currency: 'USD', target_currency: 'GBP' }],
	])('%s is sent', async (_name, parameters, sent) => {
		await runGlomo(sandbox, parameters);
		tally.add('cases');
		// the sandbox's balance may refuse the largest amount: what matters is what was sent
		expect(sandbox.requests[0].body).toEqual(expect.objectContaining(sent));
	});

	test.each([
		['a limit of 1', listCustomers({}, { limit: 1 }), { per_page: expect.anything() }],
		['an offset of +14:00', listCustomers({ after: '2024-01-01T00:00:00+14:00' }), { after: '2023-12-31T10:00:00.000Z' }],
		['an offset of -12:00', listCustomers({ after: '2024-01-01T00:00:00-12:00' }), { after: '2024-01-01T12:00:00.000Z' }],
		['the year 1900', listCustomers({ after: '1900-01-01T00:00:00Z' }), { after: '1900-01-01T00:00:00.000Z' }],
		['the year 2999', listCustomers({ before: '2999-12-31T00:00:00Z' }), { before: '2999-12-31T00:00:00.000Z' }],
		['a date in spaces', listCustomers({ after: ' 2024-01-01T00:00:00Z ' }), { after: '2024-01-01T00:00:00.000Z' }],
		['a text filter in spaces', listCustomers({ email: '  asha@example.com ' }), { email_address: 'asha@example.com' }],
		['a currency filter in lower case', listConversions({ sourceCurrency: 'eur' }), { source_currency: 'EUR' }],
	])('%s passes', async (_name, parameters, query) => {
		const result = await runGlomo(sandbox, parameters);
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(sandbox.requests[0].query).toEqual(expect.objectContaining(query));
	});

	test('filters left empty, null or unknown (from an older version of the node) are not sent', async () => {
		const result = await runGlomo(sandbox, listCustomers({ email: '', customerType: '={{ null }}', taxIdentificationNumber: '   ', retiredFilter: 'x' }));
		tally.add('cases');
		expect(result.error).toBeUndefined();
		expect(Object.keys(sandbox.requests[0].query).sort()).toEqual(['page', 'per_page']);
	});
});
