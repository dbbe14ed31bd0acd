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
	test.each([
		['an empty key', { secretKey: '' }, 'Glomo credential, Secret Key: is empty'],
		['a key of spaces', { secretKey: '  \t ' }, 'Glomo credential, Secret Key: is empty'],
		['a key with a newline inside', { secretKey: `${fakeKey()}\nX-Evil: 1` }, /^Glomo credential, Secret Key: contains a space, a line break/],
		['a key with a space inside', { secretKey: 'abc def ghi' }, /^Glomo credential, Secret Key: contains a space/],
		['a key with non-ASCII', { secretKey: 'clé-secrète-123' }, /^Glomo credential, Secret Key: contains a space, a line break or a character/],
		['a Base URL with a query', { baseUrl: 'http://127.0.0.1:9/?x=1' }, /^Glomo credential, Base URL: ".*" has a query \(\?\) or fragment \(#\)$/],
		['a Base URL with a fragment', { baseUrl: 'http://127.0.0.1:9/#top' }, /has a query \(\?\) or fragment/],
		['a Base URL with user:pass@', { baseUrl: 'http://admin:hunter22@127.0.0.1:9' }, 'Glomo credential, Base URL: must not contain a user name or password (user:pass@)'],
		['a Base URL on ftp', { baseUrl: 'ftp://api.glomopay.com' }, 'Glomo credential, Base URL: must start with https:// (got ftp:)'],
		['a javascript: Base URL', { baseUrl: 'javascript:alert(1)' }, 'Glomo credential, Base URL: must start with https:// (got javascript:)'],
		['a Base URL that is not a URL', { baseUrl: 'api.glomopay.com' }, 'Glomo credential, Base URL: "api.glomopay.com" is not a URL'],
		['a Live key over plain http', { secretKey: fakeKey('production'), environment: 'live', baseUrl: 'http://api.glomopay.com' }, 'Glomo credential, Base URL: a Live key is only ever sent over https://'],
		['Live over plain http with an opaque key', { secretKey: 'opaque-live-key-1', environment: 'live', baseUrl: 'http://api.glomopay.com' }, 'Glomo credential, Base URL: a Live key is only ever sent over https://'],
		['a timeout of 0', { timeout: 0 }, /^Glomo credential, Timeout \(Seconds\): must be from 1 to 600/],
	])('%s', async (_name, credentials, message) => {
		await expectRefused(balances, message, credentials);
	});

	test('the password of a user:pass@ Base URL appears nowhere', async () => {
		const result = await runGlomo(sandbox, balances, { credentials: { baseUrl: 'http://admin:hunter22@127.0.0.1:9' } });
		tally.add('cases');
		expect(result.dump()).not.toContain('hunter22');
	});
});
