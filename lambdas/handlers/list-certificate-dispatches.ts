/** GET /v1/certificates/{licenceNo}/dispatches — one certificate's parcels (its enterprise or staff). */
import { listRoute } from '../composition/cursors';
import { dispatchListDeps } from '../composition/dispatch-lists';
import { listCertificateDispatchesRoute } from '../contracts/dispatches';
import { dispatchPage } from '../presenters/dispatch-view';
import { json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { listCertificateDispatches } from '../use-cases/dispatch/list-dispatches';

const deps = dispatchListDeps();

export const handler = listRoute(listCertificateDispatchesRoute, async ({ params, query, identity }) =>
  json(
    200,
    dispatchPage(
      await listCertificateDispatches(deps, {
        licenceNo: params.licenceNo,
        viewer: viewerOf(identity),
        ...query,
      }),
    ),
  ),
);
