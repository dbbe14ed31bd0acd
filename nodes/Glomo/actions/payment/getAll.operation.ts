import type { IExecuteFunctions } from 'n8n-workflow';

import { currencyField, listFields } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkId, getListOptions, invalid, listQuery } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { COMPLIANCE_STATUS_OPTIONS, PAYIN, PAYMENT_STATUS_FILTER_OPTIONS, PAYMENT_TYPE_OPTIONS } from './shared';

const PAYIN_FILTER = 'Filters > Payment Link or Order ID';
const SUBSCRIPTION_FILTER = 'Filters > Subscription ID';

export const description = defineOperation(
	'payment',
	{ name: 'Get Many', value: 'getAll', action: 'Get many payments', description: 'List payments received, newest first' },
	listFields([
		{
			displayName: 'Compliance Status',
			name: 'complianceStatus',
			type: 'options',
			options: COMPLIANCE_STATUS_OPTIONS,
			default: 'action_required',
			description: 'Only payments with this compliance review outcome (payments never reviewed are left out)',
		},
		currencyField('currency', 'Currency', { description: 'Only payments requested or converted in this currency (ISO 4217)' }),
		{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', placeholder: 'cust_5JU9yv0lGSUP', description: 'Only payments of this customer' },
		{
			displayName: 'Payment Link or Order ID',
			name: 'payinId',
			type: 'string',
			default: '',
			placeholder: 'payin_E602dMzgjpDC',
			description: 'Only payments of this payment link (payin_…) or order (order_…). Cannot be combined with Subscription ID.',
		},
		{
			displayName: 'Payment Type',
			name: 'paymentType',
			type: 'options',
			options: PAYMENT_TYPE_OPTIONS,
			default: 'payment_link',
			description: 'Only payments of this kind of payin',
		},
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			placeholder: 'INV-2026-0042',
			description: 'Only the payment created with this request_id (what a create sent as its idempotency key)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: PAYMENT_STATUS_FILTER_OPTIONS,
			default: 'success',
			description: 'Only payments in this status (Glomo filters on these four only)',
		},
		{
			displayName: 'Subscription ID',
			name: 'subscriptionId',
			type: 'string',
			default: '',
			placeholder: 'sub_68877570b5zeE',
			description: 'Only payments of this subscription. Cannot be combined with Payment Link or Order ID.',
		},
	]),
	{ readOnly: true },
);

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const qs = listQuery(this, itemIndex, {
		complianceStatus: { param: 'compliance_status', field: 'Filters > Compliance Status' },
		currency: { param: 'currency', field: 'Filters > Currency', kind: 'currency' },
		customerId: { param: 'customer_id', field: 'Filters > Customer ID', kind: 'id', prefix: 'customer' },
		payinId: { param: 'payin_id', field: PAYIN_FILTER },
		paymentType: { param: 'payment_type', field: 'Filters > Payment Type' },
		requestId: { param: 'request_id', field: 'Filters > Request ID' },
		status: { param: 'status', field: 'Filters > Status' },
		subscriptionId: { param: 'subscription_id', field: SUBSCRIPTION_FILTER, kind: 'id', prefix: 'subscription' },
	});
	if (qs.payin_id !== undefined) {
		// Glomo refuses the two together (400)
		if (qs.subscription_id !== undefined) {
			throw invalid(this, itemIndex, PAYIN_FILTER, `cannot be combined with ${SUBSCRIPTION_FILTER}`, 'Glomo refuses the two together: keep one of them. Nothing was sent to Glomo.');
		}
		qs.payin_id = checkId(this, qs.payin_id, itemIndex, PAYIN, PAYIN_FILTER);
	}
	return await glomo.list({ method: 'GET', path: '/payment', qs, itemIndex }, getListOptions(this, itemIndex));
}
