import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { decimalAmountsOption } from '../../helpers/fields';
import { invalid } from '../../helpers/params';

/** Payin currencies (Glomo's validations page): what a customer pays in and a merchant collects. */
export const PAYIN_QUOTE_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD'];

/** Currencies with local rails; everything else (USD included) travels by SWIFT (glomo-domain.md §10.1, §11). */
export const LOCAL_TRANSFER_CURRENCIES = ['INR', 'AED', 'EUR', 'GBP', 'AUD'];

/** Rails POST /payouts/quotes accepts (supplement); INR rails need an INR destination. */
export const PAYOUT_QUOTE_RAILS = ['swift', 'imps', 'neft', 'rtgs', 'upi'];

export const optionsField = (extra: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'More settings, such as typing the amount in decimal units (100.50 instead of 10050)',
	options: [decimalAmountsOption, ...extra],
});

/** Local rails exist only for some currencies: refused here, as Glomo would, with nothing sent. */
export function checkLocalTransfer(ctx: IExecuteFunctions, itemIndex: number, field: string, destination: string): void {
	if (LOCAL_TRANSFER_CURRENCIES.includes(destination)) return;
	throw invalid(
		ctx,
		itemIndex,
		field,
		`Local Transfer is not available for ${destination}; local rails serve ${LOCAL_TRANSFER_CURRENCIES.join(', ')}`,
		'Choose SWIFT Transfer for this currency. Nothing was sent to Glomo.',
	);
}

/** Glomo answers `{quotes: [...]}`: one output item per quote (one per rail for local INR quotes). */
export function quotesOf(response: IDataObject): IDataObject | IDataObject[] {
	return Array.isArray(response?.quotes) ? (response.quotes as IDataObject[]) : response;
}
