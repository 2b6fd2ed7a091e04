/**
 * licenceOverview — one licence as its holder sees it on the console: the certificate and its current version
 * (`getCertificate`) with the parcels of its paper copies (`listCertificateDispatches`). Both reads refuse another
 * enterprise's licence exactly like one that does not exist (`CERTIFICATE_NOT_FOUND`, 404).
 *
 * @example
 * const { head, version, dispatches } = await licenceOverview(deps, { licenceNo, viewer });
 */
import type { Dispatch } from '../../domain/dispatch';
import type { IssuedVersion } from '../../domain/issued-version';
import type { LicenceNumber } from '../../domain/licence-number';
import type { Viewer } from '../../domain/viewer';
import type { CertificateHead } from '../../ports/certificate-repository';
import { type DispatchListDeps, listCertificateDispatches } from '../dispatch/list-dispatches';
import { getCertificate, type ReadDeps } from '../read-certificates';

export type LicenceOverviewDeps = ReadDeps & DispatchListDeps;

export async function licenceOverview(
  deps: LicenceOverviewDeps,
  input: { readonly licenceNo: LicenceNumber; readonly viewer: Viewer },
): Promise<{ head: CertificateHead; version: IssuedVersion; dispatches: readonly Dispatch[] }> {
  const { head, version } = await getCertificate(deps, input);
  const parcels = await listCertificateDispatches(deps, { ...input, limit: 50 });
  return { head, version, dispatches: parcels.items };
}
