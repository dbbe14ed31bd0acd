/**
 * Conformance: for every operation the node exposes, the request the node sent and the response the
 * sandbox returned are validated against the reference spec (the published Glomo spec with the
 * supplement applied, test/spec/reference.ts).
 *
 * One scenario runs a happy-path call of every (resource, operation) of the node, through the real
 * node (WorkflowExecute) against one sandbox, chained as a user would. Then every exchange the
 * sandbox recorded is checked: its operation must exist in the reference, and its query string,
 * request body and response body (for its status; list envelopes whole) must validate.
 *
 * Any finding fails the test, except the documented deviations of DEVIATIONS below: places where
 * the reference disagrees with itself (published spec vs glomo-domain.md or the supplement) or is
 * plainly wrong. Each entry must still match something, so the table cannot go stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { linearWorkflow, runWorkflow, type RunResult } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { rl, runGlomo, uniqueEmail } from '../nodes/helpers';
import type { RecordedRequest } from '../sandbox';
import { multipartBoundary, parseMultipart } from '../sandbox/resources/documents';
import { settleablePaymentRecord } from '../sandbox/resources/settlements';
import { ReferenceApi, referenceDirectory, type Finding } from './reference';

const sandbox = useSandbox({ seed: 2024 });
const reference = new ReferenceApi();

// ---------------------------------------------------------------------------------------------
// documented deviations
// ---------------------------------------------------------------------------------------------

interface Deviation {
	operationId: string;
	/** `request`, `query` or `response <status>` */
	part: string;
	/** matched against one error line of a finding */
	match: RegExp;
	/** why the reference, not the node or the sandbox, is at fault (citing glomo-domain.md) */
	reason: string;
}

/** the published Payout (read back by every payout operation but create) still has the old rate shape */
const RATE_SHAPE =
	'published Payout types mid_market_rate as a number; the supplement\'s PayoutCurrent (createPayout, x-overrides-published) and glomo-domain.md §7.7 (full Payout resource fields) give the current {currency, rate} object';

const DEVIATIONS: Deviation[] = [
	...(['request', 'response 201'] as const).map((part) => ({
		operationId: 'createSubscription',
		part,
		match:
			part === 'request'
				? /^(\(body\) must have required property '(interval_count|billing_cycles|start_date)' |\/interval_type must be equal to one of the allowed values |\/max_amount is not a property the reference declares )/
				: /^(\(body\) must have required property '(interval_count|billing_cycles|end_date)' |\/interval_type must be equal to one of the allowed values )/,
		reason:
			'an as_presented subscription (merchant-initiated charges up to max_amount): glomo-domain.md §8.6, §10.5 and §11 (Subscriptions) say it drops interval_count, billing_cycles and start_date and adds max_amount; the published CreateSubscriptionRequest and Subscription predate it (interval_type month|year only)',
	})),
	...['getPayoutById', 'getPayouts', 'cancelPayout', 'updateRfiPayout', 'mockUpdatePayoutStatus'].map((operationId) => ({
		operationId,
		part: 'response 200',
		match: /^(\/data\/\d+)?\/mid_market_rate must be number /,
		reason: RATE_SHAPE,
	})),
	{
		operationId: 'createPayout',
		part: 'response 201',
		match: /^\/documents\/\d+\/id must be string /,
		reason:
			'a document Glomo asks for and has not received yet has id null: the published spec\'s own RFI requirement (Refund.documents) shows id null while typing it string, and glomo-domain.md §7.7 records requirements as {id: null, rfi_doc_id, ...}; AttachedDocument types id string only',
	},
	{
		operationId: 'getPayouts',
		part: 'query',
		match: /^query parameter request_id is not documented /,
		reason:
			'glomo-domain.md §4 (a payout is looked up by GET /payouts?request_id=) and §5 (payout list filters: beneficiary_id, status, request_id); the published GET /payouts lists no request_id',
	},
	{
		operationId: 'createOrder',
		part: 'request',
		match: /^\(body\) must have required property 'payment_methods' /,
		reason:
			'glomo-domain.md §10.3: payment_methods on orders is an array to omit to offer every method enabled on the account (the node sends it only when chosen); the published schema marks it required',
	},
	{
		operationId: 'createOrder',
		part: 'request',
		match: /^\/request_id is not a property the reference declares /,
		reason: 'glomo-domain.md §4: orders accept request_id (a reuse is 400 "Order already exists for this request_id"); the published createOrder schema predates it',
	},
	{
		operationId: 'getOrders',
		part: 'query',
		match: /^query parameter request_id is not documented /,
		reason:
			'glomo-domain.md §4 (an order is looked up by GET /orders?request_id= after a reuse or a lost answer); the published GET /orders lists only customer_id and status',
	},
	...['createMockPayment', 'getPaymentById', 'updateRfiPayment', 'mockUpdatePaymentFundsAvailable'].flatMap((operationId) => [
		{
			operationId,
			part: `response ${operationId === 'createMockPayment' ? 201 : 200}`,
			match: /^(\/data)?\/payment_method\/type must be equal to one of the allowed values /,
			reason:
				'the published Payment types payment_method.type as swift_transfer|card; glomo-domain.md §10.3 and reference/README.md (Payment: payment_method.type bank_transfer|pay_via_bank|card) give the current values, and a mock payment is a bank transfer',
		},
		{
			operationId,
			part: `response ${operationId === 'createMockPayment' ? 201 : 200}`,
			match: /^(\/data)?\/payment_method\/details must match exactly one schema in oneOf /,
			reason:
				'the published Payment.payment_method.details is a oneOf of a bank and a card variant with no required keys and no closed set of keys, so every object matches both and fails "exactly one": the reference itself cannot be satisfied (glomo-domain.md §7.7 lists the two field sets)',
		},
	]),
	{
		operationId: 'createRefund',
		part: 'request',
		match: /^\/(request_id|amount) is not a property the reference declares /,
		reason:
			'glomo-domain.md §8.5: the create body takes an optional amount (a partial refund) and request_id (§4: a reuse is 400 "Refund already exists for this request_id"); the published createRefund schema predates both',
	},
	{
		operationId: 'createRefund',
		part: 'response 202',
		match: /^status 202 is not documented /,
		reason: 'glomo-domain.md §8.5: a refund create answers 201 when already success and 202 when in_progress, under_review or action_required',
	},
	{
		operationId: 'getRefunds',
		part: 'query',
		match: /^query parameter request_id is not documented /,
		reason: 'glomo-domain.md §4 (a refund is looked up by GET /refunds?request_id=) and §5 (refund list filters include request_id)',
	},
	{
		operationId: 'getRefunds',
		part: 'response 200',
		match: /^\/data\/\d+\/status must be equal to one of the allowed values /,
		reason: 'glomo-domain.md §8.5 and §10.6: the API returns in_progress (and cancelled) where the published enum says pending',
	},
	{
		operationId: 'mockUpdatePayoutStatus',
		part: 'request',
		match: /^\/status must be equal to one of the allowed values /,
		reason:
			'the published mock schema lists only success|failed|action_required; glomo-domain.md §8.1 (sandbox mock transitions) also allows pending (queued -> pending releases a queued payout) and cancelled',
	},
];

