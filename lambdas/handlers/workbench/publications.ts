/**
 * GET /console/workbench/inspections/publications — 结果公示: spot-check results not yet public, by publication due
 * date, through the API's `listPublications` use case — all pending, or only those past their 20 working days
 * (overdue, flagged by icon and words) — 50 a page with sealed cursors.
 */
import { type InspectionDeps, inspectionDeps } from '../../composition/applications';
import { WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { consoleWorkbenchPublicationsRoute } from '../../contracts/console-workbench-plans';
import { localDateOf } from '../../domain/dates';
import { publicationsBody } from '../../presenters/console/workbench-plans';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { listPublications } from '../../use-cases/applications/spot-check-publications';
import { checkRow } from './plan';

/**
 * The page.
 *
 * @example
 * await publicationsPage(inspectionDeps(), request); // { kind: 'page', title: { zh: '结果公示', … }, body }
 */
export async function publicationsPage(
  deps: Pick<InspectionDeps, 'inspections' | 'clock'>,
  { query, ctx, nextPage }: ConsoleRequest<typeof consoleWorkbenchPublicationsRoute>,
): Promise<ConsoleResult> {
  const page = await listPublications(deps, {
    state: query.state,
    limit: WORKBENCH_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const today = localDateOf(deps.clock.now());
  const next = await nextPage(page.cursor);
  const body = publicationsBody(
    {
      state: query.state,
      items: page.items.map((i) => ({ ...checkRow(i, today), plan: i.plan })),
      ...(next ? { next } : {}),
    },
    ctx,
  );
  return { kind: 'page', title: { zh: '抽查结果公示', en: 'Spot-check results to publish' }, body: body.toString() };
}

const deps = inspectionDeps();

export const handler = consoleRoute(consoleWorkbenchPublicationsRoute, (r) => publicationsPage(deps, r));
