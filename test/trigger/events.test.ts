/**
 * The Glomo Trigger's Events list as people read it: in the node's parameter, and in n8n's node
 * creator, which lists one "On <event name>" action per option of a trigger's "Events" property.
 */
import { GlomoTrigger } from '../../nodes/GlomoTrigger/GlomoTrigger.node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { referenceDirectory } from '../spec/reference';

const events = new GlomoTrigger().description.properties.find((p) => p.displayName === 'Events');
const options = (events?.options ?? []) as Array<{ name: string; value: string; description?: string; action?: string }>;
const named = options.filter((o) => o.value !== '*');


/** n8n's node creator lists an option as its `action`, or else "On <name in lower case>" (editor-ui, triggersCategory). */
const creatorAction = (option: { name: string; action?: string }) => option.action ?? `On ${option.name.toLowerCase()}`;

describe('Glomo Trigger events read as people speak', () => {
	test.each([
		['payment.success', 'Payment Succeeded'],
		['payout.failed', 'Payout Failed'],
		['balance.balance.funded_balance.credited', 'Balance Credited'],
		['subscription.paused', 'Subscription Paused'],
		['payment_link.paid', 'Payment Link Paid'],
		['orders.paid', 'Order Paid'],
		['refund.utr.updated', 'Refund Bank Reference Added'],
		['kyc_journey.completed', 'KYC Completed'],
		['virtual_account.active', 'Virtual Account Activated'],
		['merchant.success', 'Merchant Approved'],
	])('%s is listed as "%s"', (value, name) => {
		expect(named.find((o) => o.value === value)?.name).toBe(name);
	});

	test('no name shows a raw value: no underscores, dots or lower-case words', () => {
		for (const { name } of named) {
			expect(name).not.toMatch(/[._]/);
			for (const word of name.split(' ')) if (!['to', 'of'].includes(word)) expect(word[0]).toBe(word[0].toUpperCase());
		}
	});

	test('every name is unique, short, and its node-creator action names the entity once', () => {
		expect(new Set(named.map((o) => o.name)).size).toBe(named.length);
		for (const option of named) {
			expect(option.name.split(' ').length).toBeLessThanOrEqual(5);
			const action = creatorAction(option);
			// today's wording had "On balance balance funded balance credited"
			expect(action).not.toMatch(/\b(\w+) \1\b/);
		}
	});

	test('the node creator shows "On <event>" in sentence case, acronyms kept ("On KYC completed")', () => {
		expect(creatorAction(named.find((o) => o.value === 'kyc_journey.completed')!)).toBe('On KYC completed');
		expect(creatorAction(named.find((o) => o.value === 'payment.success')!)).toBe('On payment succeeded');
		expect(creatorAction(named.find((o) => o.value === 'amc_folio_transaction.units_allotted')!)).toBe('On AMC units allotted');
		for (const option of named) expect(creatorAction(option)).toMatch(/^On [a-zA-Z]/);
	});

	test('each description says what happened and keeps Glomo\'s own value findable', () => {
		for (const { value, description } of named) {
			expect(description).toMatch(new RegExp(`^[A-Z].{10,}\\(Glomo's ${value.replace(/\./g, '\\.')}\\)$`));
		}
	});

	test('"Any Event" comes first, then the events in alphabetical order (n8n\'s rule for option lists)', () => {
		expect(options[0]).toMatchObject({ name: 'Any Event', value: '*' });
		const names = named.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	test('every event of the reference catalogue (glomo-domain.md §7.5) can be chosen', () => {
		const domain = readFileSync(join(referenceDirectory(), 'glomo-domain.md'), 'utf8');
		const section = domain.slice(domain.indexOf('### 7.5'), domain.indexOf('### 7.6'));
		const expected: string[] = [];
		for (const line of section.split('\n')) {
			const row = /^\| `([a-z_]+)`[^|]* \| (.+?) \|/.exec(line);
			if (!row) continue;
			// the event values are the back-quoted words before any "(+ legacy ...)" remark; a row may
			// say "same values as `payout`"
			const same = /^same values as `([a-z_]+)`/.exec(row[2]);
			const values = same
				? expected.filter((value) => value.startsWith(`${same[1]}.`)).map((value) => value.slice(same[1].length + 1))
				: [...row[2].split('(+')[0].matchAll(/`([a-z_.]+)`/g)].map((match) => match[1]);
			expected.push(...values.map((event) => `${row[1]}.${event}`));
		}
		expect(expected).toContain('settlement.pending_approval');
		expect(expected.length).toBeGreaterThan(70);
		expect(named.map((o) => o.value).sort()).toEqual(expected.sort());
	});
});
