import type { INodeProperties } from 'n8n-workflow';

import type { IdResource } from '../../helpers/constants';
import { idLocator } from '../../helpers/fields';

export const paymentIdField = idLocator('payment', 'Payment', 'searchPayments', {
	description: 'The payment, picked from the list or given by ID (payt_…)',
});

/** What a bank transfer can pay, and Glomo calls a payin: a payment link (payin_…) or an order (order_…). */
export const PAYIN: readonly IdResource[] = ['paymentLink', 'order'];

/**
 * A payment link or an order: "From List" offers payment links, "By ID" takes either kind of ID
 * (Glomo takes either in the same payin_id field).
 */
export function payinField(name: string, displayName: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return idLocator(PAYIN, displayName, 'searchPaymentLinks', { name, description, ...extra });
}

/** What the list's status filter accepts: Glomo refuses any other value (a payment under review is listed as In Progress). */
export const PAYMENT_STATUS_FILTER_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Waiting on you or Glomo: unmatched bank transfers, sanctions holds, documents wanted' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress', description: 'Not finished yet; payments under review are listed here too' },
	{ name: 'Success', value: 'success', description: 'Received' },
];

export const COMPLIANCE_STATUS_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Compliance wants documents; settlement is held until they are sent' },
	{ name: 'Approved', value: 'approved' },
	{ name: 'Rejected', value: 'rejected' },
	{ name: 'Under Review', value: 'under_review' },
];

export const PAYMENT_TYPE_OPTIONS = [
	{ name: 'Add Funds', value: 'add_funds', description: 'Top-ups of your own balance' },
	{ name: 'Order', value: 'orders' },
	{ name: 'Payment Link', value: 'payment_link' },
];
