import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as mockStatus from './mockStatus.operation';
import * as updateRfi from './updateRfi.operation';

export const refund = defineResource(
	{ name: 'Refund', value: 'refund', description: 'Money in · money given back to the payer of a payment' },
	{ create, get, getAll, mockStatus, updateRfi },
	'create',
);
