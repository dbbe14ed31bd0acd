import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption, idLocator, purposeCodeField } from '../../helpers/fields';
import { getNotes, notesField } from '../../helpers/notes';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, checkPurposeCode, compact, getCurrency, getId, invalid, optionalText } from '../../helpers/params';
import { getRequestId, requestIdField } from '../../helpers/requestId';
import type { GlomoClient } from '../../transport';
import { ORDER_CURRENCIES } from './shared';

/** What identifies an order: its request_id is derived from these, and an order found under a reused one must match them. */
const IDENTITY = ['customer_id', 'currency', 'amount', 'purpose_code', 'invoice_number', 'reference_number'];
const TEXT_MAX = 100;

export const description = defineOperation(
	'order',
	{
		name: 'Create',
		value: 'create',
		action: 'Create an order',
		description: 'Ask a customer to pay an amount (checkout or bank transfer); never twice for the same Request ID',
	},
	[
		idLocator('customer', 'Customer', 'searchCustomers', { description: 'Who pays: a customer, picked from the list or given by ID (cust_…)' }),
		currencyField('currency', 'Currency', { only: ORDER_CURRENCIES, required: true, description: 'The currency the customer pays in (ISO 4217)' }),
		amountField('amount', 'Amount'),
		purposeCodeField('payin', 'P0802', 'Why the customer pays'),
		{
			displayName: 'Invoice Number',
			name: 'invoiceNumber',
			type: 'string',
			default: '',
			placeholder: 'INV-2026-0042',
			description: 'The invoice the order collects. It is part of the derived Request ID, so it tells apart orders otherwise identical.',
		},
		requestIdField('order', 'the customer, the currency, the amount, the purpose code, the invoice number and the reference number'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings: decimal amounts, invoice and product details, notes, payment methods, and what to do when the Request ID was used before',
			options: [
				decimalAmountsOption,
				{
					displayName: 'Invoice Description',
					name: 'invoiceDescription',
					type: 'string',
					default: '',
					placeholder: 'Design work for March 2026',
					description: 'What the invoice is for, shown to the customer',
				},
				notesField('order'),
				{
					displayName: 'On Duplicate',
					name: 'onDuplicate',
					type: 'options',
					options: [
						{
							name: 'Output the Existing Order',
							value: 'existing',
							description: 'Output the order an earlier run made with this Request ID, with duplicate = true; nothing is created again',
						},
						{ name: 'Fail', value: 'error', description: 'Stop with an error naming the existing order (nothing is created again either)' },
					],
					default: 'existing',
					description: 'What to do when Glomo already has an order with this Request ID',
				},
				{
					displayName: 'Payment Methods',
					name: 'paymentMethods',
					type: 'multiOptions',
					options: [
						{ name: 'Bank Transfer', value: 'bank_transfer' },
						{ name: 'Card', value: 'card' },
						{ name: 'Pay via Bank', value: 'pay_via_bank' },
					],
					default: [],
					description: 'How the customer may pay; none chosen offers every method enabled on your account',
				},
				{
					displayName: 'Product Description',
					name: 'productDescription',
					type: 'string',
					default: '',
					placeholder: '12 months, up to 5 users',
					description: 'A line about what is sold; sent only with a Product Name',
				},
				{
					displayName: 'Product Name',
					name: 'productName',
					type: 'string',
					default: '',
					placeholder: 'Annual subscription',
					description: 'What is sold, shown at checkout',
				},
				{
					displayName: 'Reference Number',
					name: 'referenceNumber',
					type: 'string',
					default: '',
					placeholder: 'PO-7781',
					description: 'Your own reference, up to 100 characters; part of the derived Request ID',
				},
			],
		},
	],
);

function limited(ctx: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string | undefined {
	const text = optionalText(value);
	if (text !== undefined && text.length > TEXT_MAX) {
		throw invalid(ctx, itemIndex, field, `is ${text.length} characters long; at most ${TEXT_MAX} are accepted`, 'Nothing was sent to Glomo.');
	}
	return text;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const currency = getCurrency(this, 'currency', itemIndex, 'Currency', ORDER_CURRENCIES);
	const body: IDataObject = {
		customer_id: getId(this, 'customerId', itemIndex, 'customer', 'Customer'),
		currency,
		amount: checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, options.decimalAmounts === true),
		purpose_code: checkPurposeCode(this, this.getNodeParameter('purposeCode', itemIndex), itemIndex, 'Purpose Code'),
		invoice_number: limited(this, itemIndex, this.getNodeParameter('invoiceNumber', itemIndex, ''), 'Invoice Number'),
		reference_number: limited(this, itemIndex, options.referenceNumber, 'Options > Reference Number'),
	};
	body.request_id = getRequestId(this, itemIndex, 'order', body, IDENTITY);
	body.invoice_description = optionalText(options.invoiceDescription);
	const productName = optionalText(options.productName);
	if (productName) body.product = compact({ name: productName, description: optionalText(options.productDescription) });
	const methods = options.paymentMethods as string[] | undefined;
	if (methods?.length) body.payment_methods = methods;
	body.notes = getNotes(this, options.notes, itemIndex);
	return await glomo.request({
		method: 'POST',
		path: '/orders',
		body: compact(body),
		itemIndex,
		idempotent: { noun: 'order', identity: IDENTITY, onDuplicate: options.onDuplicate === 'error' ? 'error' : 'existing' },
	});
}
