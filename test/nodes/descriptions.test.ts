/**
 * The words of the Glomo node, as a user reads them in the editor and an AI agent reads them as a tool:
 * every operation's action, every field's description (what it is, its unit, its format, an example).
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';

const description = new Glomo().description;
const properties = description.properties as INodeProperties[];

interface Field {
	property: INodeProperties;
	/** resource.operation it is shown for, and the path inside collections */
	where: string;
}

function fieldsOf(list: INodeProperties[], where: string): Field[] {
	return list.flatMap((property) => {
		const show = property.displayOptions?.show;
		const here = show?.resource ? `${String(show.resource)}.${String(show.operation ?? '*')}` : where;
		const own: Field = { property, where: `${here} › ${property.displayName}` };
		if (property.type === 'collection' || property.type === 'fixedCollection') {
			const children = (property.options ?? []).flatMap((option) =>
				'values' in option ? (option as INodePropertyCollection).values : [option as INodeProperties],
			);
			return [own, ...fieldsOf(children, own.where)];
		}
		return [own];
	});
}

const fields = fieldsOf(
	properties.filter((p) => !['resource', 'operation'].includes(p.name)),
	'',
).filter(({ property }) => property.type !== 'notice' && property.type !== 'hidden');

const operations = properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) => (p.options as Array<INodePropertyOptions & { action: string }>).map((option) => ({ resource: String(p.displayOptions?.show?.resource), option })));

/** an example: a placeholder, "e.g." or "such as", or a sample written into the text ("10050 is 100.50 USD", "2 = ...") */
const hasExample = (property: INodeProperties) =>
	Boolean(property.placeholder) || /\be\.g\.|\bsuch as\b|\bfor example\b|\d+(\.\d+)? (is|=|means)\b|\(\d[^)]*\)/.test(property.description ?? '');

const failures = (list: Array<string | undefined>) => list.filter((entry): entry is string => entry !== undefined);

describe('operation actions read as a sentence (node creator, AI tool descriptions)', () => {
	test('every action is a short sentence-case phrase that starts with a verb', () => {
		const bad = failures(
			operations.map(({ resource, option }) => {
				const action = option.action;
				if (!/^[A-Z][a-z]+ /.test(action)) return `${resource}.${option.value}: "${action}" does not start with a capitalised verb`;
				if (/[.!]$/.test(action)) return `${resource}.${option.value}: "${action}" ends with a full stop`;
				if (action.length > 60) return `${resource}.${option.value}: "${action}" is longer than 60 characters`;
				// words after the first stay lower case unless they are names (API, RFI, KYC, FX, v1, a currency...)
				const shouting = action.split(' ').slice(1).find((word) => /^[A-Z][a-z]/.test(word));
				return shouting ? `${resource}.${option.value}: "${action}" capitalises "${shouting}"` : undefined;
			}),
		);
		expect(bad).toEqual([]);
	});

	test('every action is unique, and a mock operation\'s action says it is for the sandbox', () => {
		const actions = operations.map(({ option }) => option.action);
		expect(new Set(actions).size).toBe(actions.length);
		const mocks = operations.filter(({ option }) => String(option.value).startsWith('mock'));
		expect(mocks.length).toBeGreaterThan(6);
		expect(failures(mocks.map(({ resource, option }) => (/sandbox/i.test(option.action) ? undefined : `${resource}.${option.value}: "${option.action}"`)))).toEqual([]);
	});

	test('every operation has a description of what it does', () => {
		expect(failures(operations.map(({ resource, option }) => ((option.description ?? '').length >= 20 ? undefined : `${resource}.${option.value}`)))).toEqual([]);
	});
});

describe('every field says what it wants', () => {
	test('every field has a description (a collection such as "Options" is described by its fields)', () => {
		const described = fields.filter(({ property }) => !['collection', 'fixedCollection'].includes(property.type));
		expect(failures(described.map(({ property, where }) => (property.description?.trim() ? undefined : where)))).toEqual([]);
	});

	test('every text, number or date field shows an example (a placeholder or one in its description)', () => {
		const typed = fields.filter(({ property }) => ['string', 'number', 'dateTime'].includes(property.type));
		expect(typed.length).toBeGreaterThan(100);
		expect(failures(typed.map(({ property, where }) => (hasExample(property) ? undefined : where)))).toEqual([]);
	});

	test('every amount says its unit', () => {
		const amounts = fields.filter(({ property }) => property.type === 'number' && /amount/i.test(property.displayName));
		expect(amounts.length).toBeGreaterThan(5);
		const unit = /smallest unit|major units?|minor units?|cents|fils|basis points|decimal/i;
		expect(failures(amounts.map(({ property, where }) => (unit.test(property.description ?? '') ? undefined : where)))).toEqual([]);
	});

	test('every date says its format or time zone', () => {
		const dates = fields.filter(({ property }) => property.type === 'dateTime' || /\bdates?\b|\bexpir|\bafter\b|\bbefore\b/i.test(property.displayName));
		expect(dates.length).toBeGreaterThan(10);
		const format = /ISO 8601|YYYY-MM-DD|UTC|time zone|workflow's/i;
		expect(failures(dates.map(({ property, where }) => (format.test(property.description ?? '') ? undefined : where)))).toEqual([]);
	});
});

describe('the Resource dropdown', () => {
	const resource = properties.find((p) => p.name === 'resource');
	const options = (resource?.options ?? []) as INodePropertyOptions[];

	test('lists the resources alphabetically, each described with its area first ("Money in · ...")', () => {
		expect(options.length).toBeGreaterThan(20);
		const names = options.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const areas = ['Account', 'Balances & FX', 'Compliance', 'Customers', 'Money in', 'Money out', 'Money out & in', 'Platforms', 'Recurring billing'];
		for (const option of options) {
			const [area, what] = (option.description ?? '').split(' · ');
			expect([option.name, areas.includes(area)]).toEqual([option.name, true]);
			expect(what?.length).toBeGreaterThan(10);
		}
		// every area holds at least one resource, and money in has the most
		const count = (area: string) => options.filter((o) => o.description?.startsWith(`${area} · `)).length;
		for (const area of areas) expect([area, count(area) > 0]).toEqual([area, true]);
		expect(count('Money in')).toBe(Math.max(...areas.map(count)));
	});
});
