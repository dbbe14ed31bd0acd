import { defineResource } from '../../helpers/operation';
import * as close from './close.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export const virtualAccount = defineResource(
	{ name: 'Virtual Account', value: 'virtualAccount', description: 'Money in · account numbers in your name that payers send bank transfers to' },
	{ close, create, getAll },
	'getAll',
);
