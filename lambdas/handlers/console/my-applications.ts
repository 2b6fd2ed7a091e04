/** GET /console/applications — 我的申请: the enterprise's applications, newest first. */
import { applicationDeps } from '../../composition/applications';
import { consoleMyApplicationsRoute } from '../../contracts/console-enterprise';
import { applicationsListBody } from '../../presenters/console/applications';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { listMyApplications } from '../../use-cases/applications/read-applications';

/**
 * The page, through the API's own list use case.
 *
 * @example
 * await myApplicationsPage(applicationDeps(), request);
 */
export async function myApplicationsPage(
  deps: ApplicationDeps,
  { viewer, query, ctx, nextPage }: ConsoleRequest<typeof consoleMyApplicationsRoute>,
): Promise<ConsoleResult> {
  const page = await listMyApplications(deps, { viewer, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const next = await nextPage(page.cursor);
  const body = applicationsListBody(
    {
      items: page.items.map((a) => ({
        id: a.id,
        kind: a.kind,
        state: a.state,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      })),
      ...(next ? { next } : {}),
    },
    ctx,
  );
  return { kind: 'page', title: { zh: '我的申请', en: 'My applications' }, body: body.toString() };
}

type ApplicationDeps = Parameters<typeof listMyApplications>[0];

const deps = applicationDeps();

export const handler = consoleRoute(consoleMyApplicationsRoute, (r) => myApplicationsPage(deps, r));