// ---------------------------------------------------------------------------------------------
// the node's operations
// ---------------------------------------------------------------------------------------------

/** Every `resource:operation` pair the node offers, from its description. */
function nodeOperations(): string[] {
	const properties = new Glomo().description.properties as INodeProperties[];
	const pairs: string[] = [];
	for (const prop of properties.filter((p) => p.name === 'operation')) {
		const resources = (prop.displayOptions?.show?.resource ?? []) as string[];
		for (const resource of resources) {
			for (const option of prop.options as INodePropertyOptions[]) pairs.push(`${resource}:${String(option.value)}`);
		}
	}
	return pairs.sort();
}

// ---------------------------------------------------------------------------------------------
// the scenario's helpers
// ---------------------------------------------------------------------------------------------

const ran = new Set<string>();
/** operations that failed (the scenario goes on, so the exchanges before and after are still checked) */
const failures: string[] = [];
let exchanges: RecordedRequest[] = [];

/** Runs one operation through the node; it must succeed. Returns its output items' JSON (none if it failed). */
async function run(parameters: IDataObject, options: Parameters<typeof runGlomo>[2] = {}): Promise<IDataObject[]> {
	const result = await runGlomo(sandbox, parameters, options);
	return succeeded(parameters, result);
}

function succeeded(parameters: IDataObject, result: RunResult): IDataObject[] {
	const name = `${String(parameters.resource)}:${String(parameters.operation)}`;
	if (result.error) {
		failures.push(`${name}: ${result.error.message} ${String(result.error.description ?? '')}`.trim());
		return [];
	}
	ran.add(name);
	return result.json('Glomo');
}

/** The platform's own merchant id: the `sub` claim of the sandbox's key. */
function platformId(): string {
	return JSON.parse(Buffer.from(sandbox.secretKey.split('.')[1], 'base64url').toString('utf8')).sub as string;
}

/** A small file with bytes that are not UTF-8 (as real PDFs carry), enough for an upload. */
const FILE = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n%%EOF\n')]);

/** Document › Upload needs a file on its input item: a Start node carrying one, then the Glomo node. */
async function upload(documentName: string): Promise<IDataObject[]> {
	const parameters = { resource: 'document', operation: 'upload', documentName: rl(documentName, 'list') };
	const workflow = linearWorkflow({ parameters }, [{}]);
	workflow.nodes[0].parameters.binary = JSON.stringify([{ data: { base64: FILE.toString('base64'), fileName: 'invoice.pdf', mimeType: 'application/pdf' } }]);
	const result = await runWorkflow({ ...workflow, credentials: { secretKey: sandbox.secretKey, baseUrl: sandbox.url, environment: 'sandbox' } });
	return succeeded(parameters, result);
}

let accountSeq = 0;
function accountNumber(): string {
	accountSeq++;
	return String(4_200_000_000 + accountSeq);
}

