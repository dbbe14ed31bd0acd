import * as crypto from 'node:crypto';

import { notFound } from '../core/errors';
import { announce, ApiRequest, ApiResult, listHandler, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { validateBody, validationError } from '../core/validate';

/** The journey's statuses: those of Glomo's kyc_journey webhooks (glomo-domain.md §7.5, §8.9). */
export const KYC_STATUSES = ['initiated', 'in_progress', 'action_required', 'under_review', 'completed', 'failed', 'rejected', 'expired'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

/** Where a journey may go from each status (our model: Glomo documents none). Terminal statuses go nowhere. */
export const KYC_MOVES: Readonly<Record<KycStatus, readonly KycStatus[]>> = {
	initiated: ['in_progress', 'failed', 'expired'],
	in_progress: ['under_review', 'action_required', 'failed', 'expired'],
	action_required: ['in_progress', 'under_review', 'failed', 'expired'],
	under_review: ['completed', 'rejected', 'action_required'],
	completed: [],
	failed: [],
	rejected: [],
	expired: [],
};

/** The happy path `advanceKycJourney` follows when no status is named. */
const NEXT: Partial<Record<KycStatus, KycStatus>> = {
	initiated: 'in_progress',
	in_progress: 'under_review',
	action_required: 'in_progress',
	under_review: 'completed',
};

/** Steps of the status tracker and the documents a journey captures (the docs name selfie, signature and bank validation). */
export const KYC_STEPS = ['selfie', 'signature', 'bank_validation'] as const;
export const KYC_DOCUMENTS = ['pan_card', 'selfie', 'signature'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/** The hosted page of a link (the host is the sandbox's own, as for payment links). */
export function kycUrl(id: string): string {
	return `https://kyc.sandbox.glomopay.test/link/${id}`;
}

interface Step {
	step: string;
	status: 'not_started' | 'in_progress' | 'completed' | 'failed' | 'requires_action';
}
interface KycDocument {
	type: string;
	document_id: string | null;
	status: 'captured' | 'not_captured';
}

/** GET /kyc-links/{id}: the whole link (KycLink). */
export function presentKycLink(r: StoredRecord): Record<string, unknown> {
	return {
		id: r.id,
		status: r.status,
		customer_id: r.customer_id,
		...(typeof r.email === 'string' ? { email: r.email } : {}),
		send_email: r.send_email,
		url: r.url,
		status_tracker: r.status_tracker,
		documents: r.documents,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

/** Create's answer and the list's rows (KycLinkSummary): no tracker, no documents. */
function presentSummary(r: StoredRecord): Record<string, unknown> {
	return {
		id: r.id,
		url: r.url,
		status: r.status,
		customer_id: r.customer_id,
		...(typeof r.email === 'string' ? { email: r.email } : {}),
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

function createLink(req: ApiRequest, ctx: SandboxContext): ApiResult {
	const body = validateBody(req.body, {
		fields: {
			customer_id: { type: 'string' },
			email: { type: 'string', pattern: EMAIL },
			send_email: { type: 'boolean' },
		},
	});
	if (body.customer_id !== undefined && body.email !== undefined) validationError('Send either customer_id or email, not both');
	let email = (body.email as string | undefined) ?? null;
	if (body.customer_id !== undefined) {
		const customer = ctx.store.collection('customer').get(String(body.customer_id));
		if (!customer) throw notFound('Customer not found');
		email = typeof customer.email === 'string' ? customer.email : null;
	}
	const links = ctx.store.collection('kyc_link');
	const id = ctx.ids.make(links.prefix);
	const link = links.insert({
		id,
		status: 'initiated',
		customer_id: body.customer_id ?? null,
		email,
		send_email: body.send_email ?? true,
		url: kycUrl(id),
		status_tracker: KYC_STEPS.map((step): Step => ({ step, status: 'not_started' })),
		documents: KYC_DOCUMENTS.map((type): KycDocument => ({ type, document_id: null, status: 'not_captured' })),
	});
	announce(ctx, 'kyc_journey', 'initiated', link, presentKycLink);
	return { status: 201, body: presentSummary(link) };
}

function loadLink(ctx: SandboxContext, id: string): StoredRecord {
	// Glomo's KYC link ids have no known prefix: an id that is not found is a 404, whatever it looks like
	const link = ctx.store.collection('kyc_link').get(id);
	if (!link) throw notFound('KYC link not found');
	return link;
}

/** The tracker and documents of a link entering `to`. */
function journeyPatch(ctx: SandboxContext, link: StoredRecord, to: KycStatus): Record<string, unknown> {
	const steps = (link.status_tracker as Step[]).map((s) => ({ ...s }));
	const documents = (link.documents as KycDocument[]).map((d) => ({ ...d }));
	const current = steps.find((s) => s.status === 'in_progress' || s.status === 'requires_action') ?? steps.find((s) => s.status === 'not_started');
	if (to === 'in_progress' && current) current.status = 'in_progress';
	if (to === 'action_required' && current) current.status = 'requires_action';
	if (to === 'failed' && current) current.status = 'failed';
	if (to === 'under_review') {
		for (const step of steps) step.status = 'completed';
		for (const document of documents) {
			if (document.status === 'captured') continue;
			// a captured document is a real document: GET /document/{id} finds it
			const content = `${String(link.id)}:${document.type}`;
			const stored = ctx.store.collection('document').insert({
				document_name: document.type,
				file_name: `${document.type}.jpg`,
				status: 'uploaded',
				mime_type: 'image/jpeg',
				size: content.length,
				sha256: crypto.createHash('sha256').update(content).digest('hex'),
			});
			document.document_id = stored.id;
			document.status = 'captured';
		}
	}
	return { status: to, status_tracker: steps, documents };
}

/**
 * Moves a link's journey on (test-only: Glomo has no KYC mock, so this is a sandbox method, not a
 * route): to `to`, or along initiated → in_progress → under_review → completed. Entering
 * `under_review` completes every step and captures every document as a `doc_` document. Each move
 * sends the `kyc_journey` webhook named by the new status. An unknown link or a move the journey
 * cannot make throws.
 */
export function advanceKycJourney(ctx: SandboxContext, id: string, to?: string): Record<string, unknown> {
	const link = ctx.store.collection('kyc_link').get(id);
	if (!link) throw new Error(`No KYC link ${id}`);
	const from = link.status as KycStatus;
	const target = (to ?? NEXT[from]) as KycStatus | undefined;
	if (target === undefined || !KYC_MOVES[from].includes(target)) {
		throw new Error(`KYC link ${id} cannot move from ${from} to ${to ?? 'a next status'}`);
	}
	const moved = ctx.store.collection('kyc_link').update(id, journeyPatch(ctx, link, target));
	announce(ctx, 'kyc_journey', target, moved, presentKycLink);
	return presentKycLink(moved);
}

/**
 * KYC links (supplement, inferred; ids `kyclink_…`, a prefix of the sandbox's own): create for an
 * existing customer, a new one's email, or nobody (never both: 400); list (summaries, `status`
 * filter of the kyc_journey statuses); get in full (status tracker, documents with a `doc_` id once
 * captured). Created `initiated`, with its `kyc_journey.initiated` webhook; the journey then moves
 * by `advanceKycJourney` (sandbox.advanceKycLink in tests).
 */
export const kycLinksModule: ResourceModule = {
	name: 'kycLinks',
	kinds: [{ kind: 'kyc_link', prefix: 'kyclink_', aliases: ['kyc_links'] }],
	routes: [
		{ method: 'POST', path: `${V1}/kyc-links`, handler: createLink },
		{
			method: 'GET',
			path: `${V1}/kyc-links`,
			handler: listHandler({ kind: 'kyc_link', filters: [{ param: 'status', enum: KYC_STATUSES }], present: (r) => presentSummary(r) }),
		},
		{
			method: 'GET',
			path: `${V1}/kyc-links/:id`,
			handler: (req, ctx) => ({ status: 200, body: presentKycLink(loadLink(ctx, req.params.id)) }),
		},
	],
};
