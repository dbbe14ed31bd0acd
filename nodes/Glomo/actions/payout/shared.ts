import { idLocator, purposeCodeField } from '../../helpers/fields';

export const payoutIdField = idLocator('payout', 'Payout', 'searchPayouts', {
	description: 'The payout, picked from the list or given by ID (payout_…)',
});

/** Payout statuses (current API) for filters and the sandbox mock. */
export const PAYOUT_STATUS_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Screening wants documents (an RFI)' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress', description: 'Funds held; with the bank or under review' },
	{ name: 'Pending Approval', value: 'pending_approval', description: 'Waiting for a dashboard approval (maker-checker)' },
	{ name: 'Queued', value: 'queued', description: 'Waiting in the payout queue for funds' },
	{ name: 'Success', value: 'success' },
];

export const payoutPurposeField = purposeCodeField('payout', 'S1006', 'Why the money is sent');
