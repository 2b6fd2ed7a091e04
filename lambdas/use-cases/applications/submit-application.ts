/**
 * submitApplication — the enterprise submits its draft (or its corrected application). Every required document
 * (data: `data/application-documents.json`) must be uploaded and pass the API's own check; uploads not yet checked
 * are checked now (and kept), and the kept copy of every document checked before is read again and must still hash
 * to its recorded SHA-256. The application is saved only when all of them hold.
 *
 * Error codes: `DOCUMENT_REQUIRED` (409, names the document type), `DOCUMENT_REJECTED` (422, names it and the check
 * that failed), the check codes of `documents.ts` (422), `DOCUMENT_DIGEST_MISMATCH` (409),
 * `APPLICATION_TRANSITION_INVALID` (409).
 *
 * @example
 * await submitApplication(deps, { viewer, applicationId: 'APP-…' });
 */
import { Application, type ApplicationSnapshot } from '../../domain/application';
import { documentName, requiredDocuments } from '../../domain/application-documents';
import { ConflictError, ForbiddenError, UnprocessableError } from '../../domain/errors';
import { actorOf, type Viewer } from '../../domain/viewer';
import type { ApplicationDeps } from './deps';
import { checkDocument, loadVisible, verifyKeptDocument } from './documents';

export async function submitApplication(
  deps: ApplicationDeps,
  input: { viewer: Viewer; applicationId: string; comment?: string },
): Promise<ApplicationSnapshot> {
  if (input.viewer.kind !== 'enterprise') throw new ForbiddenError('FORBIDDEN', 'only the applicant submits');
  const { application, documents } = await loadVisible(deps, input.applicationId, input.viewer);
  for (const type of requiredDocuments(application.kind)) {
    const latest = documents.filter((d) => d.type === type).at(-1);
    const name = documentName(type);
    if (!latest) {
      throw new ConflictError('DOCUMENT_REQUIRED', `the ${name.en} (${name.zh}) has not been uploaded`, {
        documentType: type,
      });
    }
    if (latest.state === 'rejected') {
      throw new UnprocessableError(
        'DOCUMENT_REJECTED',
        `the ${name.en} (${name.zh}) failed its check (${latest.failure?.code}); upload it again`,
        { documentType: type, documentId: latest.id, failure: latest.failure },
      );
    }
    if (latest.state === 'accepted' && latest.keptKey) await verifyKeptDocument(deps, latest);
    else await checkDocument(deps, latest);
  }
  const next = Application.rehydrate(application)
    .submit({
      actor: actorOf(input.viewer),
      at: deps.clock.now(),
      ...(input.comment ? { comment: input.comment } : {}),
    })
    .toSnapshot();
  await deps.applications.save(next, application.revision);
  return next;
}
