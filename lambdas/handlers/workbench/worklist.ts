/**
 * GET /console/workbench/applications — 待办申请: the worklist through the API's list use case (`worklist`, the same
 * index partitions as `GET /v1/applications?sort=…`), 50 rows a page, the next page's cursor sealed by the API's
 * cursor guard and bound to this page, its filters and the signed-in person.
 */

import { applicationDeps } from '../../composition/applications';
import { consoleWorklistRoute } from '../../contracts/console-workbench';
import { receivedAtOf } from '../../domain/application';
import { type WorklistRowModel, worklistBody } from '../../presenters/console/workbench-applications';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type WorklistRow, worklist } from '../../use-cases/applications/worklist';

type Deps = Parameters<typeof worklist>[0];

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
 * The page: filters from the query (the pipeline opened the cursor and seals the next page's).
 *
 * @example
 * await worklistPage(applicationDeps(), request);
 */
export async function worklistPage(
  deps: Deps,
  { query, nextPage, ctx }: Pick<ConsoleRequest<typeof consoleWorklistRoute>, 'query' | 'nextPage' | 'ctx'>,
): Promise<ConsoleResult> {
  const { cursor, ...filters } = query;
  const page = await worklist(deps, { ...filters, overdue: filters.overdue === 'true', ...(cursor ? { cursor } : {}) });
  const next = await nextPage(page.cursor);
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
