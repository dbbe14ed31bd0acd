import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from './picker';

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** Where the money goes, shortened: the bank account's last 4 characters, or the UPI ID. */
function destination(beneficiary: IDataObject): string {
	const bank = beneficiary.bank_account as IDataObject | null | undefined;
	const upi = beneficiary.upi_account as IDataObject | null | undefined;
	const account = textOf(bank?.account_number);
	if (account) return `${textOf(bank?.name) || 'account'} …${account.slice(-4)}`;
	return textOf(upi?.upi_id);
}

/** "Acme GmbH · Deutsche Bank …3000 · active": what tells beneficiaries apart in the picker. */
function label(beneficiary: IDataObject): string {
	const parts = [textOf(beneficiary.name) || String(beneficiary.id), destination(beneficiary), textOf(beneficiary.status)];
	return parts.filter(Boolean).join(' · ');
}

/**
 * Beneficiaries (GET /v2/beneficiaries), newest first, filtered by name, nickname, email, ID,
 * account number or UPI ID.
 */
export async function searchBeneficiaries(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/v2/beneficiaries',
			searchable: (b) => {
				const bank = b.bank_account as IDataObject | null | undefined;
				const upi = b.upi_account as IDataObject | null | undefined;
				return [b.id, b.name, b.nickname, b.email, bank?.account_number, upi?.upi_id];
			},
			label,
		},
		filter,
		paginationToken,
	);
}
