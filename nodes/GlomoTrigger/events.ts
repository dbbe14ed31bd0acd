import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * One event Glomo sends: its event_type, the name people use for it ("Payment Succeeded"), and what it
 * means. The name is what the Events list and n8n's node creator show ("On payment succeeded"); the
 * value the workflow stores stays Glomo's `entity_type.event_type`.
 */
type EventInfo = [eventType: string, name: string, meaning: string];

interface EntityInfo {
	events: EventInfo[];
	/** statuses that end the entity's life: no later event changes it */
	terminal: string[];
}

/** Payouts and settlements move through the same states. */
function payoutLike(noun: string, what: string): EntityInfo {
	return {
		events: [
			['pending_approval', `${noun} Awaiting Approval`, `The ${what} waits for approval in the Glomo dashboard`],
			['queued', `${noun} Queued`, `The ${what} waits for balance or a banking window`],
			['in_progress', `${noun} In Progress`, `The ${what} was sent to the bank`],
			['action_required', `${noun} Needs Action`, `Glomo asks for information (an RFI) before the ${what} goes on`],
			['success', `${noun} Succeeded`, `The ${what} reached the bank account`],
			['failed', `${noun} Failed`, `The ${what} failed; error_code says why`],
			['cancelled', `${noun} Cancelled`, `The ${what} was cancelled; error_code says why`],
		],
		terminal: ['success', 'failed', 'cancelled'],
	};
}

/**
 * Glomo's webhook event catalogue: for each entity_type, the event_types it sends, and which statuses
 * end that entity's life. glomo-domain.md §7.5, §8.
 */
