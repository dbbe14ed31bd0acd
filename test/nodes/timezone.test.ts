import { useSandbox } from '../harness/use-sandbox';
import { runGlomo } from './helpers';

const sandbox = useSandbox({ seed: 5 });

test('a date-time without offset is read in the workflow\'s time zone and sent in UTC', async () => {
	const result = await runGlomo(
		sandbox,
		{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { after: '2024-03-01T09:00:00', before: '2024-03-02T09:00:00+00:00' } },
		{ timezone: 'Asia/Kolkata' },
	);
	expect(result.error).toBeUndefined();
	expect(sandbox.requests[0].query.after).toBe('2024-03-01T03:30:00.000Z');
	// an explicit offset wins over the workflow's zone
	expect(sandbox.requests[0].query.before).toBe('2024-03-02T09:00:00.000Z');
});

test('a date of birth keeps the calendar day the user picked, whatever the zone', async () => {
	const result = await runGlomo(
		sandbox,
		{
			resource: 'customer',
			operation: 'create',
			name: 'Tz Person',
			customerType: 'individual',
			email: 'tz.person@example.com',
			address: '1 Main St',
			city: 'Auckland',
			state: 'Auckland',
			country: 'NZL',
			pincode: '1010',
			additionalFields: { dob: '1990-06-15T00:00:00' },
		},
		{ timezone: 'Pacific/Auckland' },
	);
	expect(result.error).toBeUndefined();
	expect((sandbox.requests[0].body as { dob: string }).dob).toBe('1990-06-15');
});
