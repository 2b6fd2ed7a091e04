/**
 * Application documents: a presigned upload handed out by the API, then the API's own check of the uploaded object
 * (the local S3 enforces no policy, and a policy is no substitute for looking): size first from the object's head,
 * then the type by its first bytes and the SHA-256 of the content. Results are recorded on the document.
 *
 * Error codes: `APPLICATION_NOT_FOUND` (404, also for another enterprise's), `APPLICATION_NOT_EDITABLE` (409),
 * `DOCUMENT_NOT_REQUIRED` (400), `DOCUMENT_TOO_LARGE` (400 on request, 422 on check), `DOCUMENT_NOT_FOUND` (404),
 * and on a failed check (422): `DOCUMENT_MISSING`, `DOCUMENT_EMPTY`, `DOCUMENT_TYPE_NOT_ALLOWED`,
 * `DOCUMENT_TYPE_MISMATCH`.
 *
 * @example
 * const { document, upload } = await requestDocumentUpload(deps, { viewer, applicationId, type: 'test-report',
 *   fileName: '检测报告.pdf', contentType: 'application/pdf', size: 812 });
 * await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
 * await checkApplicationDocument(deps, { viewer, applicationId, documentId: document.id });
 */
import { randomUUID } from 'node:crypto';
import type { ApplicationSnapshot } from '../../domain/application';
import {
  checkDocumentBytes,
  checkDocumentSize,
  DOCUMENT_LIMITS,
  type DocumentContentType,
  type DocumentType,
  requiredDocuments,
} from '../../domain/application-documents';
import type { ApplicationDocument, PresignedUpload } from '../../domain/application-ports';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors';
import type { ApplicationDeps, ApplicationViewer } from './deps';

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
  viewer: ApplicationViewer,
): Promise<{ application: ApplicationSnapshot; documents: readonly ApplicationDocument[] }> {
  const found = await deps.applications.getWithDocuments(id);
  if (!found || (viewer.kind === 'enterprise' && found.application.uscc !== viewer.uscc)) {
    throw new NotFoundError('APPLICATION_NOT_FOUND', `no application ${id}`);
  }
  return found;
}

async function loadOwnEditable(deps: ApplicationDeps, id: string, viewer: ApplicationViewer) {
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
    viewer: ApplicationViewer;
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
    throw new ValidationError(tooLarge.code, tooLarge.message, [{ field: 'body.size', message: tooLarge.message }]);
  }
  const at = deps.clock.now();
  const id = `DOC-${randomUUID()}`;
  const document: ApplicationDocument = {
    id,
    applicationId: application.id,
    type: input.type,
    fileName: input.fileName,
    declaredContentType: input.contentType,
    declaredSize: input.size,
    key: `applications/${application.id}/${id}`,
    state: 'awaiting-upload',
    createdAt: at.toISOString(),
  };
  const presigned = await deps.documents.presignUpload(document.key, {
    contentType: input.contentType,
    contentLength: input.size,
    expiresInSeconds: DOCUMENT_LIMITS.uploadUrlSeconds,
  });
  await deps.applications.putDocument(document);
  return {
    document,
    upload: {
      url: presigned.url,
      method: 'PUT',
      headers: presigned.headers,
      expiresAt: new Date(at.getTime() + DOCUMENT_LIMITS.uploadUrlSeconds * 1000).toISOString(),
    },
  };
}

/**
 * Check one uploaded document and record the result; throws 422 with the failure's code when it fails.
 *
 * @example
 * await checkDocument(deps, document); // the document, now `accepted` with its sha256
 */
export async function checkDocument(
  deps: ApplicationDeps,
  document: ApplicationDocument,
): Promise<ApplicationDocument> {
  if (document.state === 'accepted') return document;
  const head = await deps.documents.head(document.key);
  const bytes = checkDocumentSize(head?.size) ? undefined : await deps.documents.get(document.key);
  const result = bytes ? checkDocumentBytes(bytes, document.declaredContentType) : checkDocumentSize(head?.size);
  if (!result) throw new Error('unreachable: neither bytes nor a size problem');
  const checkedAt = deps.clock.now().toISOString();
  if (result.ok) {
    const accepted: ApplicationDocument = {
      ...document,
      state: 'accepted',
      checkedAt,
      sha256: result.sha256,
      size: result.size,
      contentType: result.contentType,
    };
    await deps.applications.putDocument(accepted);
    return accepted;
  }
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

export async function checkApplicationDocument(
  deps: ApplicationDeps,
  input: { viewer: ApplicationViewer; applicationId: string; documentId: string },
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
