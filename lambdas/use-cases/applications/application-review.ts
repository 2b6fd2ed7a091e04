/**
 * applicationForReview — one application as staff review it: the API's single-application read (`getApplication`:
 * documents, the latest document reads), the working days left before its deadline (as the worklist and the
 * enterprise's page count them), the reviewer's steps and the officer's decisions its state allows now, and — when
 * asked — one document opened through the API's audited read (`readDocumentContent`: the read is recorded first, then
 * a 60-second URL of the kept copy), so the page's reads list already shows this one.
 *
 * @example
 * const review = await applicationForReview(deps, { viewer, applicationId, openDocumentId: 'DOC-…' });
 * review.opened?.url; // presigned, 60 seconds
 */
import { Application, type ApplicationSnapshot, type ReviewAction } from '../../domain/application';
import type { ApplicationDocument, DocumentRead } from '../../domain/application-document';
import { documentServing } from '../../domain/application-documents';
import { localDateOf } from '../../domain/dates';
import type { Viewer } from '../../domain/viewer';
import { type WorkingDaysLeft, workingCalendar, workingDaysLeft } from './calendar';
import type { ApplicationDeps } from './deps';
import { readDocumentContent } from './documents';
import { getApplication } from './read-applications';

export interface ApplicationForReview {
  readonly application: ApplicationSnapshot;
  readonly documents: readonly ApplicationDocument[];
  readonly documentReads: { readonly items: readonly DocumentRead[]; readonly more: boolean };
  readonly workingDaysLeft?: WorkingDaysLeft;
  readonly reviewActions: readonly ReviewAction[];
  readonly decisions: readonly ('approve' | 'refuse')[];
  /** The document opened in the page: a checked copy served inline (PDF, PNG, JPEG). */
  readonly opened?: { readonly documentId: string; readonly url: string; readonly contentType: string };
}

export async function applicationForReview(
  deps: ApplicationDeps,
  input: { readonly viewer: Viewer; readonly applicationId: string; readonly openDocumentId?: string },
): Promise<ApplicationForReview> {
  const { viewer, applicationId } = input;
  const read = input.openDocumentId
    ? await readDocumentContent(deps, { viewer, applicationId, documentId: input.openDocumentId })
    : undefined;
  const [found, calendar] = await Promise.all([getApplication(deps, { viewer, applicationId }), workingCalendar(deps)]);
  const left = workingDaysLeft(calendar, found.application, localDateOf(deps.clock.now()));
  const entity = Application.rehydrate(found.application);
  const document = read ? found.documents.find((d) => d.id === read.read.documentId) : undefined;
  const serving = document ? documentServing(document) : undefined;
  return {
    application: found.application,
    documents: found.documents,
    documentReads: found.documentReads ?? { items: [], more: false },
    ...(left ? { workingDaysLeft: left } : {}),
    reviewActions: entity.reviewActions,
    decisions: entity.decisions,
    // Only a checked copy is drawn in the page; a refused upload is only ever a download (its link).
    ...(read && serving?.disposition === 'inline'
      ? { opened: { documentId: read.read.documentId, url: read.url, contentType: serving.contentType } }
      : {}),
  };
}
