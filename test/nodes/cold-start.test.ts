/**
 * The node's descriptions (about 90 operations, several hundred fields, country and currency lists)
 * are built once, when n8n loads the package, and never again while workflows run: an execution or
 * a list search builds no field, option list or operation description. (How long the load takes and
 * how big the package is: `npm run bench:load`.)
 */
import * as constants from '../../nodes/Glomo/helpers/constants';
import * as fields from '../../nodes/Glomo/helpers/fields';
import * as operation from '../../nodes/Glomo/helpers/operation';
import { useSandbox } from '../harness/use-sandbox';
import { createCustomerParams, rl, runGlomo } from './helpers';

const sandbox = useSandbox({ seed: 7 });

const builders = [
	jest.spyOn(operation, 'defineOperation'),
	jest.spyOn(operation, 'defineResource'),
	jest.spyOn(constants, 'countryOptions'),
	jest.spyOn(constants, 'currencyOptions'),
	jest.spyOn(fields, 'idLocator'),
	jest.spyOn(fields, 'currencyField'),
	jest.spyOn(fields, 'countryField'),
	jest.spyOn(fields, 'amountField'),
	jest.spyOn(fields, 'listFields'),
];

afterAll(() => {
	for (const spy of builders) spy.mockRestore();
});

test('running operations builds no description: every field and option list was built at load', async () => {
	for (const spy of builders) spy.mockClear();
	const created = await runGlomo(sandbox, { resource: 'customer', operation: 'create', ...createCustomerParams() });
	expect(created.error).toBeUndefined();
	const id = String(created.json('Glomo')[0].id);
	const read = await runGlomo(sandbox, { resource: 'customer', operation: 'get', customerId: rl(id) });
	expect(read.json('Glomo')[0].id).toBe(id);
	const listed = await runGlomo(sandbox, { resource: 'customer', operation: 'getAll', returnAll: true }, { items: [{}, {}, {}] });
	expect(listed.json('Glomo').length).toBeGreaterThanOrEqual(3);
	// the three runs reached the sandbox: the spies would have seen any description work they did
	expect(sandbox.requests.length).toBeGreaterThanOrEqual(3);
	for (const spy of builders) expect(spy).not.toHaveBeenCalled();
});

test('the spies do see description work when it happens (the check above can fail)', () => {
	for (const spy of builders) spy.mockClear();
	constants.currencyOptions();
	fields.idLocator('customer', 'Customer', 'searchCustomers');
	expect(builders[3]).toHaveBeenCalledTimes(1);
	expect(builders[4]).toHaveBeenCalledTimes(1);
});
