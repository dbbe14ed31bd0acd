import { defineResource } from '../../helpers/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export const document = defineResource(
	{
		name: 'Document',
		value: 'document',
		description: 'Compliance · invoices, declarations and the files an RFI asks for',
	},
	{ get, getAll, upload },
	'upload',
);
