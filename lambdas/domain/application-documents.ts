/**
 * Application documents (申请单、承诺书、检测报告): which kinds need which (data: `data/application-documents.json`),
 * the limits an upload must pass, where a checked document is kept, and the check the API runs on every uploaded
 * object itself:
 *
 * 1. the stored object against its declaration — present, not empty, within the limit, **exactly** the declared
 *    size, stored with the declared Content-Type (the upload policy pins both, but a store may not enforce it);
 * 2. the bytes read: the same size again, the type by its signature (PDF `%PDF-`, JPEG `FF D8 FF`, PNG
 *    `89 50 4E 47 0D 0A 1A 0A`), never by name or declared type, agreeing with the declared type;
 * 3. the format itself, to its last byte (`document-formats/`): a PDF parses (cross-reference, trailer, `%%EOF`) and
 *    carries no JavaScript, launch actions, embedded files or encryption; a PNG or JPEG is well formed to its end
 *    marker with nothing appended; no file doubles as a ZIP archive.
 *
 * The bytes that passed are kept, as read, under a content-addressed key no upload grant reaches
 * ({@link keptDocumentKey}); every later reader uses that copy and re-verifies its SHA-256.
 *
 * Error codes (on a failed check, 422): `DOCUMENT_MISSING`, `DOCUMENT_EMPTY`, `DOCUMENT_TOO_LARGE`,
 * `DOCUMENT_SIZE_MISMATCH`, `DOCUMENT_STORED_TYPE_MISMATCH`, `DOCUMENT_TYPE_NOT_ALLOWED`, `DOCUMENT_TYPE_MISMATCH`,
 * and the content codes `DOCUMENT_MALFORMED`, `DOCUMENT_TRAILING_DATA`, `DOCUMENT_POLYGLOT`,
 * `DOCUMENT_ACTIVE_CONTENT`, `DOCUMENT_EMBEDDED_FILE`, `DOCUMENT_ENCRYPTED` (see `document-formats/problem.ts`).
 */
import { createHash } from 'node:crypto';
import documentsJson from '../../data/application-documents.json';
import { inspectContent } from './document-formats/inspect';
import type { ContentProblemCode } from './document-formats/problem';

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
 * The longest an upload grant may live: after a check, the grant's key no longer matters (the checked bytes are kept
 * elsewhere), but a short grant keeps the window for a swapped upload before the check small.
 *
 * @example
 * uploadGrantSeconds(300); // 300
 */
export const MAX_UPLOAD_GRANT_SECONDS = 300;

/**
 * How long staff read links (presigned GETs of a document) live.
 *
 * @example
 * store.presignRead(key, { expiresInSeconds: DOCUMENT_READ_SECONDS, … });
 */
export const DOCUMENT_READ_SECONDS = 60;

/**
 * The configured upload-grant lifetime, refused (at cold start, where the data file is read) when it exceeds
 * {@link MAX_UPLOAD_GRANT_SECONDS} or is not a positive whole number.
 *
 * @example
 * uploadGrantSeconds(900); // throws: at most 300 s
 */
export function uploadGrantSeconds(configured: number): number {
  if (!Number.isInteger(configured) || configured < 1 || configured > MAX_UPLOAD_GRANT_SECONDS) {
    throw new Error(
      `data/application-documents.json limits.uploadUrlSeconds must be 1–${MAX_UPLOAD_GRANT_SECONDS}, got ${configured}`,
    );
  }
  return configured;
}

/**
 * Upload limits, from the data file.
 *
 * @example
 * DOCUMENT_LIMITS.maxBytes; // 5242880
 */
export const DOCUMENT_LIMITS = Object.freeze({
  maxBytes: documentsJson.limits.maxBytes,
  uploadUrlSeconds: uploadGrantSeconds(documentsJson.limits.uploadUrlSeconds),
  contentTypes: documentsJson.limits.contentTypes as readonly DocumentContentType[],
});

/**
 * Where the checked bytes of an upload are kept: content-addressed, next to the application's uploads but outside
 * every upload grant (each grant pins its own `applications/{id}/DOC-…` key).
 *
 * @example
 * keptDocumentKey('APP-20261127-K3M9Q2ZT7A', 'e3b0…'); // 'applications/APP-20261127-K3M9Q2ZT7A/checked/e3b0…'
 */
export const keptDocumentKey = (applicationId: string, sha256: string): string =>
  `applications/${applicationId}/checked/${sha256}`;

/**
 * The SHA-256 of some bytes, lower-case hex: what a document is recorded and re-verified by.
 *
 * @example
 * documentDigest(new Uint8Array()); // 'e3b0c442…b855'
 */
export const documentDigest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

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
  | { readonly ok: false; readonly code: DocumentCheckCode; readonly message: string; readonly size?: number };

/**
 * The code of a failed check: catalogued codes of kind `unprocessable` (422), the check's own and the content codes.
 *
 * @example
 * const code: DocumentCheckCode = 'DOCUMENT_SIZE_MISMATCH';
 */
export type DocumentCheckCode =
  | 'DOCUMENT_MISSING'
  | 'DOCUMENT_EMPTY'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_SIZE_MISMATCH'
  | 'DOCUMENT_STORED_TYPE_MISMATCH'
  | 'DOCUMENT_TYPE_NOT_ALLOWED'
  | 'DOCUMENT_TYPE_MISMATCH'
  | ContentProblemCode;

/** A failed {@link DocumentCheck}. */
export type DocumentCheckFailure = Extract<DocumentCheck, { ok: false }>;

