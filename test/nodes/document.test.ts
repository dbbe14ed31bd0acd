/**
 * Document › Upload / Get / Get Many against the sandbox: real files (a PDF and a PNG built here)
 * go in as n8n binary data through n8n-core's binary helpers, and the sandbox must receive exactly
 * their bytes in a multipart/form-data body.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { IDataObject } from 'n8n-workflow';

import { linearWorkflow, runListSearch, runWorkflow, type RunResult } from '../harness';
import type { TestFiles } from '../harness/nodes';
import { useSandbox } from '../harness/use-sandbox';
import type { RecordedRequest } from '../sandbox';
import { multipartBoundary, parseMultipart, type MultipartPart } from '../sandbox/resources/documents';
import { expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 404 });
const credentials = () => ({ secretKey: sandbox.secretKey, baseUrl: sandbox.url });

/** A one-page PDF 1.4 with a correct xref table, and the binary-marker comment real PDFs carry (not UTF-8). */
function tinyPdf(): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		'<< /Length 44 >>\nstream\nBT /F1 18 Tf 20 40 Td (Invoice 42) Tj ET\nendstream',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n')];
	let length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	const offsets: number[] = [];
	objects.forEach((body, index) => {
		offsets.push(length);
		const chunk = Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
		chunks.push(chunk);
		length += chunk.length;
	});
	const xref = [
		'xref',
		`0 ${objects.length + 1}`,
		'0000000000 65535 f ',
		...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
		'trailer',
		`<< /Size ${objects.length + 1} /Root 1 0 R >>`,
		'startxref',
		String(length),
		'%%EOF',
		'',
	].join('\n');
	chunks.push(Buffer.from(xref, 'latin1'));
	return Buffer.concat(chunks);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A 4×4 RGBA PNG (signature, IHDR, zlib IDAT with filter bytes, IEND), every CRC computed. */
