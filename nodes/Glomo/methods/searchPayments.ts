import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toMajorUnits } from '../helpers/amounts';
import { pickerPage } from './picker';

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** "payt_… · 250 USD · Asha Rao · success": what tells payments apart in the picker. */
function label(payment: IDataObject): string {
	const currency = textOf(payment.payment_currency);
	const amount = typeof payment.payment_amount === 'number' ? `${toMajorUnits(payment.payment_amount, currency || 'USD')} ` : '';
	const parts = [String(payment.id), `${amount}${currency}`.trim(), textOf(payment.sender_name), textOf(payment.status)];
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
