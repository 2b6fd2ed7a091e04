/**
 * POST /console/workbench/plans/{planId}/draw — the confirmed draw (officer) through the API's `drawSupervisionPlan`
 * use case: the secret revealed, the enterprises and teams drawn, one check scheduled per drawn enterprise; then the
 * plan's page (post/redirect/get). The same draw again completes one that stopped half-way (the use case's
 * idempotency); any other refusal is the plan's page with the draw form and the code's meaning.
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { consoleWorkbenchDrawPlanRoute } from '../../contracts/console-workbench-plans';
import { PermitError } from '../../domain/errors';
import { actorOf } from '../../domain/viewer';
import { planHref } from '../../presenters/console/workbench-plans';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { drawSupervisionPlan } from '../../use-cases/supervision/plans';
import { drawRefusedPage } from './draw-review';

/**
 * @example
 * await drawPlanPage(supervisionDeps(), request); // { kind: 'redirect', to: '/console/workbench/plans/PLAN-…?done=draw' }
 */
export async function drawPlanPage(
  deps: SupervisionDeps,
  { params, form, viewer, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchDrawPlanRoute>,
): Promise<ConsoleResult> {
  const typed = form.entropyValue ?? '';
  try {
    await drawSupervisionPlan(deps, { planId: params.planId, entropyValue: typed, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `${planHref(params.planId)}?done=draw` };
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    return drawRefusedPage(deps, { planId: params.planId, roles, ctx, entropyValue: typed, error });
  }
}

const deps = supervisionDeps();

export const handler = consoleRoute(consoleWorkbenchDrawPlanRoute, (r) => drawPlanPage(deps, r));
