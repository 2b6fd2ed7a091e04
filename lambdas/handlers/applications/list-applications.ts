/** GET /v1/applications (staff) — an indexed list with cursors, by state, procedure or overdue deadline. */
import { applicationDeps } from '../../composition/applications';
import { listRoute } from '../../composition/cursors';
import { listApplicationsRoute } from '../../contracts/applications';
import { applicationView } from '../../presenters/application-view';
import { json } from '../../shared/http';
import { listApplications } from '../../use-cases/applications/read-applications';

const deps = applicationDeps();

export const handler = listRoute(listApplicationsRoute, async ({ query }) => {
  const page = await listApplications(deps, { ...query, overdue: query.overdue === 'true' });
  const now = deps.clock.now();
  return json(200, {
    items: page.items.map((a) => applicationView(a, undefined, now)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
