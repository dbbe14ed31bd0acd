import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTransactions from './getTransactions.operation';
import * as mockTrigger from './mockTrigger.operation';

export const settlement = defineResource(
	{ name: 'Settlement', value: 'settlement', description: 'Balances & FX · collected funds paid out to your own bank account' },
	{ create, get, getAll, getTransactions, mockTrigger },
	'get',
);
