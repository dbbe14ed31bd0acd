import * as crypto from 'node:crypto';
import { ApiError, badRequest } from '../core/errors';
import { ApiRequest, getHandler, listHandler, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { validationError } from '../core/validate';

/**
 * Largest file the sandbox keeps. Glomo documents no limit; the node refuses files over 10 MB
 * (nodes/Glomo/actions/document/shared.ts), so the sandbox models the same one (wording inferred).
 */
export const MAX_DOCUMENT_BYTES = 10_000_000;

/** One part of a multipart/form-data body (RFC 7578). */
export interface MultipartPart {
	name: string;
	/** present when the part is a file (its Content-Disposition has a filename) */
	fileName?: string;
	contentType?: string;
	data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

const malformed = (why: string): ApiError => badRequest(`Invalid multipart/form-data body: ${why}`);

/** The boundary of a multipart/form-data Content-Type, or undefined when the type is something else. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
	const type = (contentType ?? '').trim();
	if (!/^multipart\/form-data\s*(;|$)/i.test(type)) return undefined;
	const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(type);
	if (!match) throw malformed('the Content-Type has no boundary');
	return match[1] ?? match[2];
}

/** Parameters of a header value (`form-data; name="file"; filename="a.pdf"`), lower-cased names. */
function headerParams(value: string): Record<string, string> {
	const params: Record<string, string> = {};
	const pattern = /;\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
		const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3].trim();
		params[match[1].toLowerCase()] = raw;
	}
	return params;
}

function parseHeaders(block: Buffer): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.toString('utf8').split('\r\n')) {
		if (!line) continue;
		const colon = line.indexOf(':');
		if (colon <= 0) throw malformed(`a part has a broken header line "${line.slice(0, 60)}"`);
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/**
 * Splits a multipart/form-data body into its parts, working on the exact bytes so file contents
 * come out unchanged. A preamble before the first boundary and an epilogue after the last are
 * ignored (RFC 2046); a body without its closing boundary is refused.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const next = Buffer.concat([CRLF, delimiter]);
	// the first boundary opens the body, or ends a preamble on a line of its own
	let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(next);
	if (at < 0) throw malformed('the boundary never appears');
	if (at > 0) at += CRLF.length;
	const parts: MultipartPart[] = [];
	for (;;) {
		at += delimiter.length;
		if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": the closing boundary
		// transport padding (spaces, tabs) may follow a boundary before its line break
		while (body[at] === 0x20 || body[at] === 0x09) at++;
		if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw malformed('a boundary is not followed by a line break');
		// searched from the boundary's own line break, so a part without headers ends them at once
		const headerEnd = body.indexOf(HEADER_END, at);
		if (headerEnd < 0) throw malformed('a part has no end of headers');
		const headers = parseHeaders(body.subarray(at + CRLF.length, Math.max(headerEnd, at + CRLF.length)));
		const contentStart = headerEnd + HEADER_END.length;
		const end = body.indexOf(next, contentStart);
		if (end < 0) throw malformed('the closing boundary is missing');
		const disposition = headers['content-disposition'] ?? '';
		if (!/^form-data\s*(;|$)/i.test(disposition)) throw malformed('a part is not form-data');
		const params = headerParams(disposition);
		if (params.name === undefined) throw malformed('a part has no name');
		parts.push({
			name: params.name,
			fileName: params.filename,
			contentType: headers['content-type'],
			data: body.subarray(contentStart, end),
		});
		at = end + CRLF.length;
	}
}

/** The document as Glomo shows it (DocumentResponse); size, type and digest of the file stay inside the sandbox. */
function present(r: StoredRecord): unknown {
	return {
		id: r.id,
		document_name: r.document_name,
		file_name: r.file_name,
		status: r.status,
		created_at: r.created_at,
		updated_at: r.updated_at,
	};
}

function upload(req: ApiRequest, ctx: SandboxContext) {
	const header = req.headers['content-type'];
	const boundary = multipartBoundary(Array.isArray(header) ? header[0] : header);
	const parts = boundary === undefined ? [] : parseMultipart(req.rawBytes, boundary);
	const file = parts.find((p) => p.name === 'file' && p.fileName !== undefined);
	const namePart = parts.find((p) => p.name === 'document_name' && p.fileName === undefined);
	const documentName = namePart?.data.toString('utf8').trim() ?? '';
	const problems: string[] = [];
	if (!file || file.data.length === 0) problems.push("File can't be blank");
	if (!documentName) problems.push("Document name can't be blank");
	if (problems.length) validationError(...problems);
	const data = (file as MultipartPart).data;
	if (data.length > MAX_DOCUMENT_BYTES) validationError(`File size must be less than ${MAX_DOCUMENT_BYTES / 1_000_000} MB`);
	const record = ctx.store.collection('document').insert({
		document_name: documentName,
		file_name: (file as MultipartPart).fileName || 'document',
		status: 'uploaded',
		mime_type: (file as MultipartPart).contentType ?? 'application/octet-stream',
		size: data.length,
		sha256: crypto.createHash('sha256').update(data).digest('hex'),
	});
	return { status: 201, body: present(record) };
}

/**
 * Documents: `POST /document` (multipart/form-data: `file` + `document_name`, the one upload of the
 * API), `GET /document` and `GET /document/{document_id}`. Each stored document keeps the file's
 * size, MIME type and SHA-256, not its bytes.
 */
export const documentsModule: ResourceModule = {
	name: 'documents',
	kinds: [{ kind: 'document', prefix: 'doc_', aliases: ['documents'] }],
	routes: [
		{ method: 'POST', path: `${V1}/document`, handler: upload },
		{ method: 'GET', path: `${V1}/document`, handler: listHandler({ kind: 'document', present: (r) => present(r) }) },
		{
			method: 'GET',
			path: `${V1}/document/:document_id`,
			handler: getHandler({ kind: 'document', notFound: 'Document not found', param: 'document_id', present: (r) => present(r) }),
		},
	],
};
