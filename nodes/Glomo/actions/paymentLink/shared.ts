import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';

export const paymentLinkIdField = idLocator('paymentLink', 'Payment Link', 'searchPaymentLinks', {
	description: 'The payment link, picked from the list or given by ID (payin_…)',
});

/** A payment link goes through the same statuses as an order (published spec, without the legacy partially_paid Glomo no longer produces). */
export { ORDER_STATUS_OPTIONS as PAYMENT_LINK_STATUS_OPTIONS } from '../order/shared';

/** How often Glomo reminds the customer of an unpaid link, in days (published spec). */
export function reminderFrequencyField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Reminder Frequency',
		name: 'reminderFrequency',
		type: 'options',
		options: [
			{ name: 'Every Day', value: 1 },
			{ name: 'Every Other Day', value: 2 },
			{ name: 'Every Week', value: 7 },
			{ name: 'Every Other Week', value: 14 },
		],
		default: 7,
		description: 'How often Glomo emails the customer a reminder until the link is paid',
		...extra,
	};
}

export * from './rules';
