import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toMajorUnits } from '../../helpers/amounts';
import { amountField, currencyField, decimalAmountsOption, idLocator } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency, getId, getString, invalid, optionalText } from '../../helpers/params';
import { checkLength } from '../../helpers/text';
import type { GlomoClient } from '../../transport';
import { ORDER_CURRENCIES } from '../order/shared';
import { getDay, INTERVALS, plus, todayUtc } from './shared';

/** Glomo's limits (published spec, glomo-domain.md §10.5, §11). */
const MAX_PRODUCT_NAME = 128;
const MAX_DESCRIPTION = 512;
const MIN_CYCLES = 2;
const MAX_EXPIRY_MONTHS = 6;

const fixedOnly = { hide: { interval: ['asPresented'] } };
const asPresentedOnly = { show: { interval: ['asPresented'] } };

export const description = defineOperation(
	'subscription',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a subscription',
		description:
			'Set up recurring card charges for a customer; outputs the subscription with its subscription_link_url first, the page where the customer pays the first charge',
	},
	[
		idLocator('customer', 'Customer', 'searchCustomers', {
			description: 'Who subscribes and pays: a customer picked from the list or given by ID, e.g. cust_5JU9yv0lGSUP',
		}),
		{
			displayName: 'Product Name',
			name: 'productName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ShieldGuard Insurance',
			description: `What the customer subscribes to, shown on the payment page: text of up to ${MAX_PRODUCT_NAME} characters, e.g. Pro Hosting`,
		},
		{
			displayName: 'Product Description',
			name: 'productDescription',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 2 },
			placeholder: 'Managed hosting for one site, support included',
			description: `A line about the product, shown under its name: text of up to ${MAX_DESCRIPTION} characters, e.g. Managed hosting for one site`,
		},
		currencyField('currency', 'Currency', {
			only: ORDER_CURRENCIES,
			required: true,
			description: 'The currency of every charge, as an ISO 4217 code, e.g. USD',
		}),
		amountField('amount', 'Amount', {
			description:
				'What each billing cycle charges (As Presented: the first charge), in the smallest unit of the currency as a whole number: 4999 is 49.99 USD. Turn on Options > Amounts in Decimal Units to type 49.99 instead.',
		}),
		{
			displayName: 'Interval',
			name: 'interval',
			type: 'options',
			options: [
				{
					name: 'As Presented',
					value: 'asPresented',
					description: 'No schedule: you charge the card on file when you need to (Payment › Create, Later Charge), up to Max Amount each time',
				},
				{ name: 'Half-Yearly', value: 'halfYearly', description: 'Charged every 6 months; up to 20 billing cycles' },
				{ name: 'Monthly', value: 'monthly', description: 'Charged every month; up to 120 billing cycles (10 years)' },
				{ name: 'Quarterly', value: 'quarterly', description: 'Charged every 3 months; up to 40 billing cycles' },
				{ name: 'Yearly', value: 'yearly', description: 'Charged every year; up to 10 billing cycles' },
			],
			default: 'monthly',
			required: true,
			description: 'How often the customer is charged, e.g. Monthly (Glomo\'s interval_type month with interval_count 1)',
		},
		{
			displayName: 'Billing Cycles',
			name: 'billingCycles',
			type: 'number',
			default: 12,
			required: true,
			typeOptions: { minValue: MIN_CYCLES, maxValue: 120, numberPrecision: 0 },
			displayOptions: fixedOnly,
			description:
				'How many times the customer is charged, the first payment included: a whole number from 2 up to the 10-year lifetime of the interval (120 monthly, 40 quarterly, 20 half-yearly, 10 yearly), e.g. 12',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: fixedOnly,
			description:
				'The first billing date, YYYY-MM-DD, e.g. 2026-12-01: today or later in UTC (Glomo\'s calendar). A date with a time is read as the date it is in the workflow\'s time zone.',
		},
		amountField('maxAmount', 'Max Amount', {
			displayOptions: asPresentedOnly,
			description:
				'The most one charge may take, in the same unit as the Amount: the smallest unit of the currency, 20000 is 200.00 USD (or 200 with Options > Amounts in Decimal Units on). At least the Amount.',
		}),
		{
			displayName: 'Link Expires At',
			name: 'expiresAt',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'The last day the customer can pay the first charge on the subscription link, YYYY-MM-DD, e.g. 2026-12-08: on or after the Start Date and at most 6 months after it (As Presented: from today), in UTC',
		},
		{
			displayName: 'Notify Customer',
			name: 'notifyCustomer',
			type: 'boolean',
			default: true,
			description: 'Whether Glomo emails the customer when the subscription changes (for example when it is charged, paused or cancelled)',
		},
		{
			displayName: 'Starts With First Payment',
			name: 'startsWithFirstPayment',
			type: 'boolean',
			default: true,
			displayOptions: fixedOnly,
			description:
				'Whether the schedule is counted from the day the customer pays the first charge (on; for example, paid on the 5th, monthly charges then fall on the 5th), or stays on the Start Date (off: paid before a later Start Date, the subscription is authorized and its first charge runs on the Start Date)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				decimalAmountsOption,
				{
					displayName: 'Plan Description',
					name: 'planDescription',
					type: 'string',
					default: '',
					description: `What the plan includes, shown to the customer: text of up to ${MAX_DESCRIPTION} characters, e.g. One site, 10 GB storage`,
				},
				{
					displayName: 'Plan Name',
					name: 'planName',
					type: 'string',
					default: '',
					description: `The plan of the product, shown to the customer: text of up to ${MAX_PRODUCT_NAME} characters, e.g. Starter`,
				},
			],
		},
	],
);

