/**
 * applicationOverview — one application as its enterprise follows it: the application and its documents
 * (`getApplication`, which refuses another enterprise's application exactly like a missing one), the working days
 * left before its deadline on today's date (the stored working-day calendar, on the injected clock), and the parcels
 * of the licence it produced. While the enterprise may still change its documents, and when asked (`plainUploads`),
 * an undeclared upload grant per required document for the page's plain forms (`undeclaredUploadGrant`: nothing is
 * written until a file comes back).
 *
 * @example
 * const { application, documents, workingDaysLeft, dispatches } = await applicationOverview(deps, { viewer, applicationId });
 */
import type { ApplicationSnapshot } from '../../domain/application';
import { FINAL_APPLICATION_STATES } from '../../domain/application';
import type { ApplicationDocument } from '../../domain/application-document';
import { type DocumentType, requiredDocuments } from '../../domain/application-documents';
import { localDateOf } from '../../domain/dates';
import type { Dispatch } from '../../domain/dispatch';
import type { Viewer } from '../../domain/viewer';
import type { PresignedUpload } from '../../ports/document-store';
import { workingDaysLeft as daysLeft, workingCalendar } from '../applications/calendar';
import type { ApplicationDeps } from '../applications/deps';
import { undeclaredUploadGrant } from '../applications/documents';
import { getApplication } from '../applications/read-applications';
import { type DispatchListDeps, listMyDispatches } from '../dispatch/list-dispatches';

export type ApplicationOverviewDeps = ApplicationDeps & { readonly dispatchLists: DispatchListDeps };

export interface ApplicationOverview {
  readonly application: ApplicationSnapshot;
  readonly documents: readonly ApplicationDocument[];
  /** Working days from today to the deadline (0 on or after it); only while the application is open. */
  readonly workingDaysLeft?: { readonly count: number; readonly provisional: boolean; readonly overdue: boolean };
  /** Parcels of the licence this application produced. */
  readonly dispatches: readonly Dispatch[];
  /** Undeclared upload grants by document type (asked for, and the application still editable by its enterprise). */
  readonly plainUploads?: Partial<
    Record<DocumentType, { readonly documentId: string; readonly upload: PresignedUpload }>
  >;
}

/** Where the browser goes back to after a plain form's upload of one document. */
export type PlainUploadRedirect = (documentId: string, type: DocumentType) => string;

export async function applicationOverview(
  deps: ApplicationOverviewDeps,
  input: { readonly viewer: Viewer; readonly applicationId: string; readonly plainUploads?: PlainUploadRedirect },
): Promise<ApplicationOverview> {
  const { application, documents } = await getApplication(deps, input);
  const today = localDateOf(deps.clock.now());
  const workingDaysLeft =
    application.deadline && !FINAL_APPLICATION_STATES.includes(application.state)
      ? daysLeft(await workingCalendar(deps), application, today)
      : undefined;
  let dispatches: readonly Dispatch[] = [];
  const outcome = application.outcome;
  if (outcome && input.viewer.kind === 'enterprise') {
    const mine = await listMyDispatches(deps.dispatchLists, { viewer: input.viewer, limit: 50 });
    dispatches = mine.items.filter((d) => d.licenceNo.equals(outcome.licenceNo));
  }
  let plainUploads: ApplicationOverview['plainUploads'];
  const redirect = input.plainUploads;
  if (
    redirect &&
    input.viewer.kind === 'enterprise' &&
    ['draft', 'corrections-requested'].includes(application.state)
  ) {
    const types = requiredDocuments(application.kind);
    const grants = await Promise.all(
      types.map((type) => undeclaredUploadGrant(deps, application, (id) => redirect(id, type))),
    );
    plainUploads = Object.fromEntries(types.map((type, i) => [type, grants[i]]));
  }
  return {
    application,
    documents,
    ...(workingDaysLeft ? { workingDaysLeft } : {}),
    dispatches,
    ...(plainUploads ? { plainUploads } : {}),
  };
}
