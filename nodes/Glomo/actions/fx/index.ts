import { defineResource } from '../../helpers/operation';
import * as getRate from './getRate.operation';

export const fx = defineResource(
	{ name: 'FX', value: 'fx', description: 'Balances & FX · mid-market exchange rates' },
	{ getRate },
	'getRate',
);
