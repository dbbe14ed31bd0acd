import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as createBankAccount from './createBankAccount.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getBankAccounts from './getBankAccounts.operation';
import * as update from './update.operation';

export const customer = defineResource(
	{ name: 'Customer', value: 'customer', description: 'Customers · people and businesses who pay you' },
	{ create, createBankAccount, get, getAll, getBankAccounts, update },
	'get',
);
