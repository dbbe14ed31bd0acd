import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as createPayoutQuote from './createPayoutQuote.operation';

export const quote = defineResource(
	{
		name: 'Quote',
		value: 'quote',
		description: 'Money out & in · a locked FX rate and fees, valid about 30 minutes, usable once',
	},
	{ create, createPayoutQuote },
	'create',
);
