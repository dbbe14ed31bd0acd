import { defineResource } from '../../helpers/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as respond from './respond.operation';

export const rfi = defineResource(
	{
		name: 'RFI',
		value: 'rfi',
		description: 'Compliance · requests for information that hold a payout or payment',
	},
	{ get, getAll, respond },
	'get',
);
