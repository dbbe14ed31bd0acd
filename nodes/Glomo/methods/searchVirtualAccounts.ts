import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createClient } from '../transport';

const PAGE_SIZE = 100;

/** "USD · 1234567890 · active": the currency, the number payers use (account number or IBAN), the status. */
function label(account: IDataObject): string {
	const number = [account.account_number, account.iban].find((value) => typeof value === 'string' && value);
	const parts = [account.currency, number, account.status].filter((value) => typeof value === 'string' && value);
	return (parts as string[]).join(' · ');
}

/**
 * The active virtual accounts, newest first, for Close's Currency: each picks its currency (Glomo
 * closes accounts by payment type and currency, not one by one). Filtered by currency, account
 * number, IBAN or name.
 */
export async function searchVirtualAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const term = (filter ?? '').trim().toLowerCase();
	const response = await createClient(this).request({
		method: 'GET',
		path: '/virtual-accounts',
		qs: { page, per_page: PAGE_SIZE },
		expect: 'list',
		itemIndex: 0,
	});
	const matches = (account: IDataObject) =>
		[account.currency, account.account_number, account.iban, account.name].some(
			(value) => typeof value === 'string' && value.toLowerCase().includes(term),
		);
	const results = (response.data as IDataObject[])
		.filter((account) => account.status === 'active' && typeof account.currency === 'string')
		.filter((account) => !term || matches(account))
		.map((account) => ({ name: label(account), value: String(account.currency) }));
	const next = response.page_meta.next;
	return { results, paginationToken: typeof next === 'number' ? String(next) : undefined };
}
