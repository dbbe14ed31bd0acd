import { randomBytes } from 'node:crypto';

/** The one file upload of the API (POST /document): text fields and one file, as multipart/form-data. */
export interface MultipartUpload {
	fields: Record<string, string>;
	file: { field: string; fileName: string; mimeType: string; data: Buffer };
}

/** A header parameter value in quotes: quotes, backslashes and line breaks would end or forge it. */
function quoted(text: string): string {
	return `"${text.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '_')}"`;
}

/** A media type as a header may carry it (type/subtype, no parameters or line breaks); anything else is sent as plain bytes. */
function mediaType(mimeType: string): string {
	return /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'application/octet-stream';
}

/**
 * The body and Content-Type of a multipart/form-data request (RFC 7578), built here so the
 * package needs no form library: each text field, then the file's bytes exactly as given. Text is UTF-8 (Buffer's default).
 */
export function encodeMultipart(upload: MultipartUpload): { body: Buffer; contentType: string } {
	const boundary = `----n8nGlomo${randomBytes(16).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(upload.fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`));
	}
	const { file } = upload;
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.fileName)}\r\nContent-Type: ${mediaType(file.mimeType)}\r\n\r\n`,
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
