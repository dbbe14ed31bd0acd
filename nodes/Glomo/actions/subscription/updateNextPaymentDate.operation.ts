import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId, invalid } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { getDay, plus, subscriptionIdField, todayUtc } from './shared';

/** How many days ahead Glomo wants the new date, at least (UTC). */
const MIN_DAYS_AHEAD = 2;

export const description = defineOperation(
	'subscription',
	{
		name: 'Update Next Payment Date',
		value: 'updateNextPaymentDate',
		action: 'Move a subscription\'s next payment date',
		description:
			'Move when an active monthly, quarterly, half-yearly or yearly subscription is charged next; the charges after it follow the new date',
	},
	[
		subscriptionIdField,
		{
			displayName: 'Next Payment Date',
			name: 'nextPaymentDate',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'The new date of the next charge, YYYY-MM-DD, e.g. 2026-12-15: at least 2 days after today in UTC (Glomo\'s calendar). A date with a time is read as the date it is in the workflow\'s time zone.',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'subscriptionId', itemIndex, 'subscription', 'Subscription');
	const date = getDay(this, 'nextPaymentDate', itemIndex, 'Next Payment Date', `Give a date at least ${MIN_DAYS_AHEAD} days after today (UTC).`);
	const earliest = plus(todayUtc(), { days: MIN_DAYS_AHEAD });
	if (date < earliest) {
		throw invalid(
			this,
			itemIndex,
			'Next Payment Date',
			`${date} is less than ${MIN_DAYS_AHEAD} days ahead`,
			`Glomo counts days in UTC: the earliest next payment date now is ${earliest}. Nothing was sent to Glomo.`,
		);
	}
	// Glomo alone knows the subscription's status and kind: only an active fixed-frequency one takes a new date
	return await glomo.request({ method: 'PATCH', path: `/subscriptions/${id}/next-payment-date`, body: { next_payment_date: date }, itemIndex });
}
