/**
 * The sandbox's POST /document: its multipart/form-data parser on exact bytes, and Glomo-style 400s
 * when the file or the document name is missing.
 */
import axios from 'axios';

import { startSandbox, type Sandbox } from './index';
import { multipartBoundary, parseMultipart } from './resources/documents';

const CRLF = '\r\n';

function body(boundary: string, parts: Array<{ headers: string[]; data: Buffer | string }>, { preamble = '', epilogue = '' } = {}): Buffer {
	const chunks: Buffer[] = [Buffer.from(preamble ? `${preamble}${CRLF}` : '')];
	for (const part of parts) {
		chunks.push(Buffer.from(`--${boundary}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}`), Buffer.from(part.data), Buffer.from(CRLF));
	}
	chunks.push(Buffer.from(`--${boundary}--${CRLF}${epilogue}`));
	return Buffer.concat(chunks);
}

const fileHeaders = (name = 'file', fileName = 'a.bin', type = 'application/octet-stream') => [
	`Content-Disposition: form-data; name="${name}"; filename="${fileName}"`,
	`Content-Type: ${type}`,
];
const textHeaders = (name: string) => [`Content-Disposition: form-data; name="${name}"`];

describe('multipart parser', () => {
	const tricky = Buffer.from([0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a, 0x2d]); // CRLF-- and CRLFCRLF inside the file

	it('returns every part with its bytes unchanged, ignoring preamble and epilogue', () => {
		const raw = body('XyZ', [{ headers: textHeaders('document_name'), data: 'invoice' }, { headers: fileHeaders(), data: tricky }], {
			preamble: 'ignored preamble',
			epilogue: 'ignored epilogue',
		});
		const parts = parseMultipart(raw, 'XyZ');
		expect(parts.map((p) => [p.name, p.fileName, p.contentType])).toEqual([
			['document_name', undefined, undefined],
			['file', 'a.bin', 'application/octet-stream'],
		]);
		expect(parts[0].data.toString()).toBe('invoice');
		expect(parts[1].data.equals(tricky)).toBe(true);
	});

	it('reads quoted and bare boundaries, escaped quotes in names, and empty parts', () => {
		expect(multipartBoundary('multipart/form-data; boundary="a b;c"')).toBe('a b;c');
		expect(multipartBoundary('Multipart/Form-Data;boundary=----x1')).toBe('----x1');
		expect(multipartBoundary('application/json')).toBeUndefined();
		expect(multipartBoundary(undefined)).toBeUndefined();
		const raw = body('b', [{ headers: [`Content-Disposition: form-data; name="file"; filename="say \\"hi\\".txt"`], data: '' }]);
		const [part] = parseMultipart(raw, 'b');
		expect(part.fileName).toBe('say "hi".txt');
		expect(part.data.length).toBe(0);
	});

	it.each([
		['no boundary parameter', () => multipartBoundary('multipart/form-data'), 'the Content-Type has no boundary'],
		['no boundary in the body', () => parseMultipart(Buffer.from('hello'), 'b'), 'the boundary never appears'],
		['no closing boundary', () => parseMultipart(Buffer.from(`--b${CRLF}${textHeaders('x')[0]}${CRLF}${CRLF}value`), 'b'), 'the closing boundary is missing'],
		['a part without a name', () => parseMultipart(body('b', [{ headers: ['Content-Disposition: form-data'], data: 'x' }]), 'b'), 'a part has no name'],
		['a part that is not form-data', () => parseMultipart(body('b', [{ headers: ['Content-Type: text/plain'], data: 'x' }]), 'b'), 'a part is not form-data'],
	])('refuses %s', (_label, parse, why) => {
		expect(parse).toThrow(`Invalid multipart/form-data body: ${why}`);
	});
});

describe('POST /document', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 5 });
	});
	afterAll(async () => await sandbox.close());

	const post = async (raw: Buffer, contentType = 'multipart/form-data; boundary=zz') =>
		await axios.post(`${sandbox.url}/api/v1/document`, raw, {
			headers: { Authorization: `Bearer ${sandbox.secretKey}`, 'Content-Type': contentType },
			validateStatus: () => true,
		});

	it('stores a document and answers 201 with the DocumentResponse fields only', async () => {
		const response = await post(body('zz', [{ headers: textHeaders('document_name'), data: 'Passport' }, { headers: fileHeaders('file', 'p.jpg', 'image/jpeg'), data: 'JPEG' }]));
		expect(response.status).toBe(201);
		expect(Object.keys(response.data)).toEqual(['id', 'document_name', 'file_name', 'status', 'created_at', 'updated_at']);
		expect(response.data).toMatchObject({ document_name: 'Passport', file_name: 'p.jpg', status: 'uploaded' });
		const read = await axios.get(`${sandbox.url}/api/v1/document/${response.data.id}`, { headers: { Authorization: `Bearer ${sandbox.secretKey}` } });
		expect(read.data).toEqual(response.data);
	});

	it.each([
		['no file part', [{ headers: textHeaders('document_name'), data: 'invoice' }], "Validation failed: File can't be blank"],
		['a file part without a filename (a text field)', [{ headers: textHeaders('file'), data: 'x' }, { headers: textHeaders('document_name'), data: 'invoice' }], "Validation failed: File can't be blank"],
		['an empty file', [{ headers: fileHeaders(), data: '' }, { headers: textHeaders('document_name'), data: 'invoice' }], "Validation failed: File can't be blank"],
		['no document_name', [{ headers: fileHeaders(), data: 'x' }], "Validation failed: Document name can't be blank"],
		['a blank document_name and no file', [{ headers: textHeaders('document_name'), data: '  ' }], "Validation failed: File can't be blank, Document name can't be blank"],
	])('answers 400 for %s', async (_label, parts, message) => {
		const response = await post(body('zz', parts));
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message });
	});

	it('answers 400 for a JSON body (the upload must be multipart) and for a broken multipart body', async () => {
		const json = await post(Buffer.from('{"document_name":"invoice"}'), 'application/json');
		expect(json.data).toEqual({ error: 'Bad Request', message: "Validation failed: File can't be blank, Document name can't be blank" });
		const broken = await post(Buffer.from('--zz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nno end'));
		expect(broken.status).toBe(400);
		expect(broken.data.message).toBe('Invalid multipart/form-data body: the closing boundary is missing');
	});

	it('answers 400 for a file over 10 MB', async () => {
		const big = Buffer.alloc(10_000_001, 1);
		const response = await post(body('zz', [{ headers: fileHeaders(), data: big }, { headers: textHeaders('document_name'), data: 'invoice' }]));
		expect(response.status).toBe(400);
		expect(response.data.message).toBe('Validation failed: File size must be less than 10 MB');
	});
});
