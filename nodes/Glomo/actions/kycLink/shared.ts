import { idLocator } from '../../helpers/fields';

export const kycLinkIdField = idLocator('kycLink', 'KYC Link', 'searchKycLinks', {
	description: 'The KYC link, picked from the list or given by ID (the ID Glomo returned when it was created)',
});

/**
 * The statuses of a KYC journey as Glomo's kyc_journey webhooks name them (glomo-domain.md §7.5,
 * §8.9). Glomo has not published the link statuses themselves; these are assumed to be the same.
 */
export const KYC_STATUSES = [
	{ name: 'Action Required', value: 'action_required', description: 'The customer has to redo or add something' },
	{ name: 'Completed', value: 'completed', description: 'KYC done and approved' },
	{ name: 'Expired', value: 'expired', description: 'The link ran out before the customer finished' },
	{ name: 'Failed', value: 'failed', description: 'A step could not be completed' },
	{ name: 'In Progress', value: 'in_progress', description: 'The customer is going through the steps' },
	{ name: 'Initiated', value: 'initiated', description: 'Created; the customer has not started yet' },
	{ name: 'Rejected', value: 'rejected', description: 'Glomo\'s review turned the KYC down' },
	{ name: 'Under Review', value: 'under_review', description: 'Everything captured; Glomo is reviewing it' },
];
