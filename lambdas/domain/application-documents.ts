/**
 * Application documents (申请单、承诺书、检测报告): which kinds need which (data: `data/application-documents.json`),
 * the limits an upload must pass, and the check the API runs on every uploaded object itself — size, and type by
 * its first bytes (PDF `%PDF-`, JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`), never by name or declared type.
 *
 * Error codes (on a failed check): `DOCUMENT_MISSING`, `DOCUMENT_EMPTY`, `DOCUMENT_TOO_LARGE`,
 * `DOCUMENT_TYPE_NOT_ALLOWED`, `DOCUMENT_TYPE_MISMATCH`.
 */
import { createHash } from 'node:crypto';
import documentsJson from '../../data/application-documents.json';

/**
 * The document types.
 *
 * @example
 * z.enum(DOCUMENT_TYPES);
 */
export const DOCUMENT_TYPES = ['application-form', 'commitment-letter', 'test-report'] as const;

/**
 * One document type.
 *
 * @example
 * const type: DocumentType = 'test-report';
 */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Content types an upload may have.
 *
 * @example
 * z.enum(DOCUMENT_CONTENT_TYPES);
 */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * One allowed content type.
 *
 * @example
 * const t: DocumentContentType = 'application/pdf';
 */
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/**
 * Upload limits, from the data file.
 *
 * @example
 * DOCUMENT_LIMITS.maxBytes; // 5242880
 */
export const DOCUMENT_LIMITS = Object.freeze({
  maxBytes: documentsJson.limits.maxBytes,
  uploadUrlSeconds: documentsJson.limits.uploadUrlSeconds,
  contentTypes: documentsJson.limits.contentTypes as readonly DocumentContentType[],
});

/**
 * The documents an application kind needs, in display order.
 *
 * @example
 * requiredDocuments('new'); // ['application-form', 'commitment-letter', 'test-report']
 */
export function requiredDocuments(kind: string): readonly DocumentType[] {
  const list = (documentsJson.required as Record<string, string[] | undefined>)[kind] ?? [];
  return list.filter((d): d is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(d));
}

/**
 * The Chinese and English names of a document type.
 *
 * @example
 * documentName('commitment-letter').zh; // '承诺书'
 */
export function documentName(type: DocumentType): { zh: string; en: string } {
  return documentsJson.documents[type];
}

const MAGIC: readonly { type: DocumentContentType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * The content type of some bytes by their signature, or undefined when none matches.
 *
 * @example
 * sniffContentType(new TextEncoder().encode('%PDF-1.7')); // 'application/pdf'
 */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | undefined {
  return MAGIC.find((m) => m.bytes.every((b, i) => bytes[i] === b))?.type;
}

/**
 * The outcome of checking one uploaded object.
 *
 * @example
 * const result: DocumentCheck = { ok: true, contentType: 'application/pdf', size: 812, sha256: 'ab…' };
 */
export type DocumentCheck =
  | { readonly ok: true; readonly contentType: DocumentContentType; readonly size: number; readonly sha256: string }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly size?: number };

/**
 * Check an upload by its size (from the store's head, before reading it) and then its bytes.
 *
 * @example
 * checkDocumentSize(6_000_000); // { ok: false, code: 'DOCUMENT_TOO_LARGE', … }
 */
export function checkDocumentSize(size: number | undefined): DocumentCheck | undefined {
  if (size === undefined) return { ok: false, code: 'DOCUMENT_MISSING', message: 'no file has been uploaded' };
  if (size === 0) return { ok: false, code: 'DOCUMENT_EMPTY', message: 'the uploaded file is empty', size };
  if (size > DOCUMENT_LIMITS.maxBytes) {
    return {
      ok: false,
      code: 'DOCUMENT_TOO_LARGE',
      message: `the file has ${size} bytes; at most ${DOCUMENT_LIMITS.maxBytes} are accepted`,
      size,
    };
  }
  return undefined;
}

/**
 * Check the bytes of an upload: size, type by content, and agreement with the declared type; records the SHA-256.
 *
 * @example
 * checkDocumentBytes(bytes, 'application/pdf'); // { ok: true, contentType: 'application/pdf', size, sha256 }
 */
export function checkDocumentBytes(bytes: Uint8Array, declared: DocumentContentType): DocumentCheck {
  const sizeProblem = checkDocumentSize(bytes.byteLength);
  if (sizeProblem) return sizeProblem;
  const size = bytes.byteLength;
  const detected = sniffContentType(bytes);
  if (!detected || !DOCUMENT_LIMITS.contentTypes.includes(detected)) {
    return {
      ok: false,
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
      message: `the file is not a PDF, JPEG or PNG (by its content); accepted: ${DOCUMENT_LIMITS.contentTypes.join(', ')}`,
      size,
    };
  }
  if (detected !== declared) {
    return {
      ok: false,
      code: 'DOCUMENT_TYPE_MISMATCH',
      message: `the file's content is ${detected}, but it was declared as ${declared}`,
      size,
    };
  }
  return { ok: true, contentType: detected, size, sha256: createHash('sha256').update(bytes).digest('hex') };
}
