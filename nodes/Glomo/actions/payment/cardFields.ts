import type { INodeProperties } from 'n8n-workflow';

/** The card fields of a server-to-server payment: the number and the CVV are password fields (PCI data). */
export function cardFields(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Card Number',
			name: 'cardNumber',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions,
			description: 'The card\'s number, 12 to 19 digits (spaces or dashes between them are fine), e.g. a sandbox test card such as 4242 4242 4242 4242. Never shown in the output or in errors.',
		},
		{
			displayName: 'Expiry Date',
			name: 'cardExpiry',
			type: 'string',
			default: '',
			required: true,
			placeholder: '08/29',
			displayOptions,
			description: 'Month and year printed on the card: MM/YY or MM/YYYY. The card is taken as valid until the end of that month (UTC).',
		},
		{
			displayName: 'CVV',
			name: 'cardCvv',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions,
			description: 'The security code: 3 digits (e.g. 123), 4 on American Express cards. Never shown in the output or in errors.',
		},
		{
			displayName: 'Cardholder Name',
			name: 'cardHolderName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Asha Rao',
			displayOptions,
			description: 'The name on the card',
		},
	];
}
