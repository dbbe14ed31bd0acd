import type { INodeProperties } from 'n8n-workflow';

/**
 * The text fields of a postal address (a beneficiary's, its bank's, a customer's), each with its
 * description and an example, so every address block reads the same.
 */
export type AddressPart = 'line1' | 'line2' | 'city' | 'state' | 'postalCode';

const PARTS: Record<AddressPart, { displayName: string; name: string; placeholder: string; describe: (whose: string) => string }> = {
	line1: {
		displayName: 'Address Line 1',
		name: 'addressLine1',
		placeholder: '221 MG Road',
		describe: (whose) => `${whose} street address: building number and street`,
	},
	line2: {
		displayName: 'Address Line 2',
		name: 'addressLine2',
		placeholder: 'Floor 4, Bandra West',
		describe: (whose) => `More of ${whose.toLowerCase()} street address, such as the floor, suite or district`,
	},
	city: { displayName: 'City', name: 'city', placeholder: 'Mumbai', describe: (whose) => `${whose} city or town` },
	state: {
		displayName: 'State',
		name: 'state',
		placeholder: 'Maharashtra',
		describe: (whose) => `${whose} state, province or region`,
	},
	postalCode: {
		displayName: 'Postal Code',
		name: 'postalCode',
		placeholder: '400001',
		describe: (whose) => `${whose} postal code (PIN code in India, ZIP code in the US)`,
	},
};

/** One address field; `whose` starts its description ("The beneficiary's"). */
export function addressField(part: AddressPart, whose: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	const { displayName, name, placeholder, describe } = PARTS[part];
	return { displayName, name, type: 'string', default: '', placeholder, description: describe(whose), ...extra };
}
