import { defineResource } from '../../helpers/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as respond from './respond.operation';

export const rfi = defineResource(
	{
		name: 'RFI',
		value: 'rfi',
		description: 'Requests for information: documents compliance asks for before a payout or payment goes on',
	},
	{ get, getAll, respond },
	'get',
);
