/**
 * certificateDossier — one licence as the authority's staff see it (许可证档案): the certificate and its current
 * version and the parcels of its paper copies (`licenceOverview`), with a page of its audit trail (`listAudit`, newest
 * first). Staff only: the audit trail is never an enterprise's to read, so any other viewer is answered as for a
 * licence that does not exist.
 *
 * @example
 * const { head, version, dispatches, audit } = await certificateDossier(deps, { licenceNo, viewer, limit: 50 });
 */
import type { AuditEvent } from '../domain/audit-event';
import { NotFoundError } from '../domain/errors';
import type { LicenceNumber } from '../domain/licence-number';
import type { Viewer } from '../domain/viewer';
import type { Page, PageRequest } from '../ports/page';
import { type LicenceOverviewDeps, licenceOverview } from './enterprise-service/licence-overview';
import { listAudit } from './read-certificates';

export type DossierDeps = LicenceOverviewDeps;

export async function certificateDossier(
  deps: DossierDeps,
  input: { readonly licenceNo: LicenceNumber; readonly viewer: Viewer } & PageRequest,
): Promise<Awaited<ReturnType<typeof licenceOverview>> & { audit: Page<AuditEvent> }> {
  if (input.viewer.kind !== 'staff') {
    throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${input.licenceNo}`);
  }
  const overview = await licenceOverview(deps, input);
  const audit = await listAudit(deps, {
    licenceNo: input.licenceNo,
    ...(input.limit ? { limit: input.limit } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { ...overview, audit };
}