export const EVENT_CATALOGUE: Record<string, EntityInfo> = {
	amc_folio_transaction: {
		events: [
			['allotment_pending', 'AMC Allotment Pending', 'A fund investment waits for the fund house to allot it'],
			['folio_allotted', 'AMC Folio Allotted', 'The fund house opened a folio for the investment'],
			['units_allotted', 'AMC Units Allotted', 'Fund units were allotted to the investor'],
			['failed', 'AMC Transaction Failed', 'The fund investment failed'],
		],
		terminal: ['units_allotted', 'failed'],
	},
	balance: {
		events: [['balance.funded_balance.credited', 'Balance Credited', 'A payment\'s money was added to your balance (data.payment_id)']],
		terminal: ['balance.funded_balance.credited'],
	},
	beneficiary: {
		events: [
			['active', 'Beneficiary Approved', 'The beneficiary passed review and can be paid'],
			['rejected', 'Beneficiary Rejected', 'Glomo rejected the beneficiary: payouts to it are refused'],
		],
		terminal: ['active', 'rejected'],
	},
	internal_transfer: {
		events: [['success', 'Internal Transfer Succeeded', 'Money moved between two merchant accounts of a platform']],
		terminal: ['success', 'failed'],
	},
	kyc_journey: {
		events: [
			['initiated', 'KYC Started', 'A customer opened a KYC link'],
			['in_progress', 'KYC In Progress', 'The customer is going through the KYC steps'],
			['action_required', 'KYC Needs Action', 'The customer must redo or add something'],
			['under_review', 'KYC Under Review', 'The customer finished; Glomo is reviewing'],
			['completed', 'KYC Completed', 'The customer passed KYC'],
			['failed', 'KYC Failed', 'The KYC journey failed'],
			['rejected', 'KYC Rejected', 'Glomo rejected the customer\'s KYC'],
			['expired', 'KYC Expired', 'The KYC link expired before the customer finished'],
		],
		terminal: ['completed', 'failed', 'rejected', 'expired'],
	},
	merchant: {
		events: [
			['pending', 'Merchant Onboarding Pending', 'A platform\'s child merchant waits for onboarding review'],
			['action_required', 'Merchant Needs Action', 'Onboarding of a child merchant needs more information'],
			['success', 'Merchant Approved', 'A child merchant passed onboarding and can transact'],
			['failed', 'Merchant Onboarding Failed', 'A child merchant failed onboarding'],
			['offboarded', 'Merchant Offboarded', 'A child merchant was closed'],
		],
		terminal: ['failed', 'offboarded'],
	},
	orders: {
		events: [
			['paid', 'Order Paid', 'The customer paid the order in full'],
			['expired', 'Order Expired', 'The order expired unpaid'],
			['cancelled', 'Order Cancelled', 'The order was cancelled'],
			['failed', 'Order Failed', 'The order failed'],
			['action_required', 'Order Needs Action', 'Glomo asks for information (an RFI) about the order'],
			['under_review', 'Order Under Review', 'Glomo is reviewing the order'],
		],
		terminal: ['paid', 'expired', 'cancelled', 'failed'],
	},
	payment: {
		events: [
			['in_progress', 'Payment In Progress', 'A payment started (sent for some flows only: do not wait for it)'],
			['success', 'Payment Succeeded', 'Money was received; funds_available says whether you can use it yet'],
			['failed', 'Payment Failed', 'The payment failed; error_code says why'],
			['action_required', 'Payment Needs Action', 'The payment is held until information is given'],
			['under_review', 'Payment Under Review', 'Glomo is reviewing the payment'],
			['funds_available', 'Payment Funds Available', 'The payment\'s money can now be used or settled'],
			['compliance_action_required', 'Payment Compliance Needs Action', 'Compliance asks for information (an RFI); settlement is held'],
			['compliance_under_review', 'Payment Compliance Under Review', 'Compliance is reviewing the payment'],
			['compliance_approved', 'Payment Compliance Approved', 'Compliance approved the payment'],
			['compliance_rejected', 'Payment Compliance Rejected', 'Compliance rejected the payment'],
			['credited_to_beneficiary', 'Payment Credited to Beneficiary', 'An LRS remittance reached its beneficiary'],
		],
		terminal: ['failed'],
	},
	payment_link: {
		events: [
			['active', 'Payment Link Activated', 'The link passed review and can be paid'],
			['paid', 'Payment Link Paid', 'The customer paid the link'],
			['expired', 'Payment Link Expired', 'The link expired unpaid'],
			['cancelled', 'Payment Link Cancelled', 'The link was cancelled'],
			['failed', 'Payment Link Failed', 'The link failed'],
			['action_required', 'Payment Link Needs Action', 'Glomo asks for information (an RFI) about the link'],
			['under_review', 'Payment Link Under Review', 'Glomo is reviewing the link'],
		],
		terminal: ['paid', 'expired', 'cancelled', 'failed'],
	},
	payout: payoutLike('Payout', 'payout'),
	refund: {
		events: [
			['success', 'Refund Succeeded', 'The money went back to the payer'],
			['failed', 'Refund Failed', 'The refund failed'],
			['action_required', 'Refund Needs Action', 'Glomo asks for information (an RFI) about the refund'],
			['utr.updated', 'Refund Bank Reference Added', 'The bank\'s reference (UTR) for the refund is known'],
		],
		terminal: ['success', 'failed', 'cancelled'],
	},
	settlement: payoutLike('Settlement', 'settlement to your bank account'),
	subscription: {
		events: [
			['active', 'Subscription Activated', 'The first charge succeeded, or the subscription was resumed'],
			['authorized', 'Subscription Authorized', 'The card was set up; the first charge runs on the start date'],
			['paused', 'Subscription Paused', 'Charges stopped until the subscription is resumed'],
			['halted', 'Subscription Halted', 'Charges stopped after failed renewals'],
			['completed', 'Subscription Completed', 'Every billing cycle was charged'],
			['cancelled', 'Subscription Cancelled', 'The subscription was cancelled for good'],
			['expired', 'Subscription Expired', 'The checkout link expired before the first payment'],
			['failed', 'Subscription Failed', 'The subscription failed'],
			['action_required', 'Subscription Needs Action', 'Glomo asks for information about the subscription'],
			['under_review', 'Subscription Under Review', 'Glomo is reviewing the subscription'],
			['updated', 'Subscription Updated', 'A detail changed, such as the next payment date'],
			['payment_method.updated', 'Subscription Card Updated', 'The customer changed the card that is charged'],
		],
		terminal: ['completed', 'cancelled', 'expired', 'failed'],
	},
	virtual_account: {
		events: [
			['active', 'Virtual Account Activated', 'A virtual account can now receive money'],
			['inactive', 'Virtual Account Deactivated', 'A virtual account no longer receives money'],
			['disabled', 'Virtual Account Disabled', 'A virtual account was closed for good'],
		],
		terminal: ['disabled'],
	},
};

export const ANY_EVENT = '*';

/** The Events multi-select: "Any Event" first, then every event by the name people use for it. */
export function eventOptions(): INodePropertyOptions[] {
	const options = Object.entries(EVENT_CATALOGUE).flatMap(([entity, { events }]) =>
		events.map(([event, name, meaning]) => ({
			name,
			value: `${entity}.${event}`,
			description: `${meaning} (Glomo's ${entity}.${event})`,
			// n8n's node creator would lower-case the whole name ("On kyc completed")
			action: `On ${name
				.split(' ')
				.map((word) => (/^[A-Z]{2,}$/.test(word) ? word : word.toLowerCase()))
				.join(' ')}`,
		})),
	);
	return [
		{ name: 'Any Event', value: ANY_EVENT, description: 'Every event Glomo sends, including types added later' },
		...options.sort((a, b) => a.name.localeCompare(b.name)),
	];
}
