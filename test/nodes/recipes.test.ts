/**
 * The sandbox recipes of glomo-domain.md §9 for sending and collecting money, each run in one test as a user's
 * workflow steps would: every step is the real Glomo node against the sandbox, and every webhook
 * the sandbox signed on the way is handed to the real Glomo Trigger, which must start a workflow
 * with it (a forged copy must not).
 */
import type { IDataObject } from 'n8n-workflow';

import { callWebhook, linearWorkflow, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { useWebhookReceiver } from '../harness/webhook-receiver';
import { rl, runGlomo } from './helpers';

const SECRET = 'whsec_recipes_1234567890';
const sandbox = useSandbox({ seed: 77, webhookSecret: SECRET });
/** A webhook endpoint that answers 200 to everything: the sandbox records what it signed and sent. */
const { credentials, delivered, throughTrigger, listenHere } = useWebhookReceiver(sandbox, SECRET);

async function step(parameters: IDataObject): Promise<IDataObject> {
	const result = await runGlomo(sandbox, parameters);
	expect(result.error).toBeUndefined();
	return result.json('Glomo')[0];
}

test('payout recipe: beneficiary (review on) → approve → payout (queue on) → mock pending → mock success, with every webhook through the Glomo Trigger', async () => {
	sandbox.setAccount({ beneficiaryReview: true, payoutQueueing: true });
	listenHere();

	const beneficiary = await step({
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
		accountNumber: '4455667788',
		swiftCode: 'DEUTDEFF',
		accountCurrency: 'EUR',
	});
	expect(beneficiary.status).toBe('pending');
	const bene = beneficiary.id as string;

	// a payout to a beneficiary still in review is refused by Glomo, and nothing is paid
	const early = await runGlomo(sandbox, payout(bene));
	expect(early.error?.message).toBe('Beneficiary verification is pending');

	expect((await step({ resource: 'beneficiary', operation: 'mockReview', beneficiaryId: rl(bene), reviewAction: 'approve' })).status).toBe('active');
	const queued = await step(payout(bene));
	expect(queued).toMatchObject({ status: 'queued', duplicate: false });
	const id = queued.id as string;
	expect((await step({ resource: 'payout', operation: 'mockStatus', payoutId: rl(id), status: 'pending' })).status).toBe('in_progress');
	expect((await step({ resource: 'payout', operation: 'mockStatus', payoutId: rl(id), status: 'success' })).status).toBe('success');
	expect((await step({ resource: 'payout', operation: 'get', payoutId: rl(id) })).status).toBe('success');

	const events = await delivered();
	expect(events.map((e) => e.event)).toEqual(['beneficiary.active', 'payout.queued', 'payout.in_progress', 'payout.success']);
	for (const event of events) {
		const outcome = await callWebhook({
			parameters: { events: ['*'], verifySignature: true },
			credentials: credentials(),
			rawBody: event.body,
			headers: { 'x-glomopay-signature': event.signature },
		});
		expect(outcome.started?.[0]).toMatchObject({ entity_type: event.event.split('.')[0], event_type: event.event.split('.')[1] });
		const forged = await callWebhook({
			parameters: { events: ['*'], verifySignature: true },
			credentials: credentials(),
			rawBody: event.body.replace('"success"', '"failed"'),
			headers: { 'x-glomopay-signature': event.signature },
		});
		if (event.body.includes('"success"')) expect(forged.started).toBeUndefined();
	}
	const trigger = await callWebhook({ parameters: { events: ['payout.success'], verifySignature: true }, credentials: credentials(), rawBody: events[3].body, headers: { 'x-glomopay-signature': events[3].signature } });
	expect((trigger.started?.[0].data as IDataObject).id).toBe(id);
});

test('RFI recipe: a payout held for documents → upload → RFI › Respond → under review → mock success; its funds held only once it is reviewed', async () => {
	const bene = 'bene_recipe000rfi1';
	sandbox.insert('beneficiary', { id: bene, name: 'Gulf Traders', status: 'active', type: 'business', category: 'payout' });
	const held = await step({ ...payout(bene), amount: 6623, destinationCurrency: 'AED', requestId: 'RFI-RECIPE-1' });
	expect(held.status).toBe('action_required');
	const requirement = (held.documents as IDataObject[]).find((doc) => doc.rfi_doc_id) as IDataObject;

	const rfis = await runGlomo(sandbox, { resource: 'rfi', operation: 'getAll', returnAll: true });
	// neither the payout nor any webhook names its RFI: it is the one that asks for the payout's requirement
	const asks = (r: IDataObject) => (r.documents_required as IDataObject[]).some((d) => d.rfi_doc_id === requirement.rfi_doc_id);
	const rfi = rfis.json('Glomo').find(asks) as IDataObject;
	expect(rfi).toMatchObject({ status: 'action_required' });
	expect((rfi.documents_required as IDataObject[]).map((d) => d.rfi_doc_id)).toEqual([requirement.rfi_doc_id]);

	const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
	const workflow = linearWorkflow({ parameters: { resource: 'document', operation: 'upload', documentName: { __rl: true, mode: 'name', value: 'Invoice' } } });
	workflow.nodes[0].parameters.binary = JSON.stringify([{ data: { base64: pdf.toString('base64'), fileName: 'invoice.pdf', mimeType: 'application/pdf' } }]);
	const upload = await runWorkflow({ ...workflow, credentials: credentials() });
	const documentId = upload.json('Glomo')[0]?.id as string | undefined;
	expect(documentId).toMatch(/^doc_/);

	await step({
		resource: 'rfi',
		operation: 'respond',
		rfiId: rl(rfi.id as string),
		documents: { document: [{ rfiDocId: requirement.rfi_doc_id, docId: documentId }] },
	});
	const reviewed = await step({ resource: 'payout', operation: 'get', payoutId: rl(held.id as string) });
	expect(reviewed.status).toBe('in_progress');
	expect(reviewed.documents).toContainEqual(expect.objectContaining({ id: documentId, rfi_doc_id: requirement.rfi_doc_id, status: 'uploaded' }));
	expect((await step({ resource: 'payout', operation: 'mockStatus', payoutId: rl(held.id as string), status: 'success' })).status).toBe('success');
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function linkParams(customerId: string, amount: number, reference: string): IDataObject {
	return {
		resource: 'paymentLink',
		operation: 'create',
		customerId: rl(customerId),
		currency: 'USD',
		amount,
		purposeCode: 'P0802',
		expiresAt: inDays(14),
		paymentMethods: ['bank_transfer', 'card'],
		options: { referenceNumber: reference },
	};
}

async function newCustomer(email: string): Promise<string> {
	const customer = await step({
		resource: 'customer',
		operation: 'create',
		name: 'Meera Nair',
		customerType: 'individual',
		email,
		address: '4 Marine Drive',
		city: 'Mumbai',
		state: 'Maharashtra',
		country: 'IND',
		pincode: '400002',
		additionalFields: {},
	});
	return customer.id as string;
}

test('link paid recipe: customer → link (one held for documents: answered, mock-reviewed) → mock payment → payment.success and payment_link.paid through the Glomo Trigger', async () => {
	listenHere();
	const customer = await newCustomer('meera.recipe@example.com');

	// a link Glomo holds for documents at creation: answered, reviewed, then active with its page
	const held = await step(linkParams(customer, 6623, 'ORD-HELD'));
	expect(held).toMatchObject({ status: 'action_required', duplicate: false });
	const rfiDocId = (held.rfi_documents as IDataObject[])[0].rfi_doc_id as string;
	expect((await step({ resource: 'paymentLink', operation: 'updateRfi', paymentLinkId: rl(held.id as string), documents: { document: [{ rfiDocId, docId: 'doc_passport0001' }] } })).status).toBe('under_review');
	const reviewed = await step({ resource: 'paymentLink', operation: 'mockMarkReviewed', paymentLinkId: rl(held.id as string) });
	expect(reviewed.status).toBe('active');
	expect(reviewed.payment_link).toMatch(/^https:\/\//);

	// the link the customer pays; asked again (a retried workflow), the same link comes back
	const link = await step(linkParams(customer, 25_000, 'ORD-5001'));
	expect(link).toMatchObject({ status: 'active', duplicate: false });
	expect(await step(linkParams(customer, 25_000, 'ORD-5001'))).toMatchObject({ id: link.id, duplicate: true });
	const payment = await step({ resource: 'payment', operation: 'mockPayment', into: 'payin', payinId: rl(link.id as string), currency: 'USD', amount: 25_000, options: {} });
	expect(payment).toMatchObject({ status: 'success', payin_id: link.id, funds_available: true });
	expect((await step({ resource: 'paymentLink', operation: 'get', paymentLinkId: rl(link.id as string) })).status).toBe('paid');

	const events = (await delivered()).filter((e) => e.event === 'payment.success' || e.event === 'payment_link.paid');
	expect(events.map((e) => e.event)).toEqual(['payment.success', 'payment_link.paid']);
	const [paid, linkPaid] = await throughTrigger(events);
	expect((paid.data as IDataObject).id).toBe(payment.id);
	expect((linkPaid.data as IDataObject).id).toBe(link.id);
});

test('a transfer for the wrong amount: action_required PAYIN_AMOUNT_MISMATCH, then connected to a link made for what arrived', async () => {
	const customer = await newCustomer('wrong.amount@example.com');
	const link = await step(linkParams(customer, 25_000, 'ORD-5002'));
	const short = await step({ resource: 'payment', operation: 'mockPayment', into: 'payin', payinId: rl(link.id as string), currency: 'USD', amount: 20_000, options: {} });
	expect(short).toMatchObject({ status: 'action_required', error_code: 'PAYIN_AMOUNT_MISMATCH' });
	expect((await step({ resource: 'paymentLink', operation: 'get', paymentLinkId: rl(link.id as string) })).status).toBe('active');
	const fitting = await step(linkParams(customer, 20_000, 'ORD-5002-B'));
	const eligible = await runGlomo(sandbox, { resource: 'payment', operation: 'getEligiblePayins', paymentId: rl(short.id as string) });
	expect(eligible.json('Glomo').map((p) => p.id)).toEqual([fitting.id]);
	const connected = await step({ resource: 'payment', operation: 'connectPayin', paymentId: rl(short.id as string), payinId: rl(fitting.id as string) });
	expect(connected).toMatchObject({ status: 'success', payin_id: fitting.id });
});

test('funds recipe: a payment held by screening (6623) → its RFI answered → mock funds available → mock settlement, with webhooks through the trigger', async () => {
	listenHere();
	sandbox.setAccount({ postPaymentScreening: true });
	const held = await step({ resource: 'payment', operation: 'mockPayment', into: 'unmatched', currency: 'USD', amount: 6623, options: {} });
	expect(held).toMatchObject({ status: 'success', compliance_status: 'action_required', funds_available: false });
	const rfiDocId = ((held.rfi as IDataObject).documents_required as IDataObject[])[0].rfi_doc_id as string;
	expect(await step({ resource: 'payment', operation: 'updateRfi', paymentId: rl(held.id as string), documents: { document: [{ rfiDocId, docId: 'doc_funds00000001' }] } })).toMatchObject({
		compliance_status: 'under_review',
	});
	// Glomo answers this mock with {data: payment, message}, output as it is
	expect((await step({ resource: 'payment', operation: 'mockFundsAvailable', paymentId: rl(held.id as string) })).data).toMatchObject({ funds_available: true });
	const settled = await step({ resource: 'settlement', operation: 'mockTrigger' });
	expect(settled.data).toEqual(expect.arrayContaining([expect.objectContaining({ status: expect.any(String) })]));

	const events = await delivered();
	const names = events.map((e) => e.event);
	expect(names).toEqual(expect.arrayContaining(['payment.success', 'payment.compliance_action_required', 'payment.compliance_under_review', 'payment.funds_available']));
	expect(names.some((name) => name.startsWith('settlement.'))).toBe(true);
	const funds = events.find((e) => e.event === 'payment.funds_available');
	const [started] = await throughTrigger([funds as (typeof events)[number]]);
	expect((started.data as IDataObject)).toMatchObject({ id: held.id, funds_available: true });
});

test('refund recipe: a paid link → refund with a Request ID → mock success → refund.success through the trigger; the same Request ID again gives the same refund', async () => {
	const customer = await newCustomer('refund.recipe@example.com');
	const link = await step(linkParams(customer, 30_000, 'ORD-5003'));
	const payment = await step({ resource: 'payment', operation: 'mockPayment', into: 'payin', payinId: rl(link.id as string), currency: 'USD', amount: 30_000, options: {} });
	listenHere();
	const refundParams = { resource: 'refund', operation: 'create', paymentId: rl(payment.id as string), reason: 'Requested By Customer', refundAmount: 'full', requestId: 'RR-RECIPE-1', options: {} };
	const refund = await step(refundParams);
	expect(refund).toMatchObject({ status: 'in_progress', payment_id: payment.id, amount: 30_000, duplicate: false });
	expect((await step({ resource: 'refund', operation: 'mockStatus', refundId: rl(refund.id as string), status: 'success' })).status).toBe('success');
	const [event] = (await delivered()).filter((e) => e.event === 'refund.success');
	const [started] = await throughTrigger([event]);
	expect((started.data as IDataObject).id).toBe(refund.id);

	sandbox.clearRequests();
	const again = await step(refundParams);
	expect(again).toMatchObject({ id: refund.id, status: 'success', duplicate: true });
	expect(sandbox.requests.map((r) => [r.method, r.status, (r.responseBody as IDataObject | undefined)?.message])).toEqual([
		['POST', 400, 'Refund already exists for this request_id'],
		['GET', 200, undefined],
	]);
	const refunds = await runGlomo(sandbox, { resource: 'refund', operation: 'getAll', returnAll: true, filters: { paymentId: payment.id } });
	expect(refunds.json('Glomo')).toHaveLength(1);
});

function payout(bene: string): IDataObject {
	return {
		resource: 'payout',
		operation: 'create',
		beneficiaryId: rl(bene),
		pricing: 'amount',
		sourceCurrency: 'USD',
		destinationCurrency: 'EUR',
		fixedSide: 'destination',
		amount: 25000,
		paymentRail: 'swift',
		purposeCode: 'S1006',
		invoiceNumber: 'RECIPE-1',
		requestId: '',
		options: {},
	};
}