function beneficiaryParams(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'beneficiary',
		operation: 'create',
		category: 'payout',
		beneficiaryName: 'Acme GmbH',
		beneficiaryType: 'business',
		addressLine1: 'Unter den Linden 1',
		city: 'Berlin',
		state: 'Berlin',
		country: 'DEU',
		postalCode: '10117',
		paymentMethod: 'swift',
		accountNumber: accountNumber(),
		swiftCode: 'DEUTDEFF',
		accountCurrency: 'EUR',
		...overrides,
	};
}

function payoutParams(beneficiaryId: string, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'payout',
		operation: 'create',
		beneficiaryId: rl(beneficiaryId),
		pricing: 'amount',
		sourceCurrency: 'USD',
		destinationCurrency: 'EUR',
		fixedSide: 'destination',
		amount: 10000,
		paymentRail: 'swift',
		purposeCode: 'S1006',
		invoiceNumber: '',
		requestId: '',
		options: {},
		...overrides,
	};
}

// ---------------------------------------------------------------------------------------------
// the scenario: every operation once, as a user would chain them
// ---------------------------------------------------------------------------------------------

async function scenario(): Promise<void> {
	// what is in the account
	await run({ resource: 'balance', operation: 'getAll' });
	await run({ resource: 'fx', operation: 'getRate', sourceCurrency: 'USD', destinationCurrency: 'INR' });

	// customers
	const customer = (
		await run({
			resource: 'customer',
			operation: 'create',
			name: 'Asha Rao',
			customerType: 'individual',
			email: uniqueEmail('conformance'),
			address: '12 MG Road',
			city: 'Bengaluru',
			state: 'Karnataka',
			country: 'IND',
			pincode: '560001',
			additionalFields: { phone: '+91-9023456789', dob: '1990-04-12T00:00:00', nationality: 'IND' },
		})
	)[0];
	await run({ resource: 'customer', operation: 'get', customerId: rl(String(customer.id)) });
	await run({ resource: 'customer', operation: 'update', customerId: rl(String(customer.id)), updateFields: { email: uniqueEmail('moved') } });
	await run({ resource: 'customer', operation: 'getAll', limit: 5, filters: { customerType: 'individual' } });

	// an order, the same order again (Glomo's 400 and the lookup), one held for documents and answered
	const orderParams = (extra: IDataObject = {}) => ({
		resource: 'order',
		operation: 'create',
		customerId: rl(String(customer.id)),
		currency: 'USD',
		amount: 25000,
		purposeCode: 'P0802',
		invoiceNumber: 'INV-CONF-ORDER',
		requestId: '',
		options: { productName: 'Consulting', notes: { note: [{ key: 'crm', value: 'A-1' }] } },
		...extra,
	});
	const order = (await run(orderParams()))[0];
	await run(orderParams());
	await run({ resource: 'order', operation: 'get', orderId: rl(String(order.id)) });
	await run({ resource: 'order', operation: 'getAll', limit: 5, filters: { customerId: String(customer.id), status: 'active' } });
	const heldOrder = (await run(orderParams({ amount: 6623, invoiceNumber: 'INV-CONF-HELD' })))[0];
	await run({
		resource: 'order',
		operation: 'updateRfi',
		orderId: rl(String(heldOrder.id)),
		documents: { document: [{ rfiDocId: String((heldOrder.rfi_documents as IDataObject[])[0].rfi_doc_id), docId: 'doc_conformance01' }] },
	});

	// payment links: one made, the same one asked again (reused, not made), read, updated; one held
	// for documents, answered and reviewed; one cancelled
	const cust = String(customer.id);
	const linkParams = (reference: string, extra: IDataObject = {}) => ({
		resource: 'paymentLink',
		operation: 'create',
		customerId: rl(cust),
		currency: 'USD',
		amount: 25_000,
		purposeCode: 'P0802',
		expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
		paymentMethods: ['bank_transfer', 'card'],
		options: { referenceNumber: reference, invoiceNumber: `INV-${reference}`, productName: 'Consulting', reminderFrequency: 7 },
		...extra,
	});
	const link = (await run(linkParams('CONF-LINK-1')))[0];
	expect((await run(linkParams('CONF-LINK-1')))[0]).toMatchObject({ id: link.id, duplicate: true });
	await run({ resource: 'paymentLink', operation: 'get', paymentLinkId: rl(String(link.id)) });
	await run({ resource: 'paymentLink', operation: 'getAll', limit: 5, filters: { customerId: cust, status: 'active' } });
	await run({ resource: 'paymentLink', operation: 'update', paymentLinkId: rl(String(link.id)), updateFields: { reminderFrequency: 14 } });
	const heldLink = (await run(linkParams('CONF-LINK-HELD', { amount: 6623 })))[0];
	await run({
		resource: 'paymentLink',
		operation: 'updateRfi',
		paymentLinkId: rl(String(heldLink.id)),
		documents: { document: [{ rfiDocId: String((heldLink.rfi_documents as IDataObject[])[0].rfi_doc_id), docId: 'doc_conformance01' }] },
	});
	await run({ resource: 'paymentLink', operation: 'mockMarkReviewed', paymentLinkId: rl(String(heldLink.id)) });
	const unwanted = (await run(linkParams('CONF-LINK-CANCEL')))[0];
	await run({ resource: 'paymentLink', operation: 'cancel', paymentLinkId: rl(String(unwanted.id)) });

	// payments: a bank transfer into the link; one matching nothing, connected to a link made for it;
	// one held by screening, answered and its funds released; a card payment into the order
	const intoLink = (await run({ resource: 'payment', operation: 'mockPayment', into: 'payin', payinId: rl(String(link.id)), currency: 'USD', amount: 25_000, options: {} }))[0];
	expect(intoLink.status).toBe('success');
	await run({ resource: 'payment', operation: 'get', paymentId: rl(String(intoLink.id)) });
	await run({ resource: 'payment', operation: 'getAll', limit: 5, filters: { payinId: String(link.id), status: 'success', currency: 'USD' } });
	const stray = (await run({ resource: 'payment', operation: 'mockPayment', into: 'unmatched', currency: 'USD', amount: 1_500, options: {} }))[0];
	const home = (await run(linkParams('CONF-LINK-STRAY', { amount: 1_500 })))[0];
	expect((await run({ resource: 'payment', operation: 'getEligiblePayins', paymentId: rl(String(stray.id)) })).map((p) => p.id)).toContain(home.id);
	await run({ resource: 'payment', operation: 'connectPayin', paymentId: rl(String(stray.id)), payinId: rl(String(home.id)) });
	sandbox.setAccount({ postPaymentScreening: true });
	const screened = (await run({ resource: 'payment', operation: 'mockPayment', into: 'unmatched', currency: 'USD', amount: 6623, options: {} }))[0];
	sandbox.setAccount({ postPaymentScreening: false });
	await run({
		resource: 'payment',
		operation: 'updateRfi',
		paymentId: rl(String(screened.id)),
		documents: { document: [{ rfiDocId: String(((screened.rfi as IDataObject).documents_required as IDataObject[])[0].rfi_doc_id), docId: 'doc_conformance01' }] },
	});
	await run({ resource: 'payment', operation: 'mockFundsAvailable', paymentId: rl(String(screened.id)) });
	const card = (
		await run({
			resource: 'payment',
			operation: 'create',
			charge: 'order',
			orderId: rl(String(order.id)),
			cardNumber: '4242 4242 4242 4242',
			cardExpiry: '08/39',
			cardCvv: '123',
			cardHolderName: 'Asha Rao',
			callbackUrl: 'https://shop.example.com/return',
			requestId: 'conformance-card',
			options: {},
		})
	)[0];
	expect(card.status).toBe('in_progress');

	// refunds: the bank transfer in full, then its bank outcome; part of a card payment, held for documents
	const refundParams = (paymentId: string, extra: IDataObject = {}) => ({
		resource: 'refund',
		operation: 'create',
		paymentId: rl(paymentId),
		reason: 'Requested By Customer',
		refundAmount: 'full',
		requestId: '',
		options: {},
		...extra,
	});
	const refund = (await run(refundParams(String(intoLink.id))))[0];
	expect((await run(refundParams(String(intoLink.id))))[0]).toMatchObject({ id: refund.id, duplicate: true });
	await run({ resource: 'refund', operation: 'mockStatus', refundId: rl(String(refund.id)), status: 'success' });
	await run({ resource: 'refund', operation: 'get', refundId: rl(String(refund.id)) });
	await run({ resource: 'refund', operation: 'getAll', limit: 5, filters: { paymentId: String(intoLink.id), status: 'success' } });
	const carded = sandbox.insert('payment', {
		...settleablePaymentRecord('USD', 20_000),
		customer_id: cust,
		payment_method: { type: 'card', details: { card_network: 'Visa', end_digits: '4242' } },
	});
	const heldRefund = (await run(refundParams(String(carded.id), { refundAmount: 'partial', amount: 6623 })))[0];
	await run({
		resource: 'refund',
		operation: 'updateRfi',
		refundId: rl(String(heldRefund.id)),
		documents: { document: [{ rfiDocId: String((heldRefund.documents as IDataObject[])[0].rfi_doc_id), docId: 'doc_conformance01' }] },
	});

	// the customer's bank account (for bank transfers Glomo matches to them)
	await run({ resource: 'customer', operation: 'createBankAccount', customerId: rl(cust), accountNumber: '50100012345678', bicPrimary: 'HDFCINBBXXX', bicSecondary: 'HDFC0000001' });
	await run({ resource: 'customer', operation: 'getBankAccounts', customerId: rl(cust) });

	// a beneficiary, reviewed, then validated
	sandbox.setAccount({ beneficiaryReview: true });
	const bene = (await run(beneficiaryParams()))[0];
	sandbox.setAccount({ beneficiaryReview: false });
	const beneId = String(bene.id);
	await run({ resource: 'beneficiary', operation: 'mockReview', beneficiaryId: rl(beneId), reviewAction: 'approve' });
	await run({ resource: 'beneficiary', operation: 'get', beneficiaryId: rl(beneId) });
	await run({ resource: 'beneficiary', operation: 'getAll', limit: 5, filters: { status: 'active' } });
	const legacy = (
		await run({
			resource: 'beneficiary',
			operation: 'createLegacy',
			holderName: 'Test Arts & Crafts Pvt Ltd',
			beneficiaryType: 'business',
			accountNumber: accountNumber(),
			swiftCode: 'YESBINBB',
			localRoutingNumber: 'YESB0000002',
			bankName: 'Yes Bank',
			email: 'arts@example.com',
			addressLine1: '123 Main St',
			city: 'Bengaluru',
			state: 'Karnataka',
			country: 'IND',
			postalCode: '560048',
			nickname: 'Arts',
		})
	)[0];
	await run({ resource: 'beneficiary', operation: 'getLegacy', beneficiaryId: rl(String(legacy.id)) });
	await run({ resource: 'beneficiary', operation: 'getAllLegacy', limit: 5, filters: { country: 'IND' } });
	await run({
		resource: 'bankAccountValidation',
		operation: 'create',
		validateBy: 'details',
		country: 'IND',
		holderName: 'John Doe',
		accountNumber: '987654321001',
		swiftCode: 'YESBINBB',
		localRoutingNumber: 'YESB0000002',
	});
	await run({ resource: 'bankAccountValidation', operation: 'create', validateBy: 'beneficiary', beneficiaryId: rl(beneId) });
	await run({ resource: 'bankAccountValidation', operation: 'getAll', limit: 5, filters: { country: 'IND' } });

	// a supporting document
	const document = (await upload('invoice'))[0];
	const documentId = String(document.id);
	await run({ resource: 'document', operation: 'get', documentId: rl(documentId) });
	await run({ resource: 'document', operation: 'getAll', limit: 5 });

	// quotes, and a payout paid from one
	await run({
		resource: 'quote',
		operation: 'create',
		quoteFor: 'payout',
		sourceCurrency: 'USD',
		destinationCurrency: 'INR',
		subtype: 'swift_transfer',
		fixedSide: 'source',
		amount: 10_000,
	});
	const payoutQuotes = await run({
		resource: 'quote',
		operation: 'createPayoutQuote',
		beneficiaryId: rl(beneId),
		sourceCurrency: 'USD',
		destinationCurrency: 'EUR',
		fixedSide: 'destination',
		amount: 50_000,
	});
	const quoteId = String(payoutQuotes[0].quote_id);
	const quoted = (await run(payoutParams(beneId, { pricing: 'quote', quoteId: rl(quoteId), requestId: 'conformance-quoted' })))[0];

	// payouts: by amount, with documents; get and list
	const paid = (await run(payoutParams(beneId, { invoiceNumber: 'INV-CONF-1', options: { documents: documentId, notes: { note: [{ key: 'run', value: 'conformance' }] } } })))[0];
	await run({ resource: 'payout', operation: 'get', payoutId: rl(String(paid.id)) });
	await run({ resource: 'payout', operation: 'getAll', limit: 5, filters: { beneficiaryId: beneId, status: 'in_progress' } });
	// the same payout again: Glomo's 409, then the existing one looked up by request_id
	const again = (await run(payoutParams(beneId, { invoiceNumber: 'INV-CONF-1', options: { documents: documentId, notes: { note: [{ key: 'run', value: 'conformance' }] } } })))[0];
	expect(again).toMatchObject({ id: paid.id, duplicate: true });
	expect(quoted.quote_id).toBe(quoteId);

	// a payout held for documents: answered with Update RFI
	const held = (await run(payoutParams(beneId, { amount: 6623, requestId: 'conformance-held' })))[0];
	expect(held.status).toBe('action_required');
	const requirement = (held.documents as IDataObject[]).find((doc) => doc.rfi_doc_id) as IDataObject;
	await run({
		resource: 'payout',
		operation: 'updateRfi',
		payoutId: rl(String(held.id)),
		documents: { document: [{ rfiDocId: requirement.rfi_doc_id, docId: documentId }] },
	});

	// queued payouts: one cancelled, one walked by the mock to success
	sandbox.setAccount({ payoutQueueing: true });
	const toCancel = (await run(payoutParams(beneId, { requestId: 'conformance-cancel' })))[0];
	const toMock = (await run(payoutParams(beneId, { requestId: 'conformance-mock' })))[0];
	sandbox.setAccount({ payoutQueueing: false });
	await run({ resource: 'payout', operation: 'cancel', payoutId: rl(String(toCancel.id)) });
	await run({ resource: 'payout', operation: 'mockStatus', payoutId: rl(String(toMock.id)), status: 'pending' });
	await run({ resource: 'payout', operation: 'mockStatus', payoutId: rl(String(toMock.id)), status: 'success' });

	// another payout held for documents, answered through its RFI (the payout names no RFI: it is
	// found in the list by the document it asks for)
	const heldAgain = (await run(payoutParams(beneId, { amount: 6623, requestId: 'conformance-rfi' })))[0];
	const wanted = String(((heldAgain.documents as IDataObject[]).find((doc) => doc.rfi_doc_id) as IDataObject).rfi_doc_id);
	const rfis = await run({ resource: 'rfi', operation: 'getAll', limit: 5 });
	const rfi = rfis.find((entry) => (entry.documents_required as IDataObject[]).some((doc) => doc.rfi_doc_id === wanted));
	expect(rfi).toBeDefined();
	await run({ resource: 'rfi', operation: 'get', rfiId: rl(String(rfi?.id)) });
	await run({ resource: 'rfi', operation: 'respond', rfiId: rl(String(rfi?.id)), documents: { document: [{ rfiDocId: wanted, docId: documentId }] } });

	// balances: a conversion, settlements, an internal transfer
	await run({ resource: 'balanceConversion', operation: 'create', sourceCurrency: 'USD', targetCurrency: 'EUR', fixedSide: 'source', amount: 10_000 });
	await run({ resource: 'balanceConversion', operation: 'getAll', limit: 5, filters: { sourceCurrency: 'USD' } });
	await run({ resource: 'settlement', operation: 'create', settleBy: 'amount', balanceCurrency: 'EUR', amount: 150_000 });
	const payment = sandbox.insert('payment', settleablePaymentRecord('GBP', 4000));
	await run({ resource: 'settlement', operation: 'create', settleBy: 'payments', paymentIds: String(payment.id) });
	sandbox.insert('payment', settleablePaymentRecord('USD', 10_000));
	const triggered = (await run({ resource: 'settlement', operation: 'mockTrigger' }))[0];
	const settlement = (triggered.data as IDataObject[])[0];
	expect(settlement).toBeDefined();
	await run({ resource: 'settlement', operation: 'get', settlementId: rl(String(settlement.id)) });
	await run({ resource: 'settlement', operation: 'getAll', limit: 5 });
	await run({ resource: 'settlement', operation: 'getTransactions', settlementId: rl(String(settlement.id)), returnAll: true });
	const child = String(sandbox.insert('merchant', { name: 'Child A', owner_merchant_id: platformId(), status: 'success' }).id);
	await run({
		resource: 'internalTransfer',
		operation: 'create',
		fromMerchantId: rl(platformId()),
		toMerchantId: rl(child),
		currency: 'AED',
		amount: 10_000,
		reference: 'conformance',
	});

	// recurring billing: a subscription charged once by card, paused, resumed, moved, then cancelled;
	// and one charged as presented
	const today = new Date().toISOString().slice(0, 10);
	const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
	const subscription = (
		await run({
			resource: 'subscription',
			operation: 'create',
			customerId: rl(cust),
			productName: 'Pro Hosting',
			productDescription: 'Managed hosting for one site',
			currency: 'USD',
			amount: 2_999,
			interval: 'monthly',
			billingCycles: 12,
			startDate: today,
			expiresAt: inDays(7),
			notifyCustomer: true,
			startsWithFirstPayment: true,
			options: { planName: 'Starter', planDescription: 'One site' },
		})
	)[0];
	const subId = String(subscription.id);
	const firstCharge = (
		await run({
			resource: 'payment',
			operation: 'create',
			charge: 'subscription',
			subscriptionId: rl(subId),
			cardNumber: '4242 4242 4242 4242',
			cardExpiry: '08/39',
			cardCvv: '123',
			cardHolderName: 'Asha Rao',
			callbackUrl: 'https://shop.example.com/subscribed',
			requestId: '',
			options: {},
		})
	)[0];
	const challenge = await fetch(String((firstCharge.next_steps as IDataObject).redirect_url), { redirect: 'manual' });
	expect(challenge.status).toBe(302);
	await run({ resource: 'subscription', operation: 'get', subscriptionId: rl(subId) });
	await run({ resource: 'subscription', operation: 'getAll', limit: 5, filters: { status: 'active', customerId: rl(cust), startDate: today, endDate: inDays(400) } });
	await run({ resource: 'subscription', operation: 'pause', subscriptionId: rl(subId) });
	await run({ resource: 'subscription', operation: 'resume', subscriptionId: rl(subId) });
	await run({ resource: 'subscription', operation: 'updateNextPaymentDate', subscriptionId: rl(subId), nextPaymentDate: inDays(5) });
	await run({ resource: 'subscription', operation: 'cancel', subscriptionId: rl(subId) });

	await run({
		resource: 'subscription',
		operation: 'create',
		customerId: rl(cust),
		productName: 'Usage billing',
		productDescription: 'Charged as used',
		currency: 'USD',
		amount: 1_000,
		interval: 'asPresented',
		maxAmount: 50_000,
		expiresAt: inDays(7),
		notifyCustomer: false,
		startsWithFirstPayment: true,
		options: {},
	});

	// a platform's fee pricing, a payment session and a KYC link
	const fixedFee = (await run({ resource: 'price', operation: 'create', pricingType: 'fixed', feesAmount: 1_000, feesCurrency: 'USD' }))[0];
	await run({ resource: 'price', operation: 'create', pricingType: 'percentage', bps: 250 });
	await run({ resource: 'price', operation: 'get', priceId: rl(String(fixedFee.id)) });
	await run({ resource: 'price', operation: 'getAll', limit: 5 });
	await run({ resource: 'paymentSession', operation: 'create', customerId: rl(cust), options: { sessionType: 'kyc_lrs' }, kycPrefill: { country: 'IND', phone: '+91-9023456789' } });
	const kycLink = (await run({ resource: 'kycLink', operation: 'create', email: uniqueEmail('kyc'), sendEmail: false }))[0];
	await run({ resource: 'kycLink', operation: 'get', kycLinkId: rl(String(kycLink.id)) });
	await run({ resource: 'kycLink', operation: 'getAll', limit: 5, filters: { status: 'initiated' } });

	// virtual accounts: one requested (it opens a moment later), listed, then closed
	await run({ resource: 'virtualAccount', operation: 'create', paymentType: 'local', currency: 'GBP' });
	await run({ resource: 'virtualAccount', operation: 'getAll', limit: 5, filters: { currency: 'GBP' } });
	await run({ resource: 'virtualAccount', operation: 'close', paymentType: 'local', currency: rl('GBP', 'list') });

	// a child merchant onboarded under the platform, approved by the sandbox mock, read and updated
	const merchant = (
		await run({
			resource: 'platformMerchant',
			operation: 'onboard',
			name: 'Acme Exports LLP',
			entityType: 'business',
			merchantCategory: 'Business Services',
			subCategory: rl('Consulting Management and Public Relations Services', 'list'),
			registrationNumber: 'REG123456',
			registrationCountry: 'IND',
			addressLine1: '456 Commerce Street',
			city: 'Mumbai',
			state: 'Maharashtra',
			pincode: '400001',
			operationCountries: ['IND', 'USA'],
		})
	)[0];
	const merchantId = String(merchant.merchant_id ?? merchant.id);
	await run({ resource: 'platformMerchant', operation: 'mockStatusUpdate', merchantId: rl(merchantId), targetStatus: 'success' });
	await run({ resource: 'platformMerchant', operation: 'get', merchantId: rl(merchantId) });
	await run({ resource: 'platformMerchant', operation: 'update', merchantId: rl(merchantId), updateFields: { city: 'Pune' } });

	// last: a key rotation (of a key of its own, so the scenario's key stays as it was)
	await run({ resource: 'apiKey', operation: 'rotate', expireAfterInSeconds: 3600 }, { credentials: { secretKey: sandbox.issueKey('sandbox') } });
}

