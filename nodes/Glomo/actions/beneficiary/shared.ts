import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';
import { invalid, optionalText } from '../../helpers/params';

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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/** An optional email: blank gives undefined, anything else must look like an address. */
export function checkEmail(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string | undefined {
	const email = optionalText(value);
	if (email === undefined) return undefined;
	if (!EMAIL.test(email)) throw invalid(ctx, itemIndex, field, `"${email}" is not an email address`);
	return email;
}

/** An optional phone number with its country code (Glomo checks it with libphonenumber's rules). */
export function checkPhone(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string | undefined {
	const phone = optionalText(value);
	if (phone === undefined) return undefined;
	const digits = phone.replace(/\D/g, '').length;
	if (!/^\+[0-9][0-9 ()-]*$/.test(phone) || digits < 8 || digits > 15) {
		throw invalid(ctx, itemIndex, field, `"${phone}" is not a phone number with its country code`, 'Write it as + and the country code, then the number, such as +91-9023456789.');
	}
	return phone;
}
