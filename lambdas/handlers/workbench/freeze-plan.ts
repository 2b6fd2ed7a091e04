/**
 * POST /console/workbench/plans/{planId}/freeze — the confirmed freeze (officer) through the API's `freezePlan` use
 * case, then the plan's page (post/redirect/get). A refusal — already frozen (409), lists that cannot satisfy the
 * plan (422) — is the "are you sure" page again with the code's meaning; nothing was frozen.
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { consoleWorkbenchFreezePlanRoute } from '../../contracts/console-workbench-plans';
import { PermitError } from '../../domain/errors';
import { actorOf } from '../../domain/viewer';
import { planHref } from '../../presenters/console/workbench-plans';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { freezePlan } from '../../use-cases/supervision/plans';
import { orNotFound } from '../console/page-support';
import { freezeConfirmPage } from './freeze-plan-page';

/**
 * @example
 * await freezePlanPage(supervisionDeps(), request); // { kind: 'redirect', to: '/console/workbench/plans/PLAN-…?done=freeze' }
 */
export async function freezePlanPage(
  deps: SupervisionDeps,
  { params, viewer, ctx }: ConsoleRequest<typeof consoleWorkbenchFreezePlanRoute>,
): Promise<ConsoleResult> {
  try {
    await freezePlan(deps, { planId: params.planId, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `${planHref(params.planId)}?done=freeze` };
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    if (error.kind === 'not-found') return orNotFound(ctx, () => Promise.reject(error));
    return freezeConfirmPage(deps, ctx, params.planId, error);
  }
}

const deps = supervisionDeps();

export const handler = consoleRoute(consoleWorkbenchFreezePlanRoute, (r) => freezePlanPage(deps, r));
