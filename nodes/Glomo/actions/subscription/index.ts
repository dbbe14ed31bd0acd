import { defineResource } from '../../helpers/operation';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as pause from './pause.operation';
import * as resume from './resume.operation';
import * as updateNextPaymentDate from './updateNextPaymentDate.operation';

export const subscription = defineResource(
	{ name: 'Subscription', value: 'subscription', description: 'Recurring billing · card charges every month, quarter, half-year or year, or as presented' },
	{ cancel, create, get, getAll, pause, resume, updateNextPaymentDate },
	'create',
);