/** Billing Cycles: a whole number from 2 to the interval's 10-year lifetime. */
function billingCycles(ctx: IExecuteFunctions, itemIndex: number, intervalName: string, max: number): number {
	const value = ctx.getNodeParameter('billingCycles', itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value.trim() : undefined;
	const cycles = text !== undefined && /^\d+$/.test(text) ? Number(text) : value;
	if (typeof cycles !== 'number' || !Number.isInteger(cycles) || cycles < MIN_CYCLES || cycles > max) {
		throw invalid(
			ctx,
			itemIndex,
			'Billing Cycles',
			`must be a whole number from ${MIN_CYCLES} to ${max} for a ${intervalName} subscription, got "${String(value)}"`,
			`A subscription lives at most 10 years: ${max} cycles at this interval. Nothing was sent to Glomo.`,
		);
	}
	return cycles;
}

/** The link's expiry: on or after the start, at most 6 months after it. */
function checkExpiry(ctx: IExecuteFunctions, itemIndex: number, start: string, startName: string): string {
	const expires = getDay(ctx, 'expiresAt', itemIndex, 'Link Expires At', `Give the last day the customer can pay the first charge, on or after ${startName}.`);
	if (expires < start) {
		throw invalid(ctx, itemIndex, 'Link Expires At', `${expires} is before ${startName} (${start})`, 'The link must stay open at least until the subscription starts. Nothing was sent to Glomo.');
	}
	const latest = plus(start, { months: MAX_EXPIRY_MONTHS });
	if (expires > latest) {
		throw invalid(
			ctx,
			itemIndex,
			'Link Expires At',
			`${expires} is more than ${MAX_EXPIRY_MONTHS} months after ${startName} (${start})`,
			`Glomo accepts ${latest} at the latest. Nothing was sent to Glomo.`,
		);
	}
	return expires;
}

/** The created subscription with what the user needs next first: its id, status and the link the customer pays on. */
function linkFirst(subscription: IDataObject): IDataObject {
	const first: IDataObject = {};
	for (const key of ['id', 'status', 'subscription_link_url']) if (subscription[key] !== undefined) first[key] = subscription[key];
	return { ...first, ...subscription };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const intervalName = this.getNodeParameter('interval', itemIndex) as string;
	const interval = INTERVALS[intervalName];
	const customerId = getId(this, 'customerId', itemIndex, 'customer', 'Customer');
	const productName = checkLength(this, getString(this, 'productName', itemIndex, 'Product Name'), MAX_PRODUCT_NAME, itemIndex, 'Product Name');
	const productDescription = checkLength(this, getString(this, 'productDescription', itemIndex, 'Product Description'), MAX_DESCRIPTION, itemIndex, 'Product Description');
	const currency = getCurrency(this, 'currency', itemIndex, 'Currency', ORDER_CURRENCIES);
	const decimal = options.decimalAmounts === true;
	const amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, decimal);
	const body: IDataObject = { customer_id: customerId, product_name: productName, product_description: productDescription };
	const planName = checkLength(this, optionalText(options.planName), MAX_PRODUCT_NAME, itemIndex, 'Options > Plan Name');
	const planDescription = checkLength(this, optionalText(options.planDescription), MAX_DESCRIPTION, itemIndex, 'Options > Plan Description');
	if (planName !== undefined) body.plan_name = planName;
	if (planDescription !== undefined) body.plan_description = planDescription;
	Object.assign(body, { amount, currency, interval_type: interval.type });

	const today = todayUtc();
	if (interval.type === 'as_presented') {
		// Glomo's newer shape: no interval_count, billing_cycles or start_date; a cap on each charge
		const maxAmount = checkAmount(this, this.getNodeParameter('maxAmount', itemIndex), itemIndex, 'Max Amount', currency, decimal);
		if (maxAmount < amount) {
			throw invalid(
				this,
				itemIndex,
				'Max Amount',
				`${toMajorUnits(maxAmount, currency)} ${currency} is less than the Amount (${toMajorUnits(amount, currency)} ${currency})`,
				'Every charge, the first included, is capped by it. Nothing was sent to Glomo.',
			);
		}
		body.max_amount = maxAmount;
		body.expires_at = checkExpiry(this, itemIndex, today, 'today (UTC)');
		// Glomo wants an as_presented subscription to start with its first payment
		Object.assign(body, { notify_customer: this.getNodeParameter('notifyCustomer', itemIndex, true) as boolean, starts_with_first_payment: true });
	} else {
		const cycles = billingCycles(this, itemIndex, intervalName.replace('halfYearly', 'half-yearly'), interval.maxCycles as number);
		const start = getDay(this, 'startDate', itemIndex, 'Start Date', 'Give the first billing date, today or later (UTC).');
		if (start < today) {
			throw invalid(this, itemIndex, 'Start Date', `${start} is in the past`, `Glomo counts days in UTC: the earliest start is today, ${today}. Nothing was sent to Glomo.`);
		}
		Object.assign(body, {
			interval_count: interval.count,
			billing_cycles: cycles,
			start_date: start,
			expires_at: checkExpiry(this, itemIndex, start, 'the Start Date'),
			notify_customer: this.getNodeParameter('notifyCustomer', itemIndex, true) as boolean,
			starts_with_first_payment: this.getNodeParameter('startsWithFirstPayment', itemIndex, true) as boolean,
		});
	}

	// Glomo does not de-duplicate subscriptions (no request_id: glomo-domain.md §4), so none is sent and
	// the transport never sends this create twice; an answer lost on the way is an error saying to check
	// with Get Many before running it again
	const created = (await glomo.request({ method: 'POST', path: '/subscriptions', body, itemIndex })) as IDataObject;
	return linkFirst(created);
}
