/**
 * 一公开: the public, unauthenticated plan routes — the list, a plan (commitment before the draw, the draw and the
 * checks after), and the draw's record for `npm run verify-draw`. A drawn plan's record never changes, so it may be
 * cached for long; a plan's page changes as results are published.
 *
 * @example
 * // GET /v1/public/supervision/plans/PLAN-…/record → the record (format permit-supervision-draw/1)
 */
import { listRoute } from '../../composition/cursors';
import { supervisionDeps } from '../../composition/supervision';
import { getDrawRecordRoute, getPublicPlanRoute, listPublicPlansRoute } from '../../contracts/supervision';
import { publicPlanView } from '../../presenters/supervision-view';
import { config } from '../../shared/config';
import { httpRoute, json } from '../../shared/http';
import { listPlans, publishedPlan, publishedRecord } from '../../use-cases/supervision/plans';

const deps = supervisionDeps();
const disclosure = config().inspectorDisclosure;

export const list = listRoute(listPublicPlansRoute, async ({ query }) => {
  const page = await listPlans(deps, 'public', query);
  return json(200, {
    items: page.items.map((p) => publicPlanView(p)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});

export const get = httpRoute(getPublicPlanRoute, async ({ params }) => {
  const { plan, checks, names } = await publishedPlan(deps, params.planId, { disclosure });
  return json(200, publicPlanView(plan, checks, names), { 'cache-control': 'public, max-age=60' });
});

export const record = httpRoute(getDrawRecordRoute, async ({ params }) =>
  json(200, await publishedRecord(deps, params.planId), { 'cache-control': 'public, max-age=86400, immutable' }),
);
