import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * Currencies Glomo opens virtual accounts in: the ones the current account shape describes
 * (account number for AED, AUD, GBP and USD; IBAN for EUR).
 */
export const VIRTUAL_ACCOUNT_CURRENCIES = ['AED', 'AUD', 'EUR', 'GBP', 'USD'];

/** The webhook event that tells a requested account is open. */
export const ACTIVATION_EVENT = 'virtual_account.active';

export const paymentTypeField: INodeProperties = {
	displayName: 'Payment Type',
	name: 'paymentType',
	type: 'options',
	options: [
		{
			name: 'Local',
			value: 'local',
			description:
				'Domestic transfers inside the currency\'s own country, e.g. ACH or Fedwire for USD, Faster Payments for GBP, SEPA for EUR',
		},
		{
			name: 'SWIFT',
			value: 'swift',
			description: 'Cross-border wires from banks in other countries, over SWIFT',
		},
	],
	default: 'local',
	required: true,
	description: 'Which transfers the account receives, e.g. Local for domestic transfers made in the currency\'s own country',
};

/**
 * What Glomo's listing tells of an account's payment type: nothing, but a USD account names its rail
 * (payment_rails), and the rail gives the type: a wire account is the SWIFT one, an ACH account the
 * local one.
 */
const RAILS: Record<string, { type: 'local' | 'swift'; shown: string }> = {
	ach: { type: 'local', shown: 'Local (ACH)' },
	wire: { type: 'swift', shown: 'SWIFT (wire)' },
};

/** The account's payment type when its listing tells it (USD), else undefined. */
export function knownPaymentType(account: IDataObject): 'local' | 'swift' | undefined {
	return account.currency === 'USD' && typeof account.payment_rails === 'string' ? RAILS[account.payment_rails]?.type : undefined;
}

/** "SWIFT (wire)", "Local (ACH)": the payment type and rail for labels, when the listing tells them. */
export function paymentTypeShown(account: IDataObject): string | undefined {
	return knownPaymentType(account) && RAILS[account.payment_rails as string].shown;
}
