import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ID_PREFIX, ID_SUFFIX } from '../../helpers/constants';
import { idLocator } from '../../helpers/fields';
import { idPattern, invalid, optionalText } from '../../helpers/params';

export const paymentIdField = idLocator('payment', 'Payment', 'searchPayments', {
	description: 'The payment, picked from the list or given by ID (payt_…)',
});

/** What a bank transfer can pay: a payment link (payin_…) or an order (order_…). */
const PAYIN_PREFIXES = [ID_PREFIX.paymentLink, ID_PREFIX.order];
const PAYIN_HINT = `Payment link IDs are "${ID_PREFIX.paymentLink}" and order IDs "${ID_PREFIX.order}", followed by 6 to 64 letters or digits. Nothing was sent to Glomo.`;

/**
 * A payment link or an order: "From List" offers payment links, "By ID" takes either kind of ID
 * (Glomo calls both payins and takes either in the same payin_id field).
 */
export function payinField(name: string, displayName: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPaymentLinks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${ID_PREFIX.paymentLink}5JU9yv0lGSUP`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^(?:${PAYIN_PREFIXES.join('|')})${ID_SUFFIX}$`,
							errorMessage: `Not a valid ID: "${ID_PREFIX.paymentLink}" or "${ID_PREFIX.order}" followed by 6 to 64 letters or digits`,
						},
					},
				],
			},
		],
		...extra,
	};
}

/** A payment link or order ID, checked against both prefixes. */
export function checkPayinId(ctx: IExecuteFunctions, value: unknown, itemIndex: number, field: string): string {
	const id = optionalText(value);
	if (!id) throw invalid(ctx, itemIndex, field, 'is required', PAYIN_HINT);
	if (!PAYIN_PREFIXES.some((prefix) => idPattern(prefix).test(id))) {
		const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
		throw invalid(ctx, itemIndex, field, `"${shown}" is not a valid ID`, PAYIN_HINT);
	}
	return id;
}

/** The payin of a payinField. */
export function getPayinId(ctx: IExecuteFunctions, name: string, itemIndex: number, field: string): string {
	// Stryker disable next-line StringLiteral: n8n gives every parameter of the node's description its value or default, so the fallback is never used
	return checkPayinId(ctx, ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }), itemIndex, field);
}

/** What the list's status filter accepts: Glomo refuses any other value (a payment under review is listed as In Progress). */
export const PAYMENT_STATUS_FILTER_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Waiting on you or Glomo: unmatched bank transfers, sanctions holds, documents wanted' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'In Progress', value: 'in_progress', description: 'Not finished yet; payments under review are listed here too' },
	{ name: 'Success', value: 'success', description: 'Received' },
];

export const COMPLIANCE_STATUS_OPTIONS = [
	{ name: 'Action Required', value: 'action_required', description: 'Compliance wants documents; settlement is held until they are sent' },
	{ name: 'Approved', value: 'approved' },
	{ name: 'Rejected', value: 'rejected' },
	{ name: 'Under Review', value: 'under_review' },
];

export const PAYMENT_TYPE_OPTIONS = [
	{ name: 'Add Funds', value: 'add_funds', description: 'Top-ups of your own balance' },
	{ name: 'Order', value: 'orders' },
	{ name: 'Payment Link', value: 'payment_link' },
];
