import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateRfi from './updateRfi.operation';

export const order = defineResource(
	{ name: 'Order', value: 'order', description: 'Money in · amounts a customer is asked to pay (checkout or bank transfer)' },
	{ create, get, getAll, updateRfi },
	'create',
);
