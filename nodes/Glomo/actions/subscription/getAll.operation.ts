import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idLocator, listFields } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkDate, checkId, getListOptions, listQuery, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { SUBSCRIPTION_STATUS_OPTIONS } from './shared';

export const description = defineOperation(
	'subscription',
	{ name: 'Get Many', value: 'getAll', action: 'Get many subscriptions', description: 'List subscriptions, newest first, by status, customer, start date or end date' },
	listFields([
		idLocator('customer', 'Customer', 'searchCustomers', {
			required: false,
			description: 'Only subscriptions of this customer, picked from the list or given by ID, e.g. cust_5JU9yv0lGSUP',
		}),
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Only subscriptions whose last billing date is this day, YYYY-MM-DD in UTC, e.g. 2027-11-01',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'Only subscriptions that start on this day, YYYY-MM-DD in UTC, e.g. 2026-12-01',
		},
		{ displayName: 'Status', name: 'status', type: 'options', options: SUBSCRIPTION_STATUS_OPTIONS, default: 'active', description: 'Only subscriptions in this status' },
	]),
	{ readOnly: true },
);

/** A date filter as Glomo's YYYY-MM-DD, or nothing when left empty. */
function dateFilter(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string | undefined {
	return value instanceof Date || optionalText(value) ? checkDate(ctx, value, itemIndex, field) : undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const qs = listQuery(this, itemIndex, { status: { param: 'status', field: 'Filters > Status' } });
	// the customer is a resource locator: its value, from the list or typed, checked for its prefix
	const customer = this.getNodeParameter('filters.customerId', itemIndex, '', { extractValue: true });
	if (optionalText(customer) !== undefined) qs.customer_id = checkId(this, customer, itemIndex, 'customer', 'Filters > Customer');
	// Glomo's start_date and end_date are calendar days, which listQuery does not read
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const startDate = dateFilter(this, filters.startDate, itemIndex, 'Filters > Start Date');
	const endDate = dateFilter(this, filters.endDate, itemIndex, 'Filters > End Date');
	if (startDate) qs.start_date = startDate;
	if (endDate) qs.end_date = endDate;
	return await glomo.list({ method: 'GET', path: '/subscriptions', qs, itemIndex }, getListOptions(this, itemIndex));
}
