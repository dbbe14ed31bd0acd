import { defineResource } from '../../helpers/operation';
import * as create from './create.operation';
import * as createLegacy from './createLegacy.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllLegacy from './getAllLegacy.operation';
import * as getLegacy from './getLegacy.operation';
import * as mockReview from './mockReview.operation';

export const beneficiary = defineResource(
	{ name: 'Beneficiary', value: 'beneficiary', description: 'Money out · people and businesses you pay, and their bank accounts' },
	{ create, get, getAll, mockReview, createLegacy, getLegacy, getAllLegacy },
	'create',
);
