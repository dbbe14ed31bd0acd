import type { INodeProperties } from 'n8n-workflow';

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
