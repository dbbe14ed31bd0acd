import { badRequest, notFound } from '../core/errors';
import { announce, ApiRequest, getHandler, listHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { validateBody, validationError } from '../core/validate';
import { releaseAfterRfi } from './payouts';

/** How long an RFI waits for an answer. Glomo shows a response_deadline but documents no period (inferred). */
export const RFI_RESPONSE_DAYS = 7;

/** One document an RFI asks for (`documents_required[]`); the sandbox gives it its rfi_doc_id. */
export interface RequiredDocument {
	/** the requirement's id when the holding object already shows one (e.g. a payout's documents[].rfi_doc_id); else made here */
	rfi_doc_id?: string;
	description: string;
	multiple_allowed?: boolean;
	max_count?: number;
}

export interface RaiseRfiInput {
	/** the object held by the RFI, as webhooks name it: `payout`, `payment`… */
	entity_type: string;
	entity_id: string;
	documents_required: RequiredDocument[];
	reason_code?: string;
	reason_code_description?: string;
}

/** What an answered RFI does to the object it holds, per entity type. */
interface Release {
	kind: string;
	/** whether the object is still held by the RFI */
	held: (record: StoredRecord) => boolean;
	/** moves it on and announces it, given the documents that answered */
	release: (ctx: SandboxContext, record: StoredRecord, answered: Array<{ rfi_doc_id: string; doc_id: string }>) => void;
}

/**
 * Objects an answered RFI releases. A payment held by compliance goes under review (glomo-domain.md
 * §8.3). A payout (action_required -> in_progress under review, funds held again, §8.1) is for
 * payouts.ts to release, as it keeps the funds and review stage: add its entry here.
 */
const ON_RESPONSE: Record<string, Release> = {
	payout: {
		kind: 'payout',
		held: (payout) => payout.status === 'action_required',
		release: (ctx, payout, answered) => releaseAfterRfi(ctx, payout, answered),
	},
	payment: {
		kind: 'payment',
		held: (payment) => payment.compliance_status === 'action_required',
		release: (ctx, payment) => {
			const moved = ctx.store.collection('payment').update(payment.id, { compliance_status: 'under_review' });
			announce(ctx, 'payment', 'compliance_under_review', moved);
		},
	},
};

/**
 * Raises an RFI on an object (for the module that holds it, e.g. payouts when a payout goes
 * action_required). It waits in `action_required` for PATCH /rfis/{id}/respond. Glomo sends no
 * webhook when an RFI is raised, so neither does this.
 */
export function raiseRfi(ctx: SandboxContext, input: RaiseRfiInput): StoredRecord {
	const deadline = new Date(ctx.clock.tick() + RFI_RESPONSE_DAYS * 24 * 3_600_000).toISOString();
	return ctx.store.collection('rfi').insert({
		entity_type: input.entity_type,
		entity_id: input.entity_id,
		reason_code: input.reason_code ?? 'COMPLIANCE_REVIEW',
		reason_code_description: input.reason_code_description ?? 'Compliance needs documents to complete its review',
		response_deadline: deadline,
		status: 'action_required',
		documents_required: input.documents_required.map((doc) => ({
			rfi_doc_id: doc.rfi_doc_id ?? ctx.ids.make('rfidoc_'),
			description: doc.description,
			multiple_allowed: doc.multiple_allowed ?? false,
			max_count: doc.max_count ?? 1,
		})),
		responses: [],
	});
}

/** The RFI as Glomo shows it; what it holds and the answers it got stay inside the sandbox. */
function present(r: StoredRecord): unknown {
	return {
		id: r.id,
		reason_code: r.reason_code,
		reason_code_description: r.reason_code_description ?? null,
		response_deadline: r.response_deadline ?? null,
		status: r.status,
		documents_required: r.documents_required ?? [],
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

interface Requirement {
	rfi_doc_id: string;
	multiple_allowed?: boolean;
	max_count?: number;
}

const NOT_AWAITING = 'Invalid rfi_doc_id or RFI not in action_required status';

function respond(req: ApiRequest, ctx: SandboxContext) {
	const rfi = loadRecord(ctx, 'rfi', req.params.id, 'RFI not found');
	const body = validateBody(req.body, {
		additionalProperties: false,
		fields: {
			documents: {
				type: 'array',
				required: true,
				items: {
					type: 'object',
					additionalProperties: false,
					fields: {
						rfi_doc_id: { type: 'string', required: true, label: 'Documents rfi_doc_id' },
						doc_id: { type: 'string', required: true, label: 'Documents doc_id' },
					},
				},
			},
			fields: { type: 'object' },
		},
	});
	const pairs = body.documents as Array<{ rfi_doc_id: string; doc_id: string }>;
	if (!pairs.length) validationError("Documents can't be blank");
	if (body.fields !== undefined && rfi.entity_type === 'payout') throw badRequest('fields must be omitted when responding to a payout RFI');
	if (rfi.status !== 'action_required') throw badRequest(NOT_AWAITING);
	const required = (rfi.documents_required ?? []) as Requirement[];
	for (const pair of pairs) {
		if (!required.some((r) => r.rfi_doc_id === pair.rfi_doc_id)) throw badRequest(NOT_AWAITING);
		if (!pair.doc_id.startsWith('doc_') || !ctx.store.collection('document').get(pair.doc_id)) throw notFound('Document not found');
	}
	for (const requirement of required) {
		const given = pairs.filter((p) => p.rfi_doc_id === requirement.rfi_doc_id).length;
		if (given === 0) validationError(`Documents for ${requirement.rfi_doc_id} are missing`);
		const most = requirement.multiple_allowed ? (requirement.max_count ?? given) : 1;
		if (given > most) validationError(`Documents for ${requirement.rfi_doc_id} are too many (maximum is ${most})`);
	}
	const responses = [...((rfi.responses ?? []) as unknown[]), ...pairs.map((p) => ({ rfi_doc_id: p.rfi_doc_id, doc_id: p.doc_id }))];
	const updated = ctx.store.collection('rfi').update(rfi.id, { status: 'under_review', responses });
	const release = ON_RESPONSE[String(rfi.entity_type)];
	const held = release && ctx.store.collection(release.kind).get(String(rfi.entity_id));
	if (release && held && release.held(held)) release.release(ctx, held, pairs);
	return { status: 200, body: present(updated) };
}

/**
 * RFIs (requests for information): `GET /rfis`, `GET /rfis/{id}` and `PATCH /rfis/{id}/respond`
 * with one `{rfi_doc_id, doc_id}` pair per required document, which puts the RFI under review and
 * releases the object it holds (see ON_RESPONSE). Other modules raise RFIs with `raiseRfi`; tests can insert them
 * with POST /__sandbox/records/rfi.
 */
export const rfisModule: ResourceModule = {
	name: 'rfis',
	kinds: [{ kind: 'rfi', prefix: 'rfi_', aliases: ['rfis'] }],
	routes: [
		{ method: 'GET', path: `${V1}/rfis`, handler: listHandler({ kind: 'rfi', present: (r) => present(r) }) },
		{ method: 'GET', path: `${V1}/rfis/:id`, handler: getHandler({ kind: 'rfi', notFound: 'RFI not found', present: (r) => present(r) }) },
		{ method: 'PATCH', path: `${V1}/rfis/:id/respond`, handler: respond },
	],
};
