import { defineResource } from '../../helpers/operation';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as mockMarkReviewed from './mockMarkReviewed.operation';
import * as update from './update.operation';
import * as updateRfi from './updateRfi.operation';

export const paymentLink = defineResource(
	{ name: 'Payment Link', value: 'paymentLink', description: 'Money in · hosted pages that ask a customer to pay an amount' },
	{ cancel, create, get, getAll, mockMarkReviewed, update, updateRfi },
	'create',
);
