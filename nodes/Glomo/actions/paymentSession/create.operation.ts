import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { countryField } from '../../helpers/fields';
import { customerOrEmailFields, getCustomerOrEmail } from '../../helpers/customerOrEmail';
import { defineOperation } from '../../helpers/operation';
import { checkCountry, compact, invalid, optionalText } from '../../helpers/params';
import { checkBirthDate, checkPhone, hasDate } from '../../helpers/person';
import type { GlomoClient } from '../../transport';

/** An Indian PAN: five letters, four digits, a letter. */
const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
const SESSION_TYPE = /^[A-Za-z0-9_-]{1,64}$/;

export const description = defineOperation(
	'paymentSession',
	{
		name: 'Create',
		value: 'create',
		action: 'Create a payment session',
		description:
			'Start a payment session (a payment with steps such as KYC before it, as set up for your business) and get its short-lived token, which your web page opens with Glomo\'s Web SDK',
	},
	[
		{
			displayName:
				'The output carries a short-lived token (a JWT), not a link: your web page hands it to Glomo\'s Web SDK, which opens the session for the customer. Payment sessions must be enabled for your business by Glomo.',
			name: 'paymentSessionNotice',
			type: 'notice',
			default: '',
		},
		...customerOrEmailFields('the session'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'More settings of the session',
			options: [
				{
					displayName: 'Session Type',
					name: 'sessionType',
					type: 'string',
					default: '',
					placeholder: 'kyc_lrs',
					description: 'The kind of session, as Glomo set it up for your business, e.g. kyc_lrs (letters, digits, _ and -). Leave empty for your default.',
				},
			],
		},
		{
			displayName: 'KYC Prefill',
			name: 'kycPrefill',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Details the customer does not have to type again in the KYC step. Needs a Customer or an Email.',
			options: [
				countryField('country', 'Country', {
					description: 'The customer\'s country, as an ISO 3166-1 alpha-3 code, e.g. IND. Required with Phone.',
				}),
				{
					displayName: 'Date of Birth',
					name: 'dob',
					type: 'dateTime',
					default: '',
					description: 'The customer\'s date of birth, a day before today; sent as YYYY-MM-DD, e.g. 1990-04-23',
				},
				{
					displayName: 'PAN',
					name: 'pan',
					type: 'string',
					default: '',
					placeholder: 'ABCDE1234F',
					description: 'The customer\'s Indian Permanent Account Number: five letters, four digits and a letter, e.g. ABCDE1234F',
				},
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: '+91-9023456789',
					description: 'The customer\'s phone number with its country code, e.g. +91-9023456789. Needs Country.',
				},
			],
		},
	],
);

function readPrefill(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const given = ctx.getNodeParameter('kycPrefill', itemIndex, {}) as IDataObject;
	const prefill: IDataObject = {};
	const pan = optionalText(given.pan)?.toUpperCase();
	if (pan !== undefined) {
		if (!PAN.test(pan)) {
			throw invalid(ctx, itemIndex, 'KYC Prefill > PAN', `"${pan}" is not a PAN`, 'A PAN is five letters, four digits and a letter, such as ABCDE1234F. Nothing was sent to Glomo.');
		}
		prefill.pan = pan;
	}
	prefill.phone = checkPhone(ctx, given.phone, itemIndex, 'KYC Prefill > Phone');
	if (optionalText(given.country) !== undefined) prefill.country = checkCountry(ctx, given.country, itemIndex, 'KYC Prefill > Country');
	if (hasDate(given.dob)) prefill.dob = checkBirthDate(ctx, given.dob, itemIndex, 'KYC Prefill > Date of Birth');
	if (prefill.phone !== undefined && prefill.country === undefined) {
		throw invalid(ctx, itemIndex, 'KYC Prefill > Country', 'is required with a Phone', 'Glomo reads the phone number for a country: add the Country. Nothing was sent to Glomo.');
	}
	return compact(prefill);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient) {
	const who = getCustomerOrEmail(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sessionType = optionalText(options.sessionType);
	if (sessionType !== undefined && !SESSION_TYPE.test(sessionType)) {
		throw invalid(this, itemIndex, 'Options > Session Type', `"${sessionType}" is not a session type`, 'Use letters, digits, _ and - only, such as kyc_lrs. Nothing was sent to Glomo.');
	}
	const kyc = readPrefill(this, itemIndex);
	if (Object.keys(kyc).length && !who.customer_id && !who.email) {
		throw invalid(
			this,
			itemIndex,
			'KYC Prefill',
			'needs a Customer or an Email',
			'Glomo prefills the KYC step of a known customer only: pick a Customer or give an Email, or remove the KYC Prefill. Nothing was sent to Glomo.',
		);
	}
	const body: IDataObject = { session_type: sessionType, ...who };
	if (Object.keys(kyc).length) body.kyc = kyc;
	// Glomo does not de-duplicate sessions (no request_id): a create is sent once, never retried blindly
	return await glomo.request({ method: 'POST', path: '/payment-sessions', body: compact(body), itemIndex });
}
