import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption, idLocator, purposeCodeField } from '../../helpers/fields';
import { getNotes, notesField } from '../../helpers/notes';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, checkId, checkPurposeCode, compact, getCurrency, getId, invalid, optionalText } from '../../helpers/params';
import type { GlomoClient } from '../../transport';
import { ORDER_CURRENCIES } from '../order/shared';
import { checkExpiry, findOpenLink, reminderDays, reminderFrequencyField } from './shared';

/** How many of the customer's links (newest first) Reuse Open Link looks through. */
const REUSE_SCAN_LIMIT = 1000;

const PAYMENT_METHODS = [
	{ name: 'Bank Transfer', value: 'bank_transfer' },
	{ name: 'Card', value: 'card' },
	{ name: 'Pay via Bank', value: 'pay_via_bank' },
];

export const description = defineOperation(
	'paymentLink',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a payment link',
		description: 'Create a hosted payment page that asks a customer to pay an amount; reuses an open identical link by default',
	},
	[
		idLocator('customer', 'Customer', 'searchCustomers', { description: 'Who pays: a customer, picked from the list or given by ID (cust_…)' }),
		currencyField('currency', 'Currency', { only: ORDER_CURRENCIES, required: true, description: 'The currency the customer pays in (ISO 4217)' }),
		amountField('amount', 'Amount'),
		purposeCodeField('payin', 'P0802', 'Why the customer pays'),
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				"When the link stops accepting payment, as an ISO 8601 date and time such as 2026-12-31T18:00:00Z (without an offset it is read in the workflow's time zone): after now and at most 6 months ahead (Glomo refuses anything else). By expression: {{ $now.plus({ days: 7 }).toISO() }}.",
		},
		{
			displayName: 'Payment Methods',
			name: 'paymentMethods',
			type: 'multiOptions',
			options: PAYMENT_METHODS,
			default: ['bank_transfer', 'card'],
			required: true,
			description: 'How the customer may pay on the link\'s page (at least one)',
		},
		{
			displayName: 'Reuse Open Link',
			name: 'reuseOpenLink',
			type: 'boolean',
			default: true,
			description:
				'Whether to output an open link that already asks for this payment instead of creating a second one. Glomo itself does not stop duplicate links (it ignores request_id on payment links), so with this on the node first lists the customer\'s links (newest first, up to 1,000) and, when one that is active, under review or action required has the same amount, currency, invoice number and reference number (empty counts as equal to empty), outputs it with duplicate = true and creates nothing; otherwise it creates a link and outputs it with duplicate = false.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings: decimal amounts, a document, invoice and product details, notes, a price and reminders',
			options: [
				decimalAmountsOption,
				{
					displayName: 'Document ID',
					name: 'documentId',
					type: 'string',
					default: '',
					placeholder: 'doc_nYUqLpuYQ0M8',
					description: 'An uploaded document (Document > Upload) with what the payment needs, such as the invoice',
				},
				{
					displayName: 'Invoice Amount',
					name: 'invoiceAmount',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0, numberPrecision: 3 },
					description:
						'The invoice\'s total, in the same unit as Amount: the smallest unit of the currency (25000 is 250.00 USD), or major units with Amounts in Decimal Units on. It may be more than the amount asked for.',
				},
				{
					displayName: 'Invoice Description',
					name: 'invoiceDescription',
					type: 'string',
					default: '',
					placeholder: 'Design work for March 2026',
					description: 'What the invoice is for, shown to the customer',
				},
				{
					displayName: 'Invoice Number',
					name: 'invoiceNumber',
					type: 'string',
					default: '',
					placeholder: 'INV-2026-0042',
					description: 'The invoice the link collects; Reuse Open Link tells links apart by it',
				},
				notesField('payment link'),
				{
					displayName: 'Price ID',
					name: 'priceId',
					type: 'string',
					default: '',
					placeholder: 'price_5JU9yv0lGSUP',
					description: 'Platform businesses only: the price (price_…) the link is charged under, which Glomo requires of them',
				},
				{
					displayName: 'Product Description',
					name: 'productDescription',
					type: 'string',
					default: '',
					placeholder: '12 months, up to 5 users',
					description: 'A line about what is sold, shown under the product name on the payment page (needs Product Name)',
				},
				{
					displayName: 'Product Name',
					name: 'productName',
					type: 'string',
					default: '',
					placeholder: 'Annual subscription',
					description: 'What is sold, shown on the payment page',
				},
				{
					displayName: 'Reference Number',
					name: 'referenceNumber',
					type: 'string',
					default: '',
					placeholder: 'PO-7781',
					description: 'Your own reference for reconciliation; Reuse Open Link tells links apart by it',
				},
				reminderFrequencyField(),
			],
		},
	],
);

