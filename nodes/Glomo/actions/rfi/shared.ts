import { idLocator } from '../../helpers/fields';

export const rfiIdField = idLocator('rfi', 'RFI', 'searchRfis', {
	description: 'The request for information, picked from the list or given by ID (rfi_…)',
});
