import type { IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../helpers/operation';
import { getId } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { PAYIN, payinField, paymentIdField } from './shared';

export const description = defineOperation(
	'payment',
	{
		name: 'Connect to Payment Link',
		value: 'connectPayin',
		action: 'Connect a payment to a payment link or order',
		description:
			'Attach a bank transfer that matched nothing (Action Required, PAYIN_NOT_FOUND or PAYIN_AMOUNT_MISMATCH) to a payment link or order it fits',
	},
	[
		paymentIdField,
		payinField(
			'payinId',
			'Payment Link or Order',
			'Where the payment belongs: an active payment link or order of the same amount and currency (see Get Eligible Payment Links), picked from the list or given by ID (payin_… or order_…)',
		),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const id = getId(this, 'paymentId', itemIndex, 'payment', 'Payment');
	const payinId = getId(this, 'payinId', itemIndex, PAYIN, 'Payment Link or Order');
	return await glomo.request({ method: 'POST', path: `/payment/${id}/connect-payin`, body: { payin_id: payinId }, itemIndex });
}
