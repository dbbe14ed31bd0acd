import { runListSearch } from '../harness';
import { useSandbox } from '../harness/use-sandbox';

const sandbox = useSandbox({ seed: 909 });
const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });

beforeAll(() => {
	for (let n = 0; n < 130; n++) {
		sandbox.insert('customer', { name: `Person ${n}`, email: `person${n}@example.com`, customer_type: 'individual', country: 'IND' });
	}
	sandbox.insert('customer', { name: 'Zara Quinn', email: 'zara@quinn.example', customer_type: 'business', country: 'ARE' });
});

test('"From List" shows customers by name and email, page by page', async () => {
	const first = await runListSearch('searchCustomers', credentials());
	expect(first.results).toHaveLength(100);
	expect(first.results[0]).toEqual({ name: 'Zara Quinn (zara@quinn.example)', value: expect.stringMatching(/^cust_/) });
	expect(first.paginationToken).toBe('2');
	const second = await runListSearch('searchCustomers', credentials(), { paginationToken: first.paginationToken as string });
	expect(second.results).toHaveLength(31);
	expect(second.paginationToken).toBeUndefined();
	expect(sandbox.requests.map((r) => r.query.page)).toEqual(['1', '2']);
});

test('typing a name filters the list; typing an email asks Glomo for exactly that customer', async () => {
	const byName = await runListSearch('searchCustomers', credentials(), { filter: 'quinn' });
	expect(byName.results.map((r) => r.name)).toEqual(['Zara Quinn (zara@quinn.example)']);
	sandbox.clearRequests();
	const byEmail = await runListSearch('searchCustomers', credentials(), { filter: 'Person7@example.com' });
	expect(byEmail.results.map((r) => r.name)).toEqual(['Person 7 (person7@example.com)']);
	expect(sandbox.requests[0].query.email_address).toBe('person7@example.com');
});

test('the list honours the environment guard like every request', async () => {
	await expect(
		runListSearch('searchCustomers', { ...credentials(), secretKey: sandbox.issueKey('production') }),
	).rejects.toThrow("The secret key is a Live key, but the credential's Environment is Sandbox");
	expect(sandbox.requests).toHaveLength(0);
});
