import { idLocator } from '../../helpers/fields';

/** Currencies an order (and a payment link) is collected in (Glomo's validations page). */
export const ORDER_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD'];

export const orderIdField = idLocator('order', 'Order', 'searchOrders', {
	description: 'The order, picked from the list or given by ID (order_…)',
});

export const ORDER_STATUS_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Compliance wants documents (Update RFI)' },
	{ name: 'Active', value: 'active', description: 'Waiting for the customer to pay' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Expired', value: 'expired' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Paid', value: 'paid' },
	{ name: 'Under Review', value: 'under_review' },
];
