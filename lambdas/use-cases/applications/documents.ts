/**
 * Application documents: a presigned POST upload handed out by the API, the API's own check of what was uploaded,
 * the kept copy of what passed, and the staff's audited read.
 *
 * - **Check** (`checkDocument`): the stored object's head against the declaration (size exact, Content-Type), then
 *   the bytes — read **once** — by type, content and format (`domain/application-documents.ts`). The very bytes that
 *   passed (not a copy of the upload key, which could change between the read and a copy) are written to
 *   `applications/{id}/checked/{sha256}`, a key no upload grant reaches, and recorded on the document as `keptKey`.
 * - **Every later reader** uses the kept copy: submit and the review and decision steps re-verify its SHA-256
 *   (`verifyKeptDocument`); a staff read serves it.
 * - **Undeclared uploads** (`undeclaredUploadGrant`, `checkUndeclaredUpload`): the console's plain form without
 *   JavaScript cannot state a file's size or type before it is chosen, so its grant pins the key, 1 byte to the
 *   maximum and a redirect back to the console — no type — and writes nothing. When the browser comes back, the
 *   document is recorded and judged by its stored bytes alone: within the limit, a type detected from the content that
 *   is accepted, the format passing; the detected type and measured size become the document's, and the kept copy is
 *   stored as the detected type. Declared uploads (the API, the console with JavaScript) keep their exact rules.
 *   Not on the public API: the console calls these use cases directly.
 * - **Staff read** (`readDocumentContent`): an audit record (who, role, when, which document, which digest), then a
 *   presigned GET valid {@link DOCUMENT_READ_SECONDS} s.
 *
 * Error codes: `APPLICATION_NOT_FOUND` (404, also for another enterprise's), `APPLICATION_NOT_EDITABLE` (409),
 * `DOCUMENT_NOT_REQUIRED` (400), `DOCUMENT_DECLARED_TOO_LARGE` (400, the size asked for is over the limit; an
 * uploaded file over it fails its check with `DOCUMENT_TOO_LARGE`, 422), `DOCUMENT_NOT_FOUND` (404),
 * `DOCUMENT_NOT_CHECKED` (409, staff read of a document nothing was checked for yet), `DOCUMENT_DIGEST_MISMATCH`
 * (409: the kept copy is missing or no longer hashes to the recorded SHA-256), `DOCUMENT_REQUIRED` (409), and on a
 * failed check (422) the check codes of `domain/application-documents.ts`.
 *
 * @example
 * const { document, upload } = await requestDocumentUpload(deps, { viewer, applicationId, type: 'test-report',
 *   fileName: '检测报告.pdf', contentType: 'application/pdf', size: 812 });
 * // POST upload.fields + the file (multipart/form-data) to upload.url
 * await checkApplicationDocument(deps, { viewer, applicationId, documentId: document.id });
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationSnapshot } from '../../domain/application';
import type { ApplicationDocument, DocumentRead } from '../../domain/application-document';
import {
  checkDocumentBytes,
  checkDocumentSize,
  checkStoredObject,
  DOCUMENT_LIMITS,
  DOCUMENT_READ_SECONDS,
  type DocumentCheck,
  type DocumentContentType,
  type DocumentType,
  documentDigest,
  documentName,
  documentServing,
  keptDocumentKey,
  requiredDocuments,
} from '../../domain/application-documents';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors';
import type { Viewer } from '../../domain/viewer';
import type { PresignedUpload } from '../../ports/document-store';
import type { ApplicationDeps } from './deps';

/**
 * The application with its documents, if the viewer may see it (its enterprise, or staff). Another enterprise's
 * application answers exactly like one that does not exist (same code, same message), so no one can probe which
 * application ids exist.
 *
 * @example
 * const { application, documents } = await loadVisible(deps, id, viewer);
 */
export async function loadVisible(
  deps: ApplicationDeps,
  id: string,
  viewer: Viewer,
): Promise<{ application: ApplicationSnapshot; documents: readonly ApplicationDocument[] }> {
  const found = await deps.applications.getWithDocuments(id);
  if (!found || (viewer.kind === 'enterprise' && found.application.uscc !== viewer.uscc)) {
    throw new NotFoundError('APPLICATION_NOT_FOUND', `no application ${id}`);
  }
  return found;
}

