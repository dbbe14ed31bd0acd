import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';

export const internalTransfer = defineResource(
	{
		name: 'Internal Transfer',
		value: 'internalTransfer',
		description: 'Platforms · AED moved between the merchant accounts of one platform',
	},
	{ create },
	'create',
);
