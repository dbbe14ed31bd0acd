import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	PAYMENT_RAILS,
	PAYOUT_DESTINATION_CURRENCIES,
	PAYOUT_SOURCE_CURRENCIES,
} from '../../helpers/constants';
import { currencyField, decimalAmountsOption, idLocator } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import {
	checkIdList,
	checkPurposeCode,
	compact,
	getCurrency,
	getId,
	invalid,
	optionalText,
} from '../../helpers/params';
import { checkRail, fixedAmountFields, readFixedAmount } from '../../helpers/pricing';
import { getNotes, notesField } from '../../helpers/notes';
import { getRequestId, requestIdField } from '../../helpers/requestId';
import type { GlomoClient } from '../../transport';
import { payoutPurposeField } from './shared';

/** What identifies a payout: its request_id is derived from these, and a payout found under a reused one must match them. */
const IDENTITY = [
	'beneficiary_id',
	'quote_id',
	'source_currency',
	'destination_currency',
	'source_amount',
	'destination_amount',
	'payment_rail',
	'purpose_code',
	'invoice_number',
];
const INVOICE_NUMBER_MAX = 50;

const amountMode = { show: { pricing: ['amount'] } };

export const description = defineOperation(
	'payout',
	{
		name: 'Create',
		value: 'create',
		action: 'Send a payout',
		description: 'Pay a beneficiary from your Glomo balance; never twice for the same Request ID',
	},
	[
		idLocator('beneficiary', 'Beneficiary', 'searchBeneficiaries', {
			description: 'Who is paid: an active beneficiary, picked from the list or given by ID (bene_…)',
		}),
		{
			displayName: 'Pricing',
			name: 'pricing',
			type: 'options',
			options: [
				{ name: 'Amount and Currencies', value: 'amount', description: 'Set the currencies and one amount; Glomo prices it now' },
				{ name: 'From a Payout Quote', value: 'quote', description: 'Pay at a rate locked by Quote > Create Payout Quote (valid 30 minutes, once)' },
			],
			default: 'amount',
			description: 'How the payout is priced: from currencies and an amount now, or from a payout quote made earlier',
		},
		{
			...idLocator('quote', 'Quote'),
			displayOptions: { show: { pricing: ['quote'] } },
			description: 'A payout quote (quote_…) from Quote > Create Payout Quote; it fixes the currencies, amounts and rail',
		},
		currencyField('sourceCurrency', 'From Currency', {
			only: PAYOUT_SOURCE_CURRENCIES,
			required: true,
			displayOptions: amountMode,
			description: 'The balance the payout is paid from (ISO 4217)',
		}),
		currencyField('destinationCurrency', 'To Currency', {
			only: PAYOUT_DESTINATION_CURRENCIES,
			required: true,
			displayOptions: amountMode,
			description: 'The currency the beneficiary receives (ISO 4217)',
		}),
		...fixedAmountFields(amountMode),
		{
			displayName: 'Payment Rail',
			name: 'paymentRail',
			type: 'options',
			displayOptions: amountMode,
			options: PAYMENT_RAILS.map(({ name, value, description }) => ({ name, value, description })),
			default: 'swift',
			description: 'How the money travels. Local rails serve one currency each and need the matching bank details on the beneficiary.',
		},
		payoutPurposeField,
		{
			displayName: 'Invoice Number',
			name: 'invoiceNumber',
			type: 'string',
			default: '',
			placeholder: 'INV-2026-0042',
			description: `The invoice this payout settles, up to ${INVOICE_NUMBER_MAX} characters. It is part of the derived Request ID, so it tells apart payouts otherwise identical.`,
		},
		requestIdField(
			'payout',
			'the beneficiary, the currencies, the amount and which side it fixes (or the quote), the payment rail, the purpose code and the invoice number',
		),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings: decimal amounts, supporting documents, notes, and what to do when the Request ID was used before',
			options: [
				decimalAmountsOption,
				{
					displayName: 'Documents',
					name: 'documents',
					type: 'string',
					default: '',
					placeholder: 'doc_5JU9yv0lGSUP, doc_7Hq2…',
					description: 'IDs of uploaded documents (Document > Upload) the purpose code asks for, separated by commas',
				},
				notesField('payout'),
				{
					displayName: 'On Duplicate',
					name: 'onDuplicate',
					type: 'options',
					options: [
						{
							name: 'Output the Existing Payout',
							value: 'existing',
							description: 'Output the payout an earlier run made with this Request ID, with duplicate = true; nothing is paid again',
						},
						{
							name: 'Fail',
							value: 'error',
							description: 'Stop with an error naming the existing payout (nothing is paid again either)',
						},
					],
					default: 'existing',
					description: 'What to do when Glomo already has a payout with this Request ID',
				},
			],
		},
	],
);


export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		beneficiary_id: getId(this, 'beneficiaryId', itemIndex, 'beneficiary', 'Beneficiary'),
		purpose_code: checkPurposeCode(this, this.getNodeParameter('purposeCode', itemIndex), itemIndex, 'Purpose Code'),
	};
	if (this.getNodeParameter('pricing', itemIndex) === 'quote') {
		body.quote_id = getId(this, 'quoteId', itemIndex, 'quote', 'Quote');
	} else {
		const source = getCurrency(this, 'sourceCurrency', itemIndex, 'From Currency', PAYOUT_SOURCE_CURRENCIES);
		const destination = getCurrency(this, 'destinationCurrency', itemIndex, 'To Currency', PAYOUT_DESTINATION_CURRENCIES);
		const rail = checkRail(this, itemIndex, 'Payment Rail', this.getNodeParameter('paymentRail', itemIndex), destination, 'Pick SWIFT, or a local rail of the currency received.');
		body.source_currency = source;
		body.destination_currency = destination;
		Object.assign(body, readFixedAmount(this, itemIndex, source, destination, options.decimalAmounts === true));
		body.payment_rail = rail;
	}
	const invoice = optionalText(this.getNodeParameter('invoiceNumber', itemIndex, ''));
	if (invoice !== undefined && invoice.length > INVOICE_NUMBER_MAX) {
		throw invalid(this, itemIndex, 'Invoice Number', `is ${invoice.length} characters long; Glomo accepts at most ${INVOICE_NUMBER_MAX}`);
	}
	body.invoice_number = invoice;
	body.request_id = getRequestId(this, itemIndex, 'payout', body, IDENTITY);
	body.documents = checkIdList(this, options.documents, itemIndex, 'document', 'Options > Documents');
	body.notes = getNotes(this, options.notes, itemIndex);
	return await glomo.request({
		method: 'POST',
		path: '/payouts',
		body: compact(body),
		itemIndex,
		idempotent: { noun: 'payout', identity: IDENTITY, onDuplicate: options.onDuplicate === 'error' ? 'error' : 'existing' },
	});
}
