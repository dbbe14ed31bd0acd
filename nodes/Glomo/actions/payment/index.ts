import { defineResource } from '../../helpers/operation';
import * as connectPayin from './connectPayin.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getEligiblePayins from './getEligiblePayins.operation';
import * as mockFundsAvailable from './mockFundsAvailable.operation';
import * as mockPayment from './mockPayment.operation';
import * as updateRfi from './updateRfi.operation';

export const payment = defineResource(
	{ name: 'Payment', value: 'payment', description: 'Money in · money received from customers, by bank transfer or card' },
	{ connectPayin, create, get, getAll, getEligiblePayins, mockFundsAvailable, mockPayment, updateRfi },
	'get',
);
