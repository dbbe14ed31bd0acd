/** Payout enums of the current spec, shared by the modules that price and create payouts (kept apart so they import no module). */
export const PAYOUT_SOURCE_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD'] as const;
export const PAYOUT_DESTINATION_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD', 'INR'] as const;
export const PAYMENT_RAILS = ['upi', 'rtgs', 'neft', 'imps', 'ipp', 'fts', 'sepa', 'fps', 'swift'] as const;
export const PAYOUT_STATUSES = [
	'pending_approval',
	'queued',
	'in_progress',
	'action_required',
	'success',
	'failed',
	'cancelled',
	'under_review',
] as const;