async function loadOwnEditable(deps: ApplicationDeps, id: string, viewer: Viewer) {
  if (viewer.kind !== 'enterprise') throw new ForbiddenError('FORBIDDEN', 'only the applicant changes its documents');
  const found = await loadVisible(deps, id, viewer);
  if (!['draft', 'corrections-requested'].includes(found.application.state)) {
    throw new ConflictError('APPLICATION_NOT_EDITABLE', `the application is ${found.application.state}`, {
      state: found.application.state,
    });
  }
  return found;
}

export async function requestDocumentUpload(
  deps: ApplicationDeps,
  input: {
    viewer: Viewer;
    applicationId: string;
    type: DocumentType;
    fileName: string;
    contentType: DocumentContentType;
    size: number;
  },
): Promise<{ document: ApplicationDocument; upload: PresignedUpload }> {
  const { application } = await loadOwnEditable(deps, input.applicationId, input.viewer);
  if (!requiredDocuments(application.kind).includes(input.type)) {
    throw new ValidationError('DOCUMENT_NOT_REQUIRED', `a ${application.kind} application takes no ${input.type}`, [
      { field: 'body.type', message: `expected one of ${requiredDocuments(application.kind).join(', ')}` },
    ]);
  }
  const tooLarge = checkDocumentSize(input.size);
  if (tooLarge && !tooLarge.ok) {
    throw new ValidationError('DOCUMENT_DECLARED_TOO_LARGE', tooLarge.message, [
      { field: 'body.size', message: tooLarge.message },
    ]);
  }
  const id = `DOC-${randomUUID()}`;
  const document: ApplicationDocument = {
    id,
    applicationId: application.id,
    type: input.type,
    fileName: input.fileName,
    declaredContentType: input.contentType,
    declaredSize: input.size,
    key: documentKey(application.id, id),
    state: 'awaiting-upload',
    createdAt: deps.clock.now().toISOString(),
  };
  const upload = await deps.documents.presignUpload(document.key, {
    contentType: input.contentType,
    contentLength: input.size,
    expiresInSeconds: DOCUMENT_LIMITS.uploadUrlSeconds,
  });
  await deps.applications.putDocument(document);
  return { document, upload };
}

/**
 * An undeclared upload grant for one document of an application the caller has already loaded as its own and
 * editable (the application page draws one per document when it is drawn): a fresh document id and its key, and a
 * presigned POST that sends the browser to `redirectFor(documentId)` once stored. Nothing is written: the document is
 * recorded when the browser comes back ({@link checkUndeclaredUpload}), so a page drawn and left leaves nothing behind.
 *
 * @example
 * const { documentId, upload } = await undeclaredUploadGrant(deps, application, (id) => `${base}/…/${id}/uploaded?type=test-report`);
 */
export async function undeclaredUploadGrant(
  deps: ApplicationDeps,
  application: ApplicationSnapshot,
  redirectFor: (documentId: string) => string,
): Promise<{ documentId: string; upload: PresignedUpload }> {
  const documentId = `DOC-${randomUUID()}`;
  const upload = await deps.documents.presignUndeclaredUpload(documentKey(application.id, documentId), {
    maxLength: DOCUMENT_LIMITS.maxBytes,
    successRedirect: redirectFor(documentId),
    expiresInSeconds: DOCUMENT_LIMITS.uploadUrlSeconds,
  });
  return { documentId, upload };
}

/** The one key an upload grant of this document reaches. */
const documentKey = (applicationId: string, documentId: string) => `applications/${applicationId}/${documentId}`;

const EXTENSIONS: Readonly<Record<DocumentContentType, string>> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/**
 * Record and check the document a plain form uploaded through an {@link undeclaredUploadGrant}. A document already
 * recorded under this id is judged by its own record (a reloaded redirect answers as the first time; a declared
 * upload keeps its declared rules). No file at the key: `DOCUMENT_MISSING` (422), nothing recorded — the grant may have
 * expired before the file was sent.
 *
 * @example
 * await checkUndeclaredUpload(deps, { viewer, applicationId, documentId, type: 'test-report' }); // accepted, or 422
 */
