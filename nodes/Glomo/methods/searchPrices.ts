import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { currencyExponent, toMajorUnits } from '../helpers/amounts';
import { pickerPage } from './picker';

/** "USD 10.00 fixed fee" or "2.5 % (250 bps)": the fee a price applies, as a person reads it. */
export function priceFee(price: IDataObject): string {
	if (price.pricing_type === 'percentage' && typeof price.bps === 'number') {
		return `${price.bps / 100} % (${price.bps} bps)`;
	}
	if (price.pricing_type === 'fixed' && typeof price.fees_amount === 'number' && typeof price.fees_currency === 'string') {
		const currency = price.fees_currency;
		return `${currency} ${toMajorUnits(price.fees_amount, currency).toFixed(currencyExponent(currency))} fixed fee`;
	}
	return typeof price.pricing_type === 'string' ? price.pricing_type : 'price';
}

/** Prices, newest first, labelled by their fee and ID; typing filters by ID, type, currency or fee. */
export async function searchPrices(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await pickerPage(
		this,
		{
			path: '/prices',
			searchable: (p) => [p.id, p.pricing_type, priceFee(p)],
			label: (p) => `${priceFee(p)} · ${String(p.id)}`,
		},
		filter,
		paginationToken,
	);
}
