/**
 * GET /console/workbench/inspectors/new — the register form (admin), also drawn again by the POST with its refusals
 * (422, or 409 for an id registered already).
 */
import { consoleWorkbenchInspectorFormRoute } from '../../contracts/console-workbench-inspectors';
import type { ConsoleContext } from '../../presenters/console/context';
import type { FormErrors } from '../../presenters/console/workbench-inspections';
import {
  type CategoryChoice,
  type InspectorFormValues,
  inspectorFormBody,
} from '../../presenters/console/workbench-inspectors';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { inspectorPagesDeps } from './inspectors';

/**
 * The form, fresh or with what was typed, its errors and the refusal's status.
 *
 * @example
 * inspectorFormPage(ctx, categories); // the fresh form
 * inspectorFormPage(ctx, categories, { values, errors: { id: ['SUPERVISION_INSPECTOR_EXISTS'] }, status: 409 });
 */
export function inspectorFormPage(
  ctx: ConsoleContext,
  categories: readonly CategoryChoice[],
  again?: { readonly values: InspectorFormValues; readonly errors: FormErrors; readonly status: number },
): ConsoleResult {
  return {
    kind: 'page',
    ...(again ? { status: again.status, returnPath: '/console/workbench/inspectors/new' } : {}),
    title: { zh: '登记执法检查人员', en: 'Register an inspector' },
    body: inspectorFormBody(
      { values: again?.values ?? { maxChecksPerPlan: '5' }, errors: again?.errors ?? {}, categories },
      ctx,
    ).toString(),
  };
}

const { categories } = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchInspectorFormRoute, async ({ ctx }) =>
  inspectorFormPage(ctx, categories),
);
