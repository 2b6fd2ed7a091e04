/** GET /v1/dispatches?state=&month= — staff: one state's parcels of one month, the postage statement (gsi3). */
import { listRoute } from '../composition/cursors';
import { dispatchListDeps } from '../composition/dispatch-lists';
import { listDispatchesRoute } from '../contracts/dispatches';
import { dispatchPage } from '../presenters/dispatch-view';
import { json } from '../shared/http';
import { listDispatchesByStateAndMonth } from '../use-cases/dispatch/list-dispatches';

const deps = dispatchListDeps();

export const handler = listRoute(listDispatchesRoute, async ({ query }) =>
  json(200, dispatchPage(await listDispatchesByStateAndMonth(deps, query))),
);