// ---------------------------------------------------------------------------------------------
// validation of the recorded exchanges
// ---------------------------------------------------------------------------------------------

/** The body to validate: the JSON the node sent, or for a multipart upload its fields (a file as a placeholder). */
function requestBody(request: RecordedRequest): unknown {
	const header = request.headers['content-type'];
	const contentType = Array.isArray(header) ? header[0] : header;
	const boundary = multipartBoundary(contentType);
	if (!boundary) return request.body;
	const body: Record<string, string> = {};
	for (const part of parseMultipart(request.rawBytes, boundary)) body[part.name] = part.fileName !== undefined ? '<binary file>' : part.data.toString('utf8');
	return body;
}

interface Counts {
	requests: number;
	responses: number;
}

/** Every finding of the recorded exchanges, and how many requests and responses were validated. */
function validate(recorded: RecordedRequest[]): { findings: Finding[]; counts: Counts } {
	const findings: Finding[] = [];
	const counts: Counts = { requests: 0, responses: 0 };
	// the 3-D Secure page a card holder's browser opens is Glomo's hosted checkout, not its API
	for (const request of recorded.filter((r) => !r.path.startsWith('/checkout/'))) {
		const op = reference.find(request.method, request.path);
		if (!op) {
			findings.push({ operationId: '(none)', part: 'path', errors: [`${request.method} ${request.path} is not an operation of the reference`] });
			continue;
		}
		const header = request.headers['content-type'];
		const contentType = Array.isArray(header) ? header[0] : header;
		const where = `${request.method} ${request.path}`;
		const tag = (finding: Finding | undefined) => finding && findings.push({ ...finding, errors: finding.errors.map((e) => `${e} (${where})`) });
		tag(reference.checkQuery(op, request.query));
		tag(reference.checkRequest(op, requestBody(request), contentType));
		tag(reference.checkRequestKeys(op, requestBody(request), contentType));
		counts.requests++;
		if (request.status === 0) continue;
		tag(reference.checkResponse(op, request.status, request.responseBody));
		counts.responses++;
	}
	return { findings, counts };
}