export async function checkUndeclaredUpload(
  deps: ApplicationDeps,
  input: { viewer: Viewer; applicationId: string; documentId: string; type: DocumentType },
): Promise<ApplicationDocument> {
  const { application, documents } = await loadOwnEditable(deps, input.applicationId, input.viewer);
  if (documents.some((d) => d.id === input.documentId)) return checkApplicationDocument(deps, input);
  if (!requiredDocuments(application.kind).includes(input.type)) {
    throw new ValidationError('DOCUMENT_NOT_REQUIRED', `a ${application.kind} application takes no ${input.type}`, [
      { field: 'query.type', message: `expected one of ${requiredDocuments(application.kind).join(', ')}` },
    ]);
  }
  return checkDocument(deps, {
    id: input.documentId,
    applicationId: application.id,
    type: input.type,
    fileName: documentName(input.type).zh,
    key: documentKey(application.id, input.documentId),
    state: 'awaiting-upload',
    createdAt: deps.clock.now().toISOString(),
  });
}

/** Head, then one read of the upload: the check's outcome and the bytes it judged. */
async function inspectUpload(
  deps: ApplicationDeps,
  document: ApplicationDocument,
): Promise<{ result: DocumentCheck; bytes?: Uint8Array }> {
  const declared =
    document.declaredContentType !== undefined && document.declaredSize !== undefined
      ? { contentType: document.declaredContentType, size: document.declaredSize }
      : undefined;
  const head = await deps.documents.head(document.key);
  // Undeclared: no size or type to hold the stored object to, only the limit; the bytes are judged below.
  const stored = declared ? checkStoredObject(head, declared) : checkDocumentSize(head?.size);
  if (stored) return { result: stored };
  const bytes = await deps.documents.get(document.key);
  if (!bytes) return { result: { ok: false, code: 'DOCUMENT_MISSING', message: 'no file has been uploaded' } };
  return { result: await checkDocumentBytes(bytes, declared), bytes };
}

/**
 * Check one uploaded document, keep the bytes that passed and record the result; throws 422 with the failure's code
 * when it fails. A document already accepted with a kept copy is returned as it is (its upload key is never read
 * again).
 *
 * @example
 * await checkDocument(deps, document); // the document, now `accepted` with its sha256 and keptKey
 */
export async function checkDocument(
  deps: ApplicationDeps,
  document: ApplicationDocument,
): Promise<ApplicationDocument> {
  if (document.state === 'accepted' && document.keptKey) return document;
  const { result, bytes } = await inspectUpload(deps, document);
  const checkedAt = deps.clock.now().toISOString();
  if (result.ok && bytes) {
    const keptKey = keptDocumentKey(document.applicationId, result.sha256);
    await deps.documents.keep(keptKey, bytes, { contentType: result.contentType, sha256: result.sha256 });
    const accepted: ApplicationDocument = {
      ...document,
      // An undeclared upload is named after its document, with the extension of the type detected.
      ...(document.declaredContentType === undefined
        ? { fileName: `${document.fileName}${EXTENSIONS[result.contentType]}` }
        : {}),
      state: 'accepted',
      checkedAt,
      keptKey,
      sha256: result.sha256,
      size: result.size,
      contentType: result.contentType,
    };
    await deps.applications.putDocument(accepted);
    return accepted;
  }
  if (result.ok) throw new Error('unreachable: an accepted check without bytes');
  if (result.code !== 'DOCUMENT_MISSING') {
    await deps.applications.putDocument({
      ...document,
      state: 'rejected',
      checkedAt,
      ...(result.size !== undefined ? { size: result.size } : {}),
      failure: { code: result.code, message: result.message },
    });
  }
  throw new UnprocessableError(result.code, `${document.type}: ${result.message}`, {
    documentId: document.id,
    documentType: document.type,
  });
}

/**
 * Read the kept copy of an accepted document and compare its SHA-256 with the recorded one; 409
 * `DOCUMENT_DIGEST_MISMATCH` when the copy is missing, changed, or was never kept.
 *
 * @example
 * await verifyKeptDocument(deps, document);
 */
export async function verifyKeptDocument(deps: ApplicationDeps, document: ApplicationDocument): Promise<void> {
  const name = documentName(document.type);
  const details = { documentId: document.id, documentType: document.type, sha256: document.sha256 };
  if (document.state !== 'accepted' || !document.keptKey || !document.sha256) {
    throw new ConflictError(
      'DOCUMENT_DIGEST_MISMATCH',
      `the ${name.en} (${name.zh}) has no kept checked copy; it must be checked again (request corrections)`,
      details,
    );
  }
  const bytes = await deps.documents.get(document.keptKey);
  if (!bytes || documentDigest(bytes) !== document.sha256) {
    throw new ConflictError(
      'DOCUMENT_DIGEST_MISMATCH',
      `the kept copy of the ${name.en} (${name.zh}) ${bytes ? 'no longer matches' : 'is missing; it cannot be verified against'} its recorded SHA-256`,
      details,
    );
  }
}

