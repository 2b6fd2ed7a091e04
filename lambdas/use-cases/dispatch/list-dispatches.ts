/**
 * Reading parcels: the enterprise's own, a certificate's (its holder or staff), and staff lists by state and month
 * (the postage statement). Every list is one Query on an index. Another enterprise's certificate answers exactly like
 * a missing one.
 *
 * @example
 * const page = await listDispatchesByStateAndMonth(deps, { state: 'delivered', month: '2026-11', limit: 25 });
 */
import type { Dispatch, DispatchState } from '../../domain/dispatch';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { LicenceNumber } from '../../domain/licence-number';
import type { Viewer } from '../../domain/viewer';
import type { CertificateRepository } from '../../ports/certificate-repository';
import type { DispatchRepository } from '../../ports/dispatch-repository';
import type { Page, PageRequest } from '../../ports/page';

export interface DispatchListDeps {
  readonly dispatches: Pick<DispatchRepository, 'listByEnterprise' | 'listByStateAndMonth'>;
  readonly certificates: Pick<CertificateRepository, 'get'>;
}

/**
 * The calling enterprise's parcels, newest first. Staff have no parcels of their own: 403.
 *
 * @example
 * await listMyDispatches(deps, { viewer, limit: 25 });
 */
export function listMyDispatches(
  deps: DispatchListDeps,
  input: { readonly viewer: Viewer } & PageRequest,
): Promise<Page<Dispatch>> {
  const { viewer, ...page } = input;
  if (viewer.kind !== 'enterprise') throw new ForbiddenError('FORBIDDEN', 'only enterprises have their own parcels');
  return deps.dispatches.listByEnterprise(viewer.uscc, page);
}

/**
 * One state's parcels requested in one month (Asia/Shanghai), newest first (staff).
 *
 * @example
 * await listDispatchesByStateAndMonth(deps, { state: 'delivered', month: '2026-11' });
 */
export function listDispatchesByStateAndMonth(
  deps: DispatchListDeps,
  input: { readonly state: DispatchState; readonly month: string } & PageRequest,
): Promise<Page<Dispatch>> {
  const { state, month, ...page } = input;
  return deps.dispatches.listByStateAndMonth(state, month, page);
}

/**
 * The parcels of one certificate: its holder's parcels (one Query), those of this licence kept.
 *
 * @example
 * await listCertificateDispatches(deps, { licenceNo, viewer });
 */
export async function listCertificateDispatches(
  deps: DispatchListDeps,
  input: { readonly licenceNo: LicenceNumber; readonly viewer: Viewer } & PageRequest,
): Promise<Page<Dispatch>> {
  const { licenceNo, viewer, ...page } = input;
  const head = await deps.certificates.get(licenceNo);
  const uscc = head?.certificate.enterprise.uscc;
  // Another enterprise's certificate answers like a missing one: no probing whose licence exists.
  if (!uscc || (viewer.kind === 'enterprise' && viewer.uscc !== uscc)) {
    throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${licenceNo}`);
  }
  const found = await deps.dispatches.listByEnterprise(uscc, page);
  return { ...found, items: found.items.filter((d) => d.licenceNo.equals(licenceNo)) };
}
