/**
 * GET /console/workbench/plans/{planId} — one spot-check plan (the API's `getSupervisionPlan`): particulars, the
 * commitment once frozen, the draw once drawn, and its checks in the order drawn (`inspections.listByPlan`, 50 a
 * page) with state, team codes, result and publication — overdue publication flagged by icon and words. An officer
 * gets the next step: the freeze link on a draft, the draw form on a frozen plan (drawn again here with its refusal).
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { consoleWorkbenchPlanRoute } from '../../contracts/console-workbench-plans';
import type { Role } from '../../contracts/route';
import { localDateOf } from '../../domain/dates';
import type { InspectionSnapshot } from '../../domain/inspection';
import type { ConsoleContext } from '../../presenters/console/context';
import type { FormErrors } from '../../presenters/console/workbench-inspections';
import { type CheckRow, planDetailBody } from '../../presenters/console/workbench-plans';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { getPlan } from '../../use-cases/supervision/plans';
import { orNotFound } from '../console/page-support';

/**
 * A drawn check as the plan's page lists it: the latest result, and where its publication stands today.
 *
 * @example
 * checkRow(inspection, '2026-12-16'); // { position: 1, publication: { kind: 'pending', dueBy, overdue: false }, … }
 */
export function checkRow(i: InspectionSnapshot, today: string): CheckRow {
  const result = i.history.findLast((h) => h.result !== undefined)?.result;
  const p = i.publication;
  return {
    id: i.id,
    position: Number(i.id.slice(-5)),
    enterpriseName: i.enterpriseName,
    uscc: i.uscc,
    licenceNo: i.licenceNo.toString(),
    team: [...(i.team ?? [])],
    state: i.state,
    ...(result ? { outcome: result.outcome } : {}),
    publication: !p
      ? { kind: 'none' }
      : p.publishedAt
        ? { kind: 'published', at: p.publishedAt }
        : {
            kind: 'pending',
            dueBy: p.dueBy,
            overdue: p.dueBy < today,
            ...(p.provisional ? { provisional: true } : {}),
          },
  };
}

/**
 * The plan's page; with `entropyValue` and `errors`, the draw form drawn again with its refusal (`status`).
 *
 * @example
 * await planPage(deps, { planId, roles: ['officer'], ctx, nextPage: async () => undefined });
 */
export async function planPage(
  deps: Pick<SupervisionDeps, 'plans' | 'inspections' | 'clock'>,
  input: {
    readonly planId: string;
    readonly roles: readonly Role[];
    readonly ctx: ConsoleContext;
    readonly cursor?: string;
    readonly nextPage?: (position: string | undefined) => Promise<string | undefined>;
    readonly done?: 'create' | 'freeze' | 'draw';
    readonly entropyValue?: string;
    readonly errors?: FormErrors;
    readonly status?: number;
  },
): Promise<ConsoleResult> {
  return orNotFound(input.ctx, async () => {
    const plan = await getPlan(deps, input.planId);
    const today = localDateOf(deps.clock.now());
    const checks =
      plan.state === 'drawn'
        ? await deps.inspections.listByPlan(plan.id, {
            limit: WORKBENCH_PAGE_SIZE,
            ...(input.cursor ? { cursor: input.cursor } : {}),
          })
        : { items: [] as InspectionSnapshot[] };
    const next = input.nextPage ? await input.nextPage(checks.cursor) : undefined;
    const body = planDetailBody(
      {
        plan,
        checks: checks.items.map((i) => checkRow(i, today)),
        ...(next ? { next } : {}),
        canAct: input.roles.includes('officer'),
        ...(input.done ? { done: input.done } : {}),
        drawableToday: today >= plan.entropy.date,
        ...(input.entropyValue !== undefined ? { entropyValue: input.entropyValue } : {}),
        errors: input.errors ?? {},
      },
      input.ctx,
    );
    return {
      kind: 'page',
      ...(input.status ? { status: input.status, returnPath: `/console/workbench/plans/${plan.id}` } : {}),
      title: { zh: `抽查计划：${plan.name}`, en: `Spot-check plan: ${plan.name}` },
      body: body.toString(),
    };
  });
}

const deps = supervisionDeps();

export const handler = consoleRoute(
  consoleWorkbenchPlanRoute,
  ({ params, query, roles, ctx, nextPage }) =>
    planPage(deps, {
      planId: params.planId,
      roles,
      ctx,
      nextPage,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.done ? { done: query.done } : {}),
    }),
  { displayOnly: ['done'] },
);
