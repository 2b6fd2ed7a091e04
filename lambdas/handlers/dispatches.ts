/**
 * The `dispatches` function: the enterprise's parcels, staff lists by state and month, and one certificate's parcels.
 * Every list is a Query on an index (gsi2 by enterprise, gsi3 by state and month).
 *
 * @example
 * // GET /v1/dispatches?state=delivered&month=2026-11 → the month's delivered parcels (postage statement)
 */
import { listRoute } from '../composition/cursors';
import { dispatchDeps } from '../composition/dispatch';
import { certificateRepository } from '../composition/storage';
import { listCertificateDispatchesRoute, listDispatchesRoute, listMyDispatchesRoute } from '../contracts/dispatches';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import { LicenceNumber } from '../domain/licence-number';
import { dispatchPage } from '../presenters/dispatch-view';
import { json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { router } from '../shared/router';

const mine = listRoute(listMyDispatchesRoute, async ({ query, identity }) => {
  const viewer = viewerOf(identity);
  if (viewer.kind !== 'enterprise') throw new ForbiddenError('FORBIDDEN', 'only enterprises have their own parcels');
  return json(200, dispatchPage(await dispatchDeps().repository.listByEnterprise(viewer.uscc, query)));
});

const byStateAndMonth = listRoute(listDispatchesRoute, async ({ query }) => {
  const { state, month, ...page } = query;
  return json(200, dispatchPage(await dispatchDeps().repository.listByStateAndMonth(state, month, page)));
});

const ofCertificate = listRoute(listCertificateDispatchesRoute, async ({ params, query, identity }) => {
  const viewer = viewerOf(identity);
  const licenceNo = LicenceNumber.parse(params.licenceNo, 'path.licenceNo').toString();
  const head = await certificateRepository().get(licenceNo);
  const uscc = head?.certificate.enterprise.uscc;
  // Another enterprise's certificate answers like a missing one: no probing whose licence exists.
  if (!uscc || (viewer.kind === 'enterprise' && viewer.uscc !== uscc)) {
    throw new NotFoundError('CERTIFICATE_NOT_FOUND', `no certificate ${params.licenceNo}`);
  }
  const page = await dispatchDeps().repository.listByEnterprise(uscc, query);
  return json(200, dispatchPage({ ...page, items: page.items.filter((d) => d.licenceNo === licenceNo) }));
});

export const handler = router([mine, byStateAndMonth, ofCertificate]);
