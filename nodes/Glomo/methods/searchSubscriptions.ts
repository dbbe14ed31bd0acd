import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { moneyLabel, pickerPage } from './picker';

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** "sub_… · Pro Hosting (Starter) · 49.99 USD · active": what tells subscriptions apart in the picker. */
function label(subscription: IDataObject): string {
	const plan = textOf(subscription.plan_name);
	const product = `${textOf(subscription.product_name)}${plan ? ` (${plan})` : ''}`;
	const parts = [String(subscription.id), product, moneyLabel(subscription.amount ?? subscription.max_amount, subscription.currency), textOf(subscription.status)];
	return parts.filter(Boolean).join(' · ');
}

/** Subscriptions, newest first, filtered by ID, product, plan, customer ID or status. */
export async function searchSubscriptions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/subscriptions',
			searchable: (s) => [s.id, s.product_name, s.plan_name, s.customer_id, s.status, s.reference_number],
			label,
		},
		filter,
		paginationToken,
	);
}
