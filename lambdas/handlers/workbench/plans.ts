/**
 * GET /console/workbench/plans — 双随机抽查: spot-check plans newest first through the API's `listPlans` use case
 * (staff visibility: drafts included), 50 a page with sealed cursors; an officer gets the create link.
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { consoleWorkbenchPlansRoute } from '../../contracts/console-workbench-plans';
import { plansBody } from '../../presenters/console/workbench-plans';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { listPlans } from '../../use-cases/supervision/plans';

/** The section's title. */
export const PLANS_TITLE = { zh: '双随机抽查', en: 'Random spot checks' } as const;

/**
 * The page.
 *
 * @example
 * await plansPage(supervisionDeps(), request); // { kind: 'page', title: PLANS_TITLE, body }
 */
export async function plansPage(
  deps: Pick<SupervisionDeps, 'plans'>,
  { query, roles, ctx, nextPage }: ConsoleRequest<typeof consoleWorkbenchPlansRoute>,
): Promise<ConsoleResult> {
  const page = await listPlans(deps, 'staff', {
    limit: WORKBENCH_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const next = await nextPage(page.cursor);
  const body = plansBody({ items: page.items, ...(next ? { next } : {}), canCreate: roles.includes('officer') }, ctx);
  return { kind: 'page', title: PLANS_TITLE, body: body.toString() };
}

const deps = supervisionDeps();

export const handler = consoleRoute(consoleWorkbenchPlansRoute, (r) => plansPage(deps, r));
