import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export const bankAccountValidation = defineResource(
	{
		name: 'Bank Account Validation',
		value: 'bankAccountValidation',
		description: 'Money out · ask the bank who holds an account before you pay it',
	},
	{ create, getAll },
	'create',
);