function tinyPng(): Buffer {
	const size = 4;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
	const rows: number[] = [];
	for (let y = 0; y < size; y++) {
		rows.push(0); // filter: none
		for (let x = 0; x < size; x++) rows.push(x * 60, y * 60, 200, 255);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(Buffer.from(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

const PDF = tinyPdf();
const PNG = tinyPng();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** One file per item, as n8n binary data in the field given (default `data`). */
function file(data: Buffer, fileName?: string, mimeType?: string, field = 'data'): TestFiles {
	return { [field]: { base64: data.toString('base64'), fileName, mimeType } };
}

/** Runs the Glomo node after a Start node whose items carry these files. */
async function runWithFiles(parameters: IDataObject, files: TestFiles[], options: { continueOnFail?: boolean } = {}): Promise<RunResult> {
	const workflow = linearWorkflow({ parameters, continueOnFail: options.continueOnFail }, files.map(() => ({})));
	workflow.nodes[0].parameters.binary = JSON.stringify(files);
	return await runWorkflow({ ...workflow, credentials: { ...credentials(), environment: 'sandbox' } });
}

const upload = (documentName: IDataObject | string, extra: IDataObject = {}): IDataObject => ({
	resource: 'document',
	operation: 'upload',
	documentName: typeof documentName === 'string' ? rl(documentName, 'list') : documentName,
	...extra,
});

/** The parts of a recorded multipart request, by the sandbox's own parser. */
function partsOf(request: RecordedRequest): MultipartPart[] {
	const header = request.headers['content-type'];
	const boundary = multipartBoundary(Array.isArray(header) ? header[0] : header);
	expect(boundary).toBeDefined();
	return parseMultipart(request.rawBytes, boundary as string);
}

const DOCUMENT_SHAPE = {
	id: expect.stringMatching(/^doc_[A-Za-z0-9]{13}$/),
	status: 'uploaded',
	created_at: expect.any(String),
	updated_at: expect.any(String),
};

describe('Document › Upload', () => {
	it('sends a PDF as multipart/form-data: the file part holds exactly its bytes, document_name the name', async () => {
		expect(PDF.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		// the marker bytes are not UTF-8: a body handled as text would not carry them through
		expect(Buffer.from(PDF.toString('utf8'), 'utf8').equals(PDF)).toBe(false);
		const result = await runWithFiles(upload('invoice'), [file(PDF, 'invoice-2026.pdf', 'application/pdf')]);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect([request.method, request.path, request.query]).toEqual(['POST', '/api/v1/document', {}]);
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expectBearer(sandbox.requests, sandbox.secretKey);

		const parts = partsOf(request);
		expect(parts.map((p) => [p.name, p.fileName, p.contentType])).toEqual([
			['document_name', undefined, undefined],
			['file', 'invoice-2026.pdf', 'application/pdf'],
		]);
		expect(parts[0].data.toString('utf8')).toBe('invoice');
		expect(parts[1].data.equals(PDF)).toBe(true);
		expect(sha256(parts[1].data)).toBe(sha256(PDF));
		expect(parts[1].data.length).toBe(PDF.length);

		expect(result.json('Glomo')).toEqual([
			{ ...DOCUMENT_SHAPE, document_name: 'invoice', file_name: 'invoice-2026.pdf' },
		]);
		expect(result.items('Glomo')[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends a PNG from another binary field under a name typed by hand, bytes unchanged', async () => {
		const result = await runWithFiles(
			upload({ __rl: true, mode: 'name', value: '  Proof of Address  ' }, { binaryPropertyName: 'scan' }),
			[file(PNG, 'address.png', 'image/png', 'scan')],
		);

		expect(result.error).toBeUndefined();
		const parts = partsOf(sandbox.requests[0]);
		expect(parts.find((p) => p.name === 'document_name')?.data.toString('utf8')).toBe('Proof of Address');
		const sent = parts.find((p) => p.name === 'file') as MultipartPart;
		expect([sent.fileName, sent.contentType]).toEqual(['address.png', 'image/png']);
		expect(sent.data.equals(PNG)).toBe(true);
		expect(sent.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(result.json('Glomo')[0]).toEqual({ ...DOCUMENT_SHAPE, document_name: 'Proof of Address', file_name: 'address.png' });
	});

	it('uploads one file per item, in input order, and keys each output to its item', async () => {
		const result = await runWithFiles(upload('Trade documents'), [
			file(PDF, 'bill-of-lading.pdf', 'application/pdf'),
			file(PNG, 'container.png', 'image/png'),
		]);

		expect(result.error).toBeUndefined();
		const sent = sandbox.requests.map((request) => partsOf(request).find((p) => p.name === 'file') as MultipartPart);
		expect(sent.map((p) => p.fileName)).toEqual(['bill-of-lading.pdf', 'container.png']);
		expect(sent[0].data.equals(PDF)).toBe(true);
		expect(sent[1].data.equals(PNG)).toBe(true);
		// each request has its own boundary, and neither occurs in the file bytes
		const boundaries = sandbox.requests.map((r) => multipartBoundary(String(r.headers['content-type'])));
		expect(new Set(boundaries).size).toBe(2);
		expect(result.json('Glomo').map((d) => d.file_name)).toEqual(['bill-of-lading.pdf', 'container.png']);
		expect(result.items('Glomo').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('names a file that has no name "document"', async () => {
		const result = await runWithFiles(upload('invoice'), [file(Buffer.from([0, 1, 2, 255, 254]))]);

		expect(result.error).toBeUndefined();
		const sent = partsOf(sandbox.requests[0]).find((p) => p.name === 'file') as MultipartPart;
		expect(sent.data.equals(Buffer.from([0, 1, 2, 255, 254]))).toBe(true);
		// n8n-core's helper labels a buffer it cannot recognise text/plain, without an extension
		expect([sent.fileName, sent.contentType]).toEqual(['document', 'text/plain']);
	});

	it('the uploaded document can be read back by Get', async () => {
		const uploaded = await runWithFiles(upload('Customer declaration'), [file(PDF, 'declaration.pdf', 'application/pdf')]);
		const id = String(uploaded.json('Glomo')[0].id);
		sandbox.clearRequests();

		const result = await runGlomo(sandbox, { resource: 'document', operation: 'get', documentId: rl(id, 'list') });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: `/api/v1/document/${id}`, query: {}, body: undefined }]);
		expect(result.json('Glomo')).toEqual([uploaded.json('Glomo')[0]]);
	});

	describe('refuses before sending anything, naming the field', () => {
		it('a missing binary field', async () => {
			const result = await runGlomo(sandbox, upload('invoice'));
			expectOperationError(result, 'Input Binary Field: the input item has no binary field "data"');
			expect(result.error?.description).toMatch(/Nothing was sent to Glomo/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a binary field under another name', async () => {
			const result = await runWithFiles(upload('invoice', { binaryPropertyName: 'attachment' }), [file(PDF, 'a.pdf', 'application/pdf')]);
			expectOperationError(result, 'Input Binary Field: the input item has no binary field "attachment"');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('an empty binary field name', async () => {
			const result = await runWithFiles(upload('invoice', { binaryPropertyName: '  ' }), [file(PDF, 'a.pdf', 'application/pdf')]);
			expectOperationError(result, 'Input Binary Field: is required');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('an empty file', async () => {
			const result = await runWithFiles(upload('invoice'), [file(Buffer.alloc(0), 'empty.pdf', 'application/pdf')]);
			expectOperationError(result, 'Input Binary Field: the file "empty.pdf" is empty');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a file over the 10 MB limit (one byte over)', async () => {
			const big = Buffer.alloc(10_000_001, 0x25);
			const result = await runWithFiles(upload('invoice'), [file(big, 'scan.pdf', 'application/pdf')]);
			expectOperationError(
				result,
				'Input Binary Field: the file "scan.pdf" has 10,000,001 bytes; files up to 10,000,000 bytes (10 MB) can be uploaded',
			);
			expect(sandbox.requests).toHaveLength(0);
		});

		it.each([
			['an expression giving an empty name', rl('={{ "" }}', 'list')],
			['a name of spaces typed by hand', { __rl: true, mode: 'name', value: '   ' }],
		])('%s', async (_label, documentName) => {
			const result = await runWithFiles(upload(documentName), [file(PDF, 'a.pdf', 'application/pdf')]);
			expectOperationError(result, 'Document Name: is required');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('with Continue On Fail, the bad item gets an error and the good one is uploaded', async () => {
			const result = await runWithFiles(upload('invoice'), [file(Buffer.alloc(0), 'empty.pdf'), file(PDF, 'ok.pdf', 'application/pdf')], {
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			const [bad, good] = result.json('Glomo');
			expect(bad).toEqual({ error: 'Input Binary Field: the file "empty.pdf" is empty' });
			expect(good).toMatchObject({ document_name: 'invoice', file_name: 'ok.pdf' });
			expect(sandbox.requests).toHaveLength(1);
		});
	});
});

describe('Document › Get', () => {
	it('refuses an ID without the doc_ prefix, nothing sent', async () => {
		const result = await runGlomo(sandbox, { resource: 'document', operation: 'get', documentId: rl('={{ "payout_5JU9yv0lGSUP" }}') });
		expectOperationError(result, 'Document: "payout_5JU9yv0lGSUP" is not a valid ID');
		expect(sandbox.requests).toHaveLength(0);
	});

	it("passes on Glomo's 404 for an unknown document", async () => {
		const result = await runGlomo(sandbox, { resource: 'document', operation: 'get', documentId: rl('doc_000000000000') });
		expectApiError(result, 'Document not found', '404');
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'GET', path: '/api/v1/document/doc_000000000000', query: {}, body: undefined }]);
	});
});

describe('Document › Get Many', () => {
	beforeAll(() => {
		const start = Date.UTC(2019, 0, 1);
		for (let i = 0; i < 3; i++) {
			sandbox.insert('document', {
				document_name: `Listed ${i}`,
				file_name: `listed-${i}.pdf`,
				status: 'approved',
				mime_type: 'application/pdf',
				size: 10,
				sha256: 'x',
				created_at: new Date(start + i * 60_000).toISOString(),
			});
		}
	});

	it('lists newest first with page / per_page and a created range; internals stay in the sandbox', async () => {
		const result = await runGlomo(sandbox, {
			resource: 'document',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { after: '2018-12-31T00:00:00.000Z', before: '2019-01-02T00:00:00.000Z' },
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'GET',
				path: '/api/v1/document',
				query: { after: '2018-12-31T00:00:00.000Z', before: '2019-01-02T00:00:00.000Z', page: '1', per_page: '2' },
				body: undefined,
			},
		]);
		expect(result.json('Glomo')).toEqual([
			{ ...DOCUMENT_SHAPE, status: 'approved', document_name: 'Listed 2', file_name: 'listed-2.pdf' },
			{ ...DOCUMENT_SHAPE, status: 'approved', document_name: 'Listed 1', file_name: 'listed-1.pdf' },
		]);
	});
});

describe('Document pickers', () => {
	it('"From List" shows documents by name, file and status, filtered by what is typed', async () => {
		const all = await runListSearch('searchDocuments', credentials());
		expect(all.results.length).toBeGreaterThanOrEqual(3);
		expect(all.results).toContainEqual({ name: 'Listed 1 · listed-1.pdf · approved', value: expect.stringMatching(/^doc_/) });
		const some = await runListSearch('searchDocuments', credentials(), { filter: 'LISTED-2' });
		expect(some.results.map((r) => r.name)).toEqual(['Listed 2 · listed-2.pdf · approved']);
		expect(sandbox.requests.map((r) => [r.path, r.query.page, r.query.per_page])).toEqual([
			['/api/v1/document', '1', '100'],
			['/api/v1/document', '1', '100'],
		]);
	});

	it('Document Name suggests the names Glomo asks for, and offers what is typed as it is', async () => {
		const all = await runListSearch('searchDocumentNames', credentials());
		expect(all.results.map((r) => r.value)).toEqual([
			'invoice',
			'Customer declaration',
			'Shipping date',
			'Trade documents',
			'Passport',
			'Proof of Address',
		]);
		const typed = await runListSearch('searchDocumentNames', credentials(), { filter: 'pass' });
		expect(typed.results.map((r) => r.value)).toEqual(['pass', 'Passport']);
		const exact = await runListSearch('searchDocumentNames', credentials(), { filter: 'passport' });
		expect(exact.results.map((r) => r.value)).toEqual(['Passport']);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Document › Upload: the multipart body, byte for byte', () => {
	it('is the document_name part, then the file part with its name and type, in RFC 7578 layout; quotes and line breaks in the file name cannot forge a header', async () => {
		const result = await runWithFiles(upload('invoice'), [file(PDF, 'in"voice\\\r\nmarch.pdf', 'application/pdf')]);
		expect(result.error).toBeUndefined();
		const request = sandbox.requests[0];
		const contentType = String(request.headers['content-type']);
		const boundary = /^multipart\/form-data; boundary=(----n8nGlomo[0-9a-f]{32})$/.exec(contentType)?.[1] as string;
		expect(boundary).toBeDefined();
		const expected = Buffer.concat([
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="document_name"\r\n\r\ninvoice\r\n`),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="in_voice_ march.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
			PDF,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		expect(request.rawBytes.equals(expected)).toBe(true);
	});
});

describe('Document › Upload: a media type that could forge a header', () => {
	it.each([
		['with a line break and a header after it', 'application/pdf\r\nX-Forged: 1'],
		['with parameters', 'application/pdf; charset=x'],
		['that is not a type/subtype', 'pdf'],
	])('is sent as application/octet-stream when it is one %s', async (_what, mimeType) => {
		const result = await runWithFiles(upload('invoice'), [file(PDF, 'a.pdf', mimeType)]);
		expect(result.error).toBeUndefined();
		const text = sandbox.requests[0].rawBytes.toString('latin1');
		expect(text).toContain('filename="a.pdf"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF');
		expect(text).not.toContain('X-Forged');
	});

	it('keeps a plain type/subtype as it is, with its dots, pluses and dashes', async () => {
		await runWithFiles(upload('invoice'), [file(PDF, 'a.pdf', 'application/vnd.ms-excel+x.y')]);
		expect(sandbox.requests[0].rawBytes.toString('latin1')).toContain('Content-Type: application/vnd.ms-excel+x.y\r\n\r\n');
	});
});