function getPaymentMethods(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const given = ctx.getNodeParameter('paymentMethods', itemIndex, []) as unknown;
	const methods = (Array.isArray(given) ? given : [given]).filter((method) => optionalText(method) !== undefined).map(String);
	if (!methods.length) {
		throw invalid(ctx, itemIndex, 'Payment Methods', 'choose at least one', 'Glomo needs the ways the customer may pay. Nothing was sent to Glomo.');
	}
	return [...new Set(methods)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const decimal = options.decimalAmounts === true;
	const currency = getCurrency(this, 'currency', itemIndex, 'Currency', ORDER_CURRENCIES);
	const customerId = getId(this, 'customerId', itemIndex, 'customer', 'Customer');
	const amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, decimal);
	const invoiceAmount = options.invoiceAmount;
	const documentId = optionalText(options.documentId);
	const productName = optionalText(options.productName);
	const body: IDataObject = {
		customer_id: customerId,
		currency,
		amount,
		purpose_code: checkPurposeCode(this, this.getNodeParameter('purposeCode', itemIndex), itemIndex, 'Purpose Code'),
		expires_at: checkExpiry(this, this.getNodeParameter('expiresAt', itemIndex, ''), itemIndex, 'Expires At'),
		payment_methods: getPaymentMethods(this, itemIndex),
		invoice_number: optionalText(options.invoiceNumber),
		invoice_description: optionalText(options.invoiceDescription),
		invoice_amount:
			invoiceAmount === undefined || invoiceAmount === ''
				? undefined
				: checkAmount(this, invoiceAmount, itemIndex, 'Options > Invoice Amount', currency, decimal),
		reference_number: optionalText(options.referenceNumber),
		reminder_frequency: reminderDays(options.reminderFrequency),
		document_id: documentId ? checkId(this, documentId, itemIndex, 'document', 'Options > Document ID') : undefined,
		price_id: optionalText(options.priceId) ? checkId(this, options.priceId, itemIndex, 'price', 'Options > Price ID') : undefined,
		product: productName ? compact({ name: productName, description: optionalText(options.productDescription) }) : undefined,
		notes: getNotes(this, options.notes, itemIndex),
	};
	if (optionalText(options.productDescription) && !productName) {
		throw invalid(this, itemIndex, 'Options > Product Name', 'is required when Product Description is given', 'Glomo needs a product\'s name. Nothing was sent to Glomo.');
	}

	// Glomo ignores request_id on /payin: no body carries one, so the transport never resends a create
	const reuse = this.getNodeParameter('reuseOpenLink', itemIndex, true) as boolean;
	if (reuse) {
		const links = await glomo.list(
			{ method: 'GET', path: '/payin', qs: { customer_id: customerId }, itemIndex },
			{ returnAll: false, limit: REUSE_SCAN_LIMIT },
		);
		const open = findOpenLink(links, {
			customer_id: customerId,
			amount,
			currency,
			invoice_number: body.invoice_number as string | undefined,
			reference_number: body.reference_number as string | undefined,
		});
		if (open) return { ...open, duplicate: true };
	}
	const created = (await glomo.request({ method: 'POST', path: '/payin', body: compact(body), itemIndex })) as IDataObject;
	return { ...created, duplicate: false };
}
