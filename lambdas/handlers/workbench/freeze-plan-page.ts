/**
 * GET /console/workbench/plans/{planId}/freeze — the "are you sure" step before freezing (officer): it names the plan
 * and says the lists will be fixed and the commitment published. Also drawn again by the POST with its refusal.
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { consoleWorkbenchFreezePlanPageRoute } from '../../contracts/console-workbench-plans';
import type { PermitError } from '../../domain/errors';
import type { ConsoleContext } from '../../presenters/console/context';
import { freezeConfirmBody } from '../../presenters/console/workbench-plans';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { getPlan } from '../../use-cases/supervision/plans';
import { orNotFound } from '../console/page-support';

/**
 * The page; with a refusal, its meaning above the button (409 for the plan's state, 422 for the lists).
 *
 * @example
 * await freezeConfirmPage(deps, ctx, planId);
 */
export function freezeConfirmPage(
  deps: Pick<SupervisionDeps, 'plans'>,
  ctx: ConsoleContext,
  planId: string,
  refusal?: PermitError,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const plan = await getPlan(deps, planId);
    return {
      kind: 'page',
      ...(refusal
        ? { status: refusal.kind === 'conflict' ? 409 : 422, returnPath: `/console/workbench/plans/${plan.id}/freeze` }
        : {}),
      title: { zh: '确认冻结抽查计划', en: 'Confirm: freeze the plan' },
      body: freezeConfirmBody({ plan, errors: refusal ? { '': [refusal.code] } : {} }, ctx).toString(),
    };
  });
}

const deps = supervisionDeps();

export const handler = consoleRoute(consoleWorkbenchFreezePlanPageRoute, ({ params, ctx }) =>
  freezeConfirmPage(deps, ctx, params.planId),
);