/** Splits findings into the lines a deviation explains (counting its uses) and the rest. */
function sift(findings: Finding[]): { unexplained: string[]; used: Map<Deviation, number> } {
	const used = new Map<Deviation, number>(DEVIATIONS.map((d) => [d, 0]));
	const unexplained: string[] = [];
	for (const finding of findings) {
		for (const error of finding.errors) {
			const deviation = DEVIATIONS.find((d) => d.operationId === finding.operationId && d.part === finding.part && d.match.test(error));
			if (deviation) used.set(deviation, (used.get(deviation) ?? 0) + 1);
			else unexplained.push(`${finding.operationId} ${finding.part}: ${error}`);
		}
	}
	return { unexplained, used };
}

// ---------------------------------------------------------------------------------------------
// the tests
// ---------------------------------------------------------------------------------------------

describe('the reference checks', () => {
	const op = (method: string, path: string) => {
		const found = reference.find(method, path);
		if (!found) throw new Error(`${method} ${path} is not in the reference`);
		return found;
	};

	it('find the operation of a path (v1 and v2), and none for a path the reference does not have', () => {
		expect(op('PATCH', '/api/v1/payouts/mock').operationId).toBe('mockUpdatePayoutStatus');
		expect(op('GET', '/api/v1/payouts/payout_abc').operationId).toBe('getPayoutById');
		expect(op('GET', '/api/v2/beneficiaries/bene_abc').operationId).toBe('getBeneficiaryByIdV2');
		expect(reference.find('GET', '/api/v1/nowhere')).toBeUndefined();
	});

	it('catch a wrong type, an undeclared key, an unknown query parameter, an undocumented status and a broken envelope', () => {
		const payouts = op('POST', '/api/v1/payouts');
		const body = { beneficiary_id: 'bene_abc', purpose_code: 'S1006', source_currency: 'USD', destination_currency: 'EUR', source_amount: 100 };
		expect(reference.checkRequest(payouts, body, 'application/json')).toBeUndefined();
		expect(reference.checkRequestKeys(payouts, body, 'application/json')).toBeUndefined();
		expect(reference.checkRequest(payouts, { ...body, source_amount: '100' }, 'application/json')?.errors.join()).toMatch(/source_amount/);
		expect(reference.checkRequestKeys(op('POST', '/api/v1/customer'), { name: 'A', colour: 'red' }, 'application/json')?.errors).toEqual([
			'/colour is not a property the reference declares',
		]);
		const list = op('GET', '/api/v1/customer');
		expect(reference.checkQuery(list, { page: '2', per_page: '100' })).toBeUndefined();
		expect(reference.checkQuery(list, { colour: 'red', per_page: 'many' })?.errors).toEqual([
			'query parameter colour is not documented',
			expect.stringMatching(/^per_page: .* must be integer/),
		]);
		expect(reference.checkResponse(list, 418, {})?.errors).toEqual(['status 418 is not documented']);
		expect(reference.checkResponse(list, 200, { data: [], page_meta: { current: 1, previous: null, next: null, per_page: 20, pages: 1, count: 0 } })).toBeUndefined();
		expect(reference.checkResponse(list, 200, { data: 'none' })?.errors.join()).toMatch(/\/data must be array/);
	});
});

