import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { currencyField } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { getCurrency } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { ACTIVATION_EVENT, knownPaymentType, paymentTypeField, VIRTUAL_ACCOUNT_CURRENCIES } from './shared';

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
								'Output the active account of this payment type and currency instead, marked already_existed: true (one extra Get Many request). Glomo\'s list tells the payment type of USD accounts only: for another currency each active account is output with payment_type null and a note.',
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
	let duplicate: NodeApiError | undefined;
	const answer = (await glomo
		.request({ method: 'POST', path: '/v2/virtual-accounts', body: { payment_type: paymentType, currency }, itemIndex })
		.catch((error: unknown) => {
			// the account exists, and the user asked for it instead of the error
			if (ifExists === 'returnExisting' && isDuplicate(error)) {
				duplicate = error;
				return undefined;
			}
			throw error;
		})) as IDataObject | undefined;
	if (duplicate) return await existingAccounts(glomo, itemIndex, paymentType, currency, duplicate);
	const data = ((answer ?? {}).data ?? {}) as IDataObject;
	return {
		...data,
		payment_type: paymentType,
		currency,
		message: answer?.message,
		already_existed: false,
		activation_event: ACTIVATION_EVENT,
	};
}

/**
 * The account that made Glomo refuse, for Return Existing: an `active` account of this currency and
 * payment type, never a disabled or closed one. Glomo's listing says the payment type of USD accounts
 * only (payment_rails): an account of another currency may be of either type, and its item says so.
 * No active account: a disabled one of this type is Glomo's 409 again, saying it cannot be used;
 * otherwise Glomo has not opened the account yet (it lists no pending ones), and one item says so.
 */
async function existingAccounts(
	glomo: GlomoClient,
	itemIndex: number,
	paymentType: string,
	currency: string,
	duplicate: NodeApiError,
): Promise<IDataObject[]> {
	const page = (await glomo.request({
		method: 'GET',
		path: '/virtual-accounts',
		qs: { currency, per_page: EXISTING_PAGE_SIZE },
		expect: 'list',
		itemIndex,
	})) as { data: IDataObject[] };
	// of this currency, and of this payment type as far as the listing tells
	const candidates = page.data.filter((account) => account.currency === currency && (knownPaymentType(account) ?? paymentType) === paymentType);
	const active = candidates.filter((account) => account.status === 'active');
	if (active.length) return active.map((account) => existing(account, paymentType, currency));
	const disabled = candidates.filter((account) => account.status === 'disabled');
	const ids = disabled.map((account) => String(account.account_id)).join(', ');
	if (disabled.some((account) => knownPaymentType(account) === paymentType)) {
		duplicate.description = `${duplicate.description ? `${duplicate.description}. ` : ''}Glomo disabled this account (${ids}): it cannot receive payments, so it is not output. Ask Glomo to enable it again.`;
		throw duplicate;
	}
	const disabledNote = disabled.length
		? `; or it is the disabled account ${ids} (Glomo's list does not say its payment type), which cannot receive payments`
		: '';
	return [
		{
			status: 'pending',
			payment_type: paymentType,
			currency,
			message: `Glomo already has this account and has not opened it yet: it is listed once the ${ACTIVATION_EVENT} webhook arrives${disabledNote}`,
			already_existed: true,
			activation_event: ACTIVATION_EVENT,
		},
	];
}

/** An active account as Return Existing outputs it: its payment type, or null and a note when the listing does not tell it. */
function existing(account: IDataObject, paymentType: string, currency: string): IDataObject {
	const known = knownPaymentType(account);
	if (known) return { ...account, payment_type: known, already_existed: true };
	return {
		...account,
		payment_type: null,
		payment_type_note: `Glomo's list does not say whether this ${currency} account is the local or the SWIFT one: it may not be the ${paymentType} account asked for`,
		already_existed: true,
	};
}
