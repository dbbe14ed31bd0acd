import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { paymentTypeShown } from '../actions/virtualAccount/shared';
import { pickerPage } from './picker';

/**
 * "USD · 1234567890 · SWIFT (wire) · active": the currency, the number payers use (account number or
 * IBAN), the payment type and rail where Glomo's listing tells them (USD accounts), the status.
 */
function label(account: IDataObject): string {
	const number = [account.account_number, account.iban].find((value) => typeof value === 'string' && value);
	const parts = [account.currency, number, paymentTypeShown(account), account.status].filter((value) => typeof value === 'string' && value);
	return (parts as string[]).join(' · ');
}

/**
 * The active virtual accounts, newest first, for Close's Currency: each picks its currency (Glomo
 * closes accounts by payment type and currency, not one by one). Filtered by currency, account
 * number, IBAN, name or rail.
 */
export async function searchVirtualAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/virtual-accounts',
			keep: (account) => account.status === 'active' && typeof account.currency === 'string',
			searchable: (account) => [account.currency, account.account_number, account.iban, account.name, account.payment_rails],
			label,
			value: (account) => String(account.currency),
		},
		filter,
		paginationToken,
	);
}