describe('conformance of every operation to the reference spec', () => {
	it('runs a happy-path call of every operation of the node', async () => {
		try {
			await scenario();
		} finally {
			exchanges = [...sandbox.requests];
		}
		expect(failures).toEqual([]);
		expect([...ran].sort()).toEqual(nodeOperations());
	}, 120_000);

	it('covers every seed endpoint of the reference (74) and every newer operation it locates', () => {
		const index = readFileSync(join(referenceDirectory(), 'reference-index.md'), 'utf8');
		const seeds = [...index.matchAll(/^\| \d+ \| `[A-Z]+ [^`]+` \| .* \| `(\w+)` \|$/gm)].map((m) => m[1]);
		const newer = index.slice(index.indexOf('## Newer operations not in the seed list'), index.indexOf('Published-spec operations absent'));
		const located = [...newer.matchAll(/^\| `(\w+)` \| supplement /gm)].map((m) => m[1]);
		expect(seeds).toHaveLength(74);
		expect(located).toHaveLength(11);
		const exercised = new Set(exchanges.map((request) => reference.find(request.method, request.path)?.operationId));
		expect([...seeds, ...located].filter((operationId) => !exercised.has(operationId))).toEqual([]);
		expect(ran.size).toBe(seeds.length + located.length);
	});

	it('sends requests and gets responses that the reference spec accepts, apart from the documented deviations', () => {
		expect(exchanges.length).toBeGreaterThan(0);
		const { findings, counts } = validate(exchanges);
		const { unexplained, used } = sift(findings);
		const exceptionsUsed = [...used.values()].reduce((sum, n) => sum + n, 0);
		console.log(
			[
				`conformance: ${ran.size} operations run, ${counts.requests} requests and ${counts.responses} responses validated, ` +
					`${exceptionsUsed} finding(s) explained by ${[...used.values()].filter((n) => n > 0).length} documented deviation(s)`,
				...[...used].map(([d, n]) => `  ${n} × ${d.operationId} ${d.part} ${String(d.match)}`),
			].join('\n'),
		);
		expect(unexplained).toEqual([]);
		// a deviation that explains nothing any more is stale: remove it
		expect([...used].filter(([, n]) => n === 0).map(([d]) => `${d.operationId} ${d.part} ${String(d.match)}`)).toEqual([]);
	});
});
