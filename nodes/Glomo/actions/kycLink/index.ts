import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const kycLink = defineResource(
	{
		name: 'KYC Link',
		value: 'kycLink',
		description: 'Customers · links where a customer completes KYC (identity checks and documents)',
	},
	{ create, get, getAll },
	'get',
);
