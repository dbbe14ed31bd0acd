import { defineResource } from '../../helpers/operation';
import * as getAll from './getAll.operation';

export const balance = defineResource(
	{ name: 'Balance', value: 'balance', description: 'Balances & FX · money held in each currency' },
	{ getAll },
	'getAll',
);
