/**
 * Reading applications: one with its documents and timeline (its enterprise or staff), the enterprise's own list,
 * and the staff list filtered by state, procedure or overdue deadline — every list an indexed Query with a cursor.
 *
 * @example
 * const page = await listApplications(deps, { state: 'accepted', overdue: true });
 */
import type { ApplicationSnapshot, ApplicationState, WorklistSort } from '../../domain/application';
import type { ApplicationDocument, DocumentRead } from '../../domain/application-document';
import { localDateOf } from '../../domain/dates';
import { ForbiddenError } from '../../domain/errors';
import type { Procedure } from '../../domain/procedure';
import type { Viewer } from '../../domain/viewer';
import type { Page } from '../../ports/page';
import type { ApplicationDeps } from './deps';
import { loadVisible } from './documents';

/** How many of the latest document reads the staff's single-application read shows. */
export const DOCUMENT_READS_SHOWN = 50;

/**
 * One application with its documents; for staff also the latest {@link DOCUMENT_READS_SHOWN} document reads (the
 * audit trail of who read which document), newest first, and whether older ones exist.
 *
 * @example
 * const { application, documents, documentReads } = await getApplication(deps, { viewer, applicationId });
 */
export async function getApplication(
  deps: ApplicationDeps,
  input: { viewer: Viewer; applicationId: string },
): Promise<{
  application: ApplicationSnapshot;
  documents: readonly ApplicationDocument[];
  documentReads?: { items: readonly DocumentRead[]; more: boolean };
}> {
  const found = await loadVisible(deps, input.applicationId, input.viewer);
  if (input.viewer.kind !== 'staff') return found;
  return {
    ...found,
    documentReads: await deps.applications.listDocumentReads(input.applicationId, DOCUMENT_READS_SHOWN),
  };
}

export async function listMyApplications(
  deps: ApplicationDeps,
  input: { viewer: Viewer; cursor?: string; limit?: number },
): Promise<Page<ApplicationSnapshot>> {
  if (input.viewer.kind !== 'enterprise')
    throw new ForbiddenError('FORBIDDEN', 'only enterprises have own applications');
  return deps.applications.listByUscc(input.viewer.uscc, {
    ...(input.cursor ? { cursor: input.cursor } : {}),
    ...(input.limit ? { limit: input.limit } : {}),
  });
}

/**
 * The staff list. Without `sort`, as it always was: by state (last changed first), overdue (by due date), or
 * everything (newest first), the procedure narrowing each page read. With `sort` (`deadline` or `received`), the
 * worklist's own index partitions: received applications only (never drafts), each order and filter combination one
 * Query, and `overdue` a deadline range (so it lists by deadline whatever `sort` says).
 *
 * @example
 * await listApplications(deps, { sort: 'deadline', procedure: 'post-issuance-review', limit: 50 });
 */
export async function listApplications(
  deps: ApplicationDeps,
  input: {
    state?: ApplicationState;
    procedure?: Procedure;
    overdue?: boolean;
    sort?: WorklistSort;
    cursor?: string;
    limit?: number;
  },
): Promise<Page<ApplicationSnapshot>> {
  const page = { ...(input.cursor ? { cursor: input.cursor } : {}), ...(input.limit ? { limit: input.limit } : {}) };
  if (input.sort) {
    return deps.applications.worklist(
      {
        sort: input.overdue ? 'deadline' : input.sort,
        ...(input.state ? { state: input.state } : {}),
        ...(input.procedure ? { procedure: input.procedure } : {}),
        ...(input.overdue ? { overdueOn: localDateOf(deps.clock.now()) } : {}),
      },
      page,
    );
  }
  return deps.applications.list(
    {
      ...(input.state ? { state: input.state } : {}),
      ...(input.procedure ? { procedure: input.procedure } : {}),
      ...(input.overdue ? { overdueOn: localDateOf(deps.clock.now()) } : {}),
    },
    page,
  );
}
