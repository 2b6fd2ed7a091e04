/** GET /v1/me/applications (enterprise) — the calling enterprise's applications, with cursors. */
import { applicationDeps } from '../../composition/applications';
import { listRoute } from '../../composition/cursors';
import { listMyApplicationsRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { listMyApplications } from '../../use-cases/applications/read-applications';

const deps = applicationDeps();

export const handler = listRoute(listMyApplicationsRoute, async ({ query, identity }) => {
  const page = await listMyApplications(deps, { viewer: viewerOf(identity), ...query });
  const now = deps.clock.now();
  return json(200, {
    items: page.items.map((a) => applicationView(a, undefined, now)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
