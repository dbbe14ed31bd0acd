import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { moneyLabel, pickerPage } from './picker';

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** "payt_… · 250 USD · Asha Rao · success": what tells payments apart in the picker. */
function label(payment: IDataObject): string {
	const parts = [String(payment.id), moneyLabel(payment.payment_amount, payment.payment_currency), textOf(payment.sender_name), textOf(payment.status)];
	return parts.filter(Boolean).join(' · ');
}

/** Recent payments, filtered by ID, payment link or order, sender, status or request_id. */
export async function searchPayments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{ path: '/payment', searchable: (p) => [p.id, p.payin_id, p.subscription_id, p.sender_name, p.status, p.request_id], label },
		filter,
		paginationToken,
	);
}
