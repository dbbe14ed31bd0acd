import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { amountField, currencyField, decimalAmountsOption, idLocator } from '../../helpers/fields';
import { defineOperation } from '../../helpers/operation';
import { checkAmount, getCurrency, getId, getString, invalid, optionalText } from '../../helpers/params';
import { getRequestId, requestIdField } from '../../helpers/requestId';
import type { GlomoClient } from '../../transport';
import { ORDER_CURRENCIES } from '../order/shared';
import { getCard } from './card';
import { cardFields } from './cardFields';

/** What identifies a payment: its request_id is derived from these body fields (never from the card). */
const IDENTITY = ['order_id', 'subscription_id', 'amount', 'currency'];
/**
 * Where a payment shows each identifying field of the create: an order is its payin_id, a later
 * charge's amount and currency are the requested ones. A payment found under a reused request_id
 * must hold the value sent in each.
 */
const SHOWN_AS = [
	['order_id', 'payin_id'],
	['subscription_id', 'subscription_id'],
	['amount', 'requested_amount'],
	['currency', 'requested_currency'],
] as const;

const CARD_CHARGES = ['order', 'subscription'];
const onCard = { show: { charge: CARD_CHARGES } };
const onLaterCharge = { show: { charge: ['subsequent'] } };
const requestId = requestIdField('payment', 'the order or subscription (and a later charge\'s amount and currency)');

export const description = defineOperation(
	'payment',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a card payment',
		description: 'Charge a card server-to-server for an order or a subscription (PCI-DSS accounts with S2S enabled); never twice for the same Request ID',
	},
	[
		{
			displayName: 'Charge',
			name: 'charge',
			type: 'options',
			options: [
				{ name: 'Order (Card)', value: 'order', description: 'Pay an order with a card; the customer then confirms it (3-D Secure)' },
				{
					name: 'Subscription: First Payment (Card)',
					value: 'subscription',
					description: 'Set up a subscription with its first card payment; the customer then confirms it (3-D Secure)',
				},
				{
					name: 'Subscription: Later Charge (As Presented)',
					value: 'subsequent',
					description: 'Charge the card on file of an as-presented subscription, up to its maximum amount',
				},
			],
			default: 'order',
			description: 'What the payment pays for: an order, a subscription\'s first payment, or a later charge of a subscription',
		},
		idLocator('order', 'Order', 'searchOrders', {
			description: 'The order paid, picked from the list or given by ID (order_…)',
			displayOptions: { show: { charge: ['order'] } },
		}),
		idLocator('subscription', 'Subscription', 'searchSubscriptions', {
			description: 'The subscription charged, picked from the list or given by ID (sub_…)',
			displayOptions: { show: { charge: ['subscription', 'subsequent'] } },
		}),
		...cardFields(onCard),
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://shop.example.com/payments/return',
			displayOptions: onCard,
			description:
				'Where the customer returns after confirming the payment (HTTPS only); Glomo adds status and signature to it. Check the signature, or Get the payment, before trusting the status.',
		},
		currencyField('currency', 'Currency', { only: ORDER_CURRENCIES, required: true, displayOptions: onLaterCharge, description: 'The subscription\'s currency' }),
		amountField('amount', 'Amount', { displayOptions: onLaterCharge }),
		{
			...requestId,
			description: `${requestId.description} A declined card keeps its Request ID: to try again with another card, give a new one. A later charge of a subscription needs its own, given here (for example the billing period: {{ $json.subscription_id }}-2026-12): derived from the subscription and the amount, next month's charge would be taken for this one and not made.`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings: decimal amounts, and what to do when the Request ID was used before',
			options: [
				{ ...decimalAmountsOption, description: `${String(decimalAmountsOption.description)} (the Amount of a later charge)` },
				{
					displayName: 'On Duplicate',
					name: 'onDuplicate',
					type: 'options',
					options: [
						{
							name: 'Output the Existing Payment',
							value: 'existing',
							description: 'Output the payment an earlier run made with this Request ID, with duplicate = true; nothing is charged again',
						},
						{ name: 'Fail', value: 'error', description: 'Stop with an error naming the existing payment (nothing is charged again either)' },
					],
					default: 'existing',
					description: 'What to do when Glomo already has a payment with this Request ID',
				},
			],
		},
	],
);

/** An HTTPS address: Glomo sends the customer back to it, and refuses anything else. */
function callbackUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	const text = getString(ctx, 'callbackUrl', itemIndex, 'Callback URL');
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	const example = 'Give a full address such as https://shop.example.com/payments/return. Nothing was sent to Glomo.';
	if (!url) throw invalid(ctx, itemIndex, 'Callback URL', 'is not a web address', example);
	if (url.protocol !== 'https:') throw invalid(ctx, itemIndex, 'Callback URL', `must begin with https:// (Glomo refuses ${url.protocol}// addresses)`, example);
	return text;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const charge = this.getNodeParameter('charge', itemIndex) as string;
	const body: IDataObject = {};
	if (charge === 'order') body.order_id = getId(this, 'orderId', itemIndex, 'order', 'Order');
	else body.subscription_id = getId(this, 'subscriptionId', itemIndex, 'subscription', 'Subscription');
	if (charge === 'subsequent') {
		// each later charge is a new payment of the same subscription, often of the same amount: nothing
		// the node can see tells this month's from last month's, so it cannot derive its key
		if (optionalText(this.getNodeParameter('requestId', itemIndex, '')) === undefined) {
			throw invalid(
				this,
				itemIndex,
				'Request ID',
				'is required for a later charge of a subscription',
				'Give each charge its own, such as the subscription and the billing period ({{ $json.subscription_id }}-2026-12): a key derived from the subscription and the amount would be the same every month, and Glomo would take next month\'s charge for this one. Nothing was sent to Glomo.',
			);
		}
		const currency = getCurrency(this, 'currency', itemIndex, 'Currency', ORDER_CURRENCIES);
		body.sequence = 'subsequent';
		body.amount = checkAmount(this, this.getNodeParameter('amount', itemIndex), itemIndex, 'Amount', currency, options.decimalAmounts === true);
		body.currency = currency;
	} else {
		body.method = 'card';
		body.card = getCard(this, itemIndex);
		body.callback_url = callbackUrl(this, itemIndex);
	}
	// from the order or subscription (and a later charge's money) only: never from the card
	body.request_id = getRequestId(this, itemIndex, 'payment', body, IDENTITY);
	return await glomo.request({
		method: 'POST',
		path: '/payment',
		body,
		itemIndex,
		idempotent: { noun: 'payment', identity: SHOWN_AS, onDuplicate: options.onDuplicate === 'error' ? 'error' : 'existing' },
		// an answer or error that echoes the body must not carry the card number into n8n
		secrets: body.card ? [(body.card as IDataObject).number as string] : undefined,
	});
}
