import { idLocator } from '../../helpers/fields';

export const refundIdField = idLocator('refund', 'Refund', 'searchRefunds', {
	description: 'The refund, picked from the list or given by ID (refund_…)',
});

/** Refund statuses as the API returns them (glomo-domain.md §8.5, §10.6: `in_progress`, not the spec's `pending`). */
export const REFUND_STATUS_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Compliance wants documents (Update RFI)' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress', description: 'Sent to the bank; waiting for its outcome' },
	{ name: 'Success', value: 'success' },
	{ name: 'Under Review', value: 'under_review', description: 'Documents sent; compliance is reviewing them' },
];

export * from './rules';
