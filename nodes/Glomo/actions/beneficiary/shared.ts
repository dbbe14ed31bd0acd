import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';

export const beneficiaryIdField = idLocator('beneficiary', 'Beneficiary', 'searchBeneficiaries', {
	description: 'The beneficiary, picked from the list or given by ID (bene_…)',
});

export const beneficiaryTypeField: INodeProperties = {
	displayName: 'Beneficiary Type',
	name: 'beneficiaryType',
	type: 'options',
	options: [
		{ name: 'Business', value: 'business' },
		{ name: 'Individual', value: 'individual' },
	],
	default: 'business',
	description: 'Whether the account holder is a business (a company or firm) or an individual (a person)',
};

/** The legacy operations' note: where to go instead. */
export const legacyNotice = (instead: string): INodeProperties => ({
	displayName: `Legacy v1 API, deprecated by Glomo: use ${instead} (v2) for new workflows. Kept for workflows and accounts that still use /beneficiaries.`,
	name: 'legacyNotice',
	type: 'notice',
	default: '',
});
