import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const price = defineResource(
	{
		name: 'Price',
		value: 'price',
		description: 'Fees the platform applies to payments (a fixed amount or a percentage), referenced by payment links and orders',
	},
	{ create, get, getAll },
	'get',
);
