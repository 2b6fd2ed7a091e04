/**
 * The plan routes (抽查计划): create, list, read, freeze, draw. Each calls one use case of
 * `use-cases/supervision/plans.ts`.
 *
 * @example
 * // POST /v1/supervision/plans/PLAN-…/draw { "entropyValue": "0309141922270611" } → 200, the drawn plan
 */
import { listRoute } from '../../composition/cursors';
import { supervisionDeps } from '../../composition/supervision';
import {
  createPlanRoute,
  drawPlanRoute,
  freezePlanRoute,
  getPlanRoute,
  listPlansRoute,
} from '../../contracts/supervision';
import { actorOf } from '../../domain/viewer';
import { planView } from '../../presenters/supervision-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { createPlan, drawSupervisionPlan, freezePlan, getPlan, listPlans } from '../../use-cases/supervision/plans';

const deps = supervisionDeps();

export const create = httpRoute(createPlanRoute, async ({ body, identity }) => {
  const { sample, inspectorsPerCheck, excludeOwnDistrict, ...rest } = body;
  const draft = { ...rest, rules: { sample, inspectorsPerCheck, excludeOwnDistrict } };
  return json(201, planView(await createPlan(deps, { draft, actor: actorOf(viewerOf(identity)) })));
});

export const list = listRoute(listPlansRoute, async ({ query }) => {
  const page = await listPlans(deps, 'staff', query);
  return json(200, { items: page.items.map(planView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});

export const get = httpRoute(getPlanRoute, async ({ params }) =>
  json(200, planView(await getPlan(deps, params.planId))),
);

export const freeze = httpRoute(freezePlanRoute, async ({ params, identity }) =>
  json(200, planView(await freezePlan(deps, { planId: params.planId, actor: actorOf(viewerOf(identity)) }))),
);

export const draw = httpRoute(drawPlanRoute, async ({ params, body, identity }) => {
  const { plan } = await drawSupervisionPlan(deps, {
    planId: params.planId,
    entropyValue: body.entropyValue,
    actor: actorOf(viewerOf(identity)),
  });
  return json(200, planView(plan));
});
