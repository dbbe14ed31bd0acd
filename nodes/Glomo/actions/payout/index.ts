import { defineResource } from '../../helpers/operation';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as mockStatus from './mockStatus.operation';
import * as updateRfi from './updateRfi.operation';

export const payout = defineResource(
	{ name: 'Payout', value: 'payout', description: 'Money out · money you send to beneficiaries' },
	{ cancel, create, get, getAll, mockStatus, updateRfi },
	'create',
);
