/**
 * GET /console/workbench/plans/new — the create form (officer), also drawn again by the POST with its refusals (422).
 */
import { consoleWorkbenchPlanFormRoute } from '../../contracts/console-workbench-plans';
import type { ConsoleContext } from '../../presenters/console/context';
import type { FormErrors } from '../../presenters/console/workbench-inspections';
import { PLAN_FORM_DEFAULTS, type PlanFormValues, planFormBody } from '../../presenters/console/workbench-plans';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';

/**
 * The form, fresh or with what was typed and its errors.
 *
 * @example
 * planFormPage(ctx); // the fresh form
 * planFormPage(ctx, values, { windowTo: ['INVALID_FIELDS'] }); // 422, the reasons beside the fields
 */
export function planFormPage(ctx: ConsoleContext, values?: PlanFormValues, errors?: FormErrors): ConsoleResult {
  return {
    kind: 'page',
    ...(errors ? { status: 422, returnPath: '/console/workbench/plans/new' } : {}),
    title: { zh: '新建抽查计划', en: 'New spot-check plan' },
    body: planFormBody({ values: values ?? PLAN_FORM_DEFAULTS, errors: errors ?? {} }, ctx).toString(),
  };
}

export const handler = consoleRoute(consoleWorkbenchPlanFormRoute, async ({ ctx }) => planFormPage(ctx));
