import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export const balanceConversion = defineResource(
	{ name: 'Balance Conversion', value: 'balanceConversion', description: 'Balances & FX · convert money between your currency balances' },
	{ create, getAll },
	'create',
);
