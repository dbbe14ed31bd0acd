import type { INodePropertyOptions } from 'n8n-workflow';

/** Payouts and settlements move through the same states. */
const PAYOUT_LIKE = {
	events: ['pending_approval', 'queued', 'in_progress', 'action_required', 'success', 'failed', 'cancelled'],
	terminal: ['success', 'failed', 'cancelled'],
};

/**
 * Glomo's webhook event catalogue: for each entity_type, the event_types it sends, and which
 * statuses end that entity's life (no later event changes it). glomo-domain.md §7.5, §8.
 */
export const EVENT_CATALOGUE: Record<string, { label: string; events: string[]; terminal: string[] }> = {
	amc_folio_transaction: {
		label: 'AMC Folio Transaction',
		events: ['allotment_pending', 'folio_allotted', 'units_allotted', 'failed'],
		terminal: ['units_allotted', 'failed'],
	},
	balance: { label: 'Balance', events: ['balance.funded_balance.credited'], terminal: ['balance.funded_balance.credited'] },
	beneficiary: { label: 'Beneficiary', events: ['active', 'rejected'], terminal: ['active', 'rejected'] },
	internal_transfer: { label: 'Internal Transfer', events: ['success'], terminal: ['success', 'failed'] },
	kyc_journey: {
		label: 'KYC Journey',
		events: ['initiated', 'in_progress', 'action_required', 'under_review', 'completed', 'failed', 'rejected', 'expired'],
		terminal: ['completed', 'failed', 'rejected', 'expired'],
	},
	merchant: {
		label: 'Merchant',
		events: ['pending', 'action_required', 'success', 'failed', 'offboarded'],
		terminal: ['failed', 'offboarded'],
	},
	orders: {
		label: 'Order',
		events: ['paid', 'expired', 'cancelled', 'failed', 'action_required', 'under_review'],
		terminal: ['paid', 'expired', 'cancelled', 'failed'],
	},
	payment: {
		label: 'Payment',
		events: [
			'in_progress',
			'success',
			'failed',
			'action_required',
			'under_review',
			'funds_available',
			'compliance_action_required',
			'compliance_under_review',
			'compliance_approved',
			'compliance_rejected',
			'credited_to_beneficiary',
		],
		terminal: ['failed'],
	},
	payment_link: {
		label: 'Payment Link',
		events: ['active', 'paid', 'expired', 'cancelled', 'failed', 'action_required', 'under_review'],
		terminal: ['paid', 'expired', 'cancelled', 'failed'],
	},
	payout: { label: 'Payout', ...PAYOUT_LIKE },
	refund: {
		label: 'Refund',
		events: ['success', 'failed', 'action_required', 'utr.updated'],
		terminal: ['success', 'failed', 'cancelled'],
	},
	settlement: { label: 'Settlement', ...PAYOUT_LIKE },
	subscription: {
		label: 'Subscription',
		events: [
			'active',
			'authorized',
			'paused',
			'halted',
			'completed',
			'cancelled',
			'expired',
			'failed',
			'action_required',
			'under_review',
			'updated',
			'payment_method.updated',
		],
		terminal: ['completed', 'cancelled', 'expired', 'failed'],
	},
	virtual_account: { label: 'Virtual Account', events: ['active', 'inactive', 'disabled'], terminal: ['disabled'] },
};

export const ANY_EVENT = '*';

/** The Events multi-select: "Any Event" first, then every entity_type.event_type. */
export function eventOptions(): INodePropertyOptions[] {
	const options = Object.entries(EVENT_CATALOGUE).flatMap(([entity, { label, events }]) =>
		events.map((event) => ({
			name: `${label}: ${event.replace(/[._]/g, ' ')}`,
			value: `${entity}.${event}`,
		})),
	);
	return [
		{ name: 'Any Event', value: ANY_EVENT, description: 'Every event Glomo sends, including types added later' },
		...options.sort((a, b) => a.name.localeCompare(b.name)),
	];
}
