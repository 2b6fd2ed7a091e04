/** GET /v1/applications (staff) and GET /v1/me/applications (enterprise) — indexed lists with cursors. */
import { applicationDeps } from '../../composition/applications';
import { listRoute } from '../../composition/cursors';
import { listApplicationsRoute, listMyApplicationsRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { listApplications, listMyApplications } from '../../use-cases/applications/read-applications';

const deps = applicationDeps();

export const listHandler = listRoute(listApplicationsRoute, async ({ query }) => {
  const page = await listApplications(deps, { ...query, overdue: query.overdue === 'true' });
  const now = deps.clock.now();
  return json(200, {
    items: page.items.map((a) => applicationView(a, undefined, now)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});

export const listMineHandler = listRoute(listMyApplicationsRoute, async ({ query, identity }) => {
  const page = await listMyApplications(deps, { viewer: viewerOf(identity), ...query });
  const now = deps.clock.now();
  return json(200, {
    items: page.items.map((a) => applicationView(a, undefined, now)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
