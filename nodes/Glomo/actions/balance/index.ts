import { defineResource } from '../../helpers/operation';
import * as getAll from './getAll.operation';

export const balance = defineResource(
	{ name: 'Balance', value: 'balance', description: 'Money held in each currency' },
	{ getAll },
	'getAll',
);
