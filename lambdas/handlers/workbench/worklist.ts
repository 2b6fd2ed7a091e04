/**
 * GET /console/workbench/applications — 待办申请: the worklist through the API's list use case (`worklist`, the same
 * index partitions as `GET /v1/applications?sort=…`), 50 rows a page, the next page's cursor sealed by the API's
 * cursor guard and bound to this page, its filters and the signed-in person.
 */

import { applicationDeps } from '../../composition/applications';
import { cursorGuard } from '../../composition/cursors';
import { consoleWorklistRoute } from '../../contracts/console-workbench';
import { receivedAtOf } from '../../domain/application';
import { type WorklistRowModel, worklistBody } from '../../presenters/console/workbench-applications';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { cursorBinding } from '../../shared/cursors/guard';
import { type WorklistRow, worklist } from '../../use-cases/applications/worklist';

type Deps = Parameters<typeof worklist>[0];

const PATH = consoleWorklistRoute.path;

/** The row as the page draws it. */
const rowOf = ({ application: a, workingDaysLeft }: WorklistRow): WorklistRowModel => ({
  id: a.id,
  enterpriseName: a.enterpriseName,
  kind: a.kind,
  procedure: a.procedure,
  state: a.state,
  receivedAt: receivedAtOf(a),
  ...(a.deadline && workingDaysLeft ? { dueOn: a.deadline.dueOn, left: workingDaysLeft } : {}),
});

/**
 * The page: filters from the query, the cursor opened and the next one sealed for the same filters and person.
 *
 * @example
 * await worklistPage(applicationDeps(), request);
 */
export async function worklistPage(
  deps: Deps,
  {
    viewer,
    query,
    roles,
    ctx,
  }: Pick<ConsoleRequest<typeof consoleWorklistRoute>, 'viewer' | 'query' | 'roles' | 'ctx'>,
): Promise<ConsoleResult> {
  const { cursor: sealed, ...filters } = query;
  const guard = cursorGuard();
  const binding = cursorBinding(consoleWorklistRoute, {
    params: {},
    query: filters,
    identity: { subject: viewer.id, roles },
  });
  const cursor = sealed ? await guard.open(sealed, binding) : undefined;
  const page = await worklist(deps, { ...filters, overdue: filters.overdue === 'true', ...(cursor ? { cursor } : {}) });
  let next: string | undefined;
  if (page.cursor) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
    params.set('cursor', await guard.seal(page.cursor, binding));
    next = `${PATH}?${params}`;
  }
  const body = worklistBody(
    {
      rows: page.items.map(rowOf),
      filters: {
        ...(filters.state ? { state: filters.state } : {}),
        ...(filters.procedure ? { procedure: filters.procedure } : {}),
        ...(filters.sort ? { sort: filters.sort } : {}),
        overdue: filters.overdue === 'true',
      },
      ...(next ? { next } : {}),
    },
    ctx,
  );
  return { kind: 'page', title: { zh: '待办申请', en: 'Worklist' }, body: body.toString() };
}

const deps = applicationDeps();

export const handler = consoleRoute(consoleWorklistRoute, (r) => worklistPage(deps, r));