/**
 * What the applicant declared when asking for the upload.
 *
 * @example
 * const declared: DeclaredDocument = { contentType: 'application/pdf', size: 600 };
 */
export interface DeclaredDocument {
  readonly contentType: DocumentContentType;
  readonly size: number;
}

/**
 * Check an upload by its size alone (from the store's head, before reading it).
 *
 * @example
 * checkDocumentSize(6_000_000); // { ok: false, code: 'DOCUMENT_TOO_LARGE', … }
 */
export function checkDocumentSize(size: number | undefined): DocumentCheckFailure | undefined {
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

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Check the stored object's head against the declaration: size (limit, then exactly the declared size) and the
 * Content-Type it was stored with. Undefined when the object may be read.
 *
 * @example
 * checkStoredObject({ size: 4612, contentType: 'application/pdf' }, { size: 600, contentType: 'application/pdf' });
 * // { ok: false, code: 'DOCUMENT_SIZE_MISMATCH', … }
 */
export function checkStoredObject(
  head: { readonly size: number; readonly contentType?: string | undefined } | undefined,
  declared: DeclaredDocument,
): DocumentCheckFailure | undefined {
  const sizeProblem = checkDocumentSize(head?.size) ?? sizeMismatch(head?.size ?? 0, declared);
  if (sizeProblem || !head) return sizeProblem;
  if (mediaType(head.contentType) !== declared.contentType) {
    return {
      ok: false,
      code: 'DOCUMENT_STORED_TYPE_MISMATCH',
      message: `the file was uploaded as ${head.contentType ?? 'no content type'}, but declared as ${declared.contentType}`,
      size: head.size,
    };
  }
  return undefined;
}

function sizeMismatch(size: number, declared: DeclaredDocument): DocumentCheckFailure | undefined {
  if (size === declared.size) return undefined;
  return {
    ok: false,
    code: 'DOCUMENT_SIZE_MISMATCH',
    message: `the file has ${size} bytes, but ${declared.size} were declared`,
    size,
  };
}

/**
 * Check the bytes of an upload: size (limit and declaration), type by content and agreement with the declared type,
 * then the format itself to its last byte; records the SHA-256 of exactly these bytes.
 *
 * Without a declaration (an *undeclared* upload: the console's plain form, which cannot state size or type before
 * the file is chosen) the same checks run but the two comparisons with a declaration: the size must be within the
 * limit, the type detected from the content must be an accepted one and the format must pass — the detected type
 * and the measured size become the document's.
 *
 * @example
 * await checkDocumentBytes(bytes, { contentType: 'application/pdf', size: bytes.length });
 * // { ok: true, contentType: 'application/pdf', size, sha256 }
 * await checkDocumentBytes(htmlBytes); // { ok: false, code: 'DOCUMENT_TYPE_NOT_ALLOWED', … }
 */
export async function checkDocumentBytes(bytes: Uint8Array, declared?: DeclaredDocument): Promise<DocumentCheck> {
  const size = bytes.byteLength;
  const sizeProblem = checkDocumentSize(size) ?? (declared ? sizeMismatch(size, declared) : undefined);
  if (sizeProblem) return sizeProblem;
  const detected = sniffContentType(bytes);
  if (!detected || !DOCUMENT_LIMITS.contentTypes.includes(detected)) {
    return {
      ok: false,
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
      message: `the file is not a PDF, JPEG or PNG (by its content); accepted: ${DOCUMENT_LIMITS.contentTypes.join(', ')}`,
      size,
    };
  }
  if (declared && detected !== declared.contentType) {
    return {
      ok: false,
      code: 'DOCUMENT_TYPE_MISMATCH',
      message: `the file's content is ${detected}, but it was declared as ${declared.contentType}`,
      size,
    };
  }
  const problem = await inspectContent(bytes, detected);
  if (problem) return { ok: false, code: problem.code, message: problem.message, size };
  return { ok: true, contentType: detected, size, sha256: documentDigest(bytes) };
}

/**
 * How staff are served a document: the kept copy, as the type the check detected and `inline`, only when the check
 * parsed it (PDF, PNG, JPEG — every accepted type); anything else — the raw upload of a rejected document, or one
 * accepted before copies were kept — as `application/octet-stream` and `attachment`. Undefined while nothing has
 * been checked.
 *
 * @example
 * documentServing({ state: 'accepted', key, keptKey, contentType: 'application/pdf' });
 * // { key: keptKey, contentType: 'application/pdf', disposition: 'inline', copy: 'kept' }
 */
export function documentServing(document: {
  readonly state: string;
  readonly key: string;
  readonly keptKey?: string;
  readonly contentType?: DocumentContentType;
}): DocumentServing | undefined {
  if (document.state === 'accepted' && document.keptKey && document.contentType) {
    return { key: document.keptKey, contentType: document.contentType, disposition: 'inline', copy: 'kept' };
  }
  if (document.state === 'awaiting-upload') return undefined;
  return { key: document.key, contentType: 'application/octet-stream', disposition: 'attachment', copy: 'upload' };
}

/**
 * See {@link documentServing}.
 *
 * @example
 * const serving: DocumentServing = { key, contentType: 'image/png', disposition: 'inline', copy: 'kept' };
 */
export interface DocumentServing {
  readonly key: string;
  readonly contentType: string;
  readonly disposition: 'inline' | 'attachment';
  /** `kept`: the checked bytes; `upload`: whatever the upload key holds now. */
  readonly copy: 'kept' | 'upload';
}
