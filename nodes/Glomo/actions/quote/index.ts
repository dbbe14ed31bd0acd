import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as createPayoutQuote from './createPayoutQuote.operation';

export const quote = defineResource(
	{
		name: 'Quote',
		value: 'quote',
		description: 'Locked FX rates and fees for a payout or payin, valid about 30 minutes and usable once',
	},
	{ create, createPayoutQuote },
	'create',
);
