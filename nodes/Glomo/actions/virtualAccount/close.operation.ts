import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { checkCurrency, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { paymentTypeField, VIRTUAL_ACCOUNT_CURRENCIES } from './shared';

export const description = defineOperation(
	'virtualAccount',
	{
		name: 'Close',
		value: 'close',
		action: 'Close virtual accounts',
		description:
			'Close every active virtual account of one payment type and currency; closed accounts stop receiving payments and cannot be reopened',
	},
	[
		{
			displayName:
				'This closes every active virtual account you have of the chosen payment type and currency, not one account: payers who still send to them will have their transfers refused.',
			name: 'closeNotice',
			type: 'notice',
			default: '',
		},
		{
			...paymentTypeField,
			// no default: a payment type picked for the user could close accounts they meant to keep
			default: '',
			description:
				'Payment type of the accounts to close: Local or SWIFT, to choose every time (nothing is chosen for you). The From List picker shows it for USD accounts, e.g. SWIFT (wire).',
		},
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'Currency of the accounts to close, as an ISO 4217 code, e.g. USD; pick an active account to take its currency',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchVirtualAccounts', searchable: true },
				},
				{
					displayName: 'By Currency Code',
					name: 'code',
					type: 'string',
					placeholder: 'USD',
					validation: [
						{
							type: 'regex',
							properties: { regex: '^[A-Za-z]{3}$', errorMessage: 'Not a currency code: three letters such as USD' },
						},
					],
				},
			],
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const paymentType = optionalText(this.getNodeParameter('paymentType', itemIndex, ''));
	if (paymentType === undefined) {
		throw invalid(
			this,
			itemIndex,
			'Payment Type',
			'is required',
			'Choose Local or SWIFT: Close closes every active account of that payment type and currency. Nothing was sent to Glomo.',
		);
	}
	const given = this.getNodeParameter('currency', itemIndex, '', { extractValue: true });
	const currency = checkCurrency(this, given, itemIndex, 'Currency', VIRTUAL_ACCOUNT_CURRENCIES);
	const answer = (await glomo.request({
		method: 'DELETE',
		path: '/virtual-accounts',
		qs: { payment_type: paymentType, currency },
		itemIndex,
	})) as IDataObject;
	return { ...answer, payment_type: paymentType, currency };
}