/**
 * Before a review step moves an application on: the latest document of every required type must be accepted and its
 * kept copy must still hash to the recorded SHA-256. Reads only; nothing is written.
 *
 * @example
 * await verifyApplicationDocuments(deps, application, documents);
 */
export async function verifyApplicationDocuments(
  deps: ApplicationDeps,
  application: ApplicationSnapshot,
  documents: readonly ApplicationDocument[],
): Promise<void> {
  for (const type of requiredDocuments(application.kind)) {
    const latest = documents.filter((d) => d.type === type).at(-1);
    if (latest?.state !== 'accepted') {
      const name = documentName(type);
      throw new ConflictError('DOCUMENT_REQUIRED', `the ${name.en} (${name.zh}) has not passed its check`, {
        documentType: type,
      });
    }
    await verifyKeptDocument(deps, latest);
  }
}

export async function checkApplicationDocument(
  deps: ApplicationDeps,
  input: { viewer: Viewer; applicationId: string; documentId: string },
): Promise<ApplicationDocument> {
  const { documents } = await loadOwnEditable(deps, input.applicationId, input.viewer);
  const document = documents.find((d) => d.id === input.documentId);
  if (!document) throw new NotFoundError('DOCUMENT_NOT_FOUND', `no document ${input.documentId} on this application`);
  if (document.state === 'rejected') {
    throw new UnprocessableError(
      document.failure?.code ?? 'DOCUMENT_REJECTED',
      `${document.type}: ${document.failure?.message}`,
      {
        documentId: document.id,
        documentType: document.type,
      },
    );
  }
  return checkDocument(deps, document);
}

/**
 * A staff read of one document: records who read which document (and digest), then answers a presigned GET of the
 * kept copy valid {@link DOCUMENT_READ_SECONDS} s — `inline` as the detected type — or, for a document that did not
 * pass, of its raw upload as an `application/octet-stream` attachment.
 *
 * @example
 * const { url } = await readDocumentContent(deps, { viewer, applicationId, documentId });
 */
export async function readDocumentContent(
  deps: ApplicationDeps,
  input: { viewer: Viewer; applicationId: string; documentId: string },
): Promise<{ url: string; read: DocumentRead }> {
  const { viewer } = input;
  if (viewer.kind !== 'staff') {
    // The route admits staff only. An enterprise that gets here learns nothing about another's application.
    const application = await deps.applications.get(input.applicationId);
    if (!application || application.uscc !== viewer.uscc) {
      throw new NotFoundError('APPLICATION_NOT_FOUND', `no application ${input.applicationId}`);
    }
    throw new ForbiddenError('FORBIDDEN', 'documents are read through the API by authority staff only');
  }
  const { documents } = await loadVisible(deps, input.applicationId, viewer);
  const document = documents.find((d) => d.id === input.documentId);
  if (!document) throw new NotFoundError('DOCUMENT_NOT_FOUND', `no document ${input.documentId} on this application`);
  const serving = documentServing(document);
  if (!serving) {
    throw new ConflictError('DOCUMENT_NOT_CHECKED', `the ${document.type} has not been uploaded and checked yet`, {
      documentId: document.id,
    });
  }
  const read: DocumentRead = {
    id: randomUUID(),
    applicationId: document.applicationId,
    documentId: document.id,
    documentType: document.type,
    at: deps.clock.now().toISOString(),
    actor: { id: viewer.id, role: viewer.role },
    copy: serving.copy,
    ...(serving.copy === 'kept' && document.sha256 ? { sha256: document.sha256 } : {}),
  };
  await deps.applications.recordDocumentRead(read);
  const url = await deps.documents.presignRead(serving.key, {
    fileName: document.fileName,
    contentType: serving.contentType,
    disposition: serving.disposition,
    expiresInSeconds: DOCUMENT_READ_SECONDS,
  });
  return { url, read };
}
