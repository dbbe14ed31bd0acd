/**
 * The sandbox recipes of glomo-domain.md §9 for sending money, each run in one test as a user's
 * workflow steps would: every step is the real Glomo node against the sandbox, and every webhook
 * the sandbox signed on the way is handed to the real Glomo Trigger, which must start a workflow
 * with it (a forged copy must not).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { callWebhook, linearWorkflow, runWorkflow } from '../harness';
import { useSandbox } from '../harness/use-sandbox';
import { rl, runGlomo } from './helpers';

const SECRET = 'whsec_recipes_1234567890';
const sandbox = useSandbox({ seed: 77, webhookSecret: SECRET });
const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url, webhookSecret: SECRET });

/** A webhook endpoint that answers 200 to everything: the sandbox records what it signed and sent. */
let receiver: http.Server;
beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => res.writeHead(200).end());
	});
	await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', () => done()));
});
afterAll(async () => await new Promise<void>((done) => receiver.close(() => done())));

async function step(parameters: IDataObject): Promise<IDataObject> {
	const result = await runGlomo(sandbox, parameters);
	expect(result.error).toBeUndefined();
	return result.json('Glomo')[0];
}

/** The events the sandbox delivered (entity.event), once every delivery has finished. */
async function delivered(): Promise<Array<{ body: string; signature: string; event: string }>> {
	await new Promise((done) => setTimeout(done, 50));
	return sandbox.webhooks.map((w) => {
		const parsed = JSON.parse(w.body) as IDataObject;
		return { body: w.body, signature: w.signature, event: `${String(parsed.entity_type)}.${String(parsed.event_type)}` };
	});
}

test('payout recipe: beneficiary (review on) → approve → payout (queue on) → mock pending → mock success, with every webhook through the Glomo Trigger', async () => {
	sandbox.setAccount({ beneficiaryReview: true, payoutQueueing: true });
	sandbox.setWebhookTargets([`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`], SECRET);
	sandbox.webhooks.length = 0;

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
