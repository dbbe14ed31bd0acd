import type { INodeProperties } from 'n8n-workflow';

import { PURPOSE_CODES } from '../../helpers/constants';
import { idLocator } from '../../helpers/fields';

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

export const payoutPurposeField: INodeProperties = {
	displayName: 'Purpose Code',
	name: 'purposeCode',
	type: 'options',
	options: PURPOSE_CODES.payout.map((purpose) => ({
		name: `${purpose.code} - ${purpose.description}`,
		value: purpose.code,
		description: `${purpose.group}${purpose.documents ? `. Documents: ${purpose.documents}` : ''}`,
	})),
	default: 'S1006',
	required: true,
	description:
		'Why the money is sent, as the Reserve Bank of India codes it (S codes for payouts). An expression may give any code your account has, for example from a spreadsheet column.',
};
