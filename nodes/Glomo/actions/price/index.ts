import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const price = defineResource(
	{
		name: 'Price',
		value: 'price',
		description: 'Platforms · fees a platform applies to payments (fixed or a percentage)',
	},
	{ create, get, getAll },
	'get',
);
