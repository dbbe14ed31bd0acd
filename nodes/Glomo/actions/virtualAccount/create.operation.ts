import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { currencyField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { getCurrency } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { ACTIVATION_EVENT, paymentTypeField, VIRTUAL_ACCOUNT_CURRENCIES } from './shared';

/** What a listing of one currency's accounts can hold: a few per payment type, kept for years. */
const EXISTING_PAGE_SIZE = 100;

export const description = defineOperation(
	'virtualAccount',
	{
		name: 'Create',
		value: 'create',
		action: 'Request a virtual account',
		description: `Ask Glomo to open a virtual account; it starts pending and opens later (${ACTIVATION_EVENT} webhook)`,
	},
	[
		{
			displayName: `Glomo opens the account in the background: the output says "pending", and the ${ACTIVATION_EVENT} webhook (Glomo Trigger) tells when it is open. Get Many lists it from then on.`,
			name: 'activationNotice',
			type: 'notice',
			default: '',
		},
		paymentTypeField,
		currencyField('currency', 'Currency', {
			only: VIRTUAL_ACCOUNT_CURRENCIES,
			default: 'USD',
			required: true,
			description: 'Currency of the account, as an ISO 4217 code, e.g. USD; Glomo opens virtual accounts in AED, AUD, EUR, GBP and USD',
		}),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'If It Already Exists',
					name: 'ifExists',
					type: 'options',
					options: [
						{
							name: 'Error',
							value: 'error',
							description: 'Stop with Glomo\'s 409 "Virtual Account already exists"',
						},
						{
							name: 'Return Existing',
							value: 'returnExisting',
							description:
								'Output the accounts you already have in this currency instead, each marked already_existed: true (one extra Get Many request)',
						},
					],
					default: 'error',
					description: 'What to do when you already have a virtual account of this payment type and currency',
				},
			],
		},
	],
);

/** The 409 Glomo answers when an account of this payment type and currency exists already. */
function isDuplicate(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.context.glomoStatus === 409;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const paymentType = this.getNodeParameter('paymentType', itemIndex) as string;
	const currency = getCurrency(this, 'currency', itemIndex, 'Currency', VIRTUAL_ACCOUNT_CURRENCIES);
	const { ifExists } = this.getNodeParameter('options', itemIndex, {}) as { ifExists?: string };

	// no request_id: Glomo documents none here, and a second create is refused with a 409 anyway
	const answer = (await glomo
		.request({ method: 'POST', path: '/v2/virtual-accounts', body: { payment_type: paymentType, currency }, itemIndex })
		.catch((error: unknown) => {
			// undefined: the account exists, and the user asked for it instead of the error
			if (ifExists === 'returnExisting' && isDuplicate(error)) return undefined;
			throw error;
		})) as IDataObject | undefined;
	if (!answer) return await existingAccounts(glomo, itemIndex, paymentType, currency);
	const data = (answer.data ?? {}) as IDataObject;
	return {
		...data,
		payment_type: paymentType,
		currency,
		message: answer.message,
		already_existed: false,
		activation_event: ACTIVATION_EVENT,
	};
}

/**
 * The accounts that made Glomo refuse: this currency's accounts that are not closed. Glomo's
 * listing does not say an account's payment type, so every open account of the currency is shown.
 * An account Glomo has not opened yet is not listed at all: then one item says it is pending.
 */
async function existingAccounts(glomo: GlomoClient, itemIndex: number, paymentType: string, currency: string): Promise<IDataObject[]> {
	const page = (await glomo.request({
		method: 'GET',
		path: '/virtual-accounts',
		qs: { currency, per_page: EXISTING_PAGE_SIZE },
		expect: 'list',
		itemIndex,
	})) as { data: IDataObject[] };
	const open = page.data.filter((account) => account.currency === currency && account.status !== 'inactive');
	if (open.length) return open.map((account) => ({ ...account, already_existed: true }));
	return [
		{
			status: 'pending',
			payment_type: paymentType,
			currency,
			message: `Glomo already has this account and has not opened it yet: it is listed once the ${ACTIVATION_EVENT} webhook arrives`,
			already_existed: true,
			activation_event: ACTIVATION_EVENT,
		},
	];
}
