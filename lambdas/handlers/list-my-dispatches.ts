/** GET /v1/me/dispatches — the calling enterprise's parcels, newest first (a Query on gsi2). */
import { listRoute } from '../composition/cursors';
import { dispatchListDeps } from '../composition/dispatch-lists';
import { listMyDispatchesRoute } from '../contracts/dispatches';
import { dispatchPage } from '../presenters/dispatch-view';
import { json } from '../shared/http';
import { viewerOf } from '../shared/identity';
import { listMyDispatches } from '../use-cases/dispatch/list-dispatches';

const deps = dispatchListDeps();

export const handler = listRoute(listMyDispatchesRoute, async ({ query, identity }) =>
  json(200, dispatchPage(await listMyDispatches(deps, { viewer: viewerOf(identity), ...query }))),
);
