/**
 * POST /console/workbench/plans/{planId}/draw/review — the "are you sure" step before the draw (officer): the value
 * is checked as the draw will check it (the plan's declared format, the plan frozen, on or after the entropy's date)
 * by `checkDraw`, nothing written; the answer shows the value with its source and date, and Confirm and Cancel. A
 * refusal is the plan's page again with the draw form, the value typed and the code's meaning (422 or 409).
 */
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { consoleWorkbenchDrawReviewRoute } from '../../contracts/console-workbench-plans';
import { type FieldIssue, PermitError } from '../../domain/errors';
import { drawConfirmBody } from '../../presenters/console/workbench-plans';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { checkDraw } from '../../use-cases/supervision/plans';
import { orNotFound } from '../console/page-support';
import { planPage } from './plan';

/**
 * A draw's refusal as the plan's page with the form again: beside the value when the value is at fault.
 *
 * @example
 * await drawRefusedPage(deps, { planId, roles, ctx, entropyValue: '12', error });
 */
export function drawRefusedPage(
  deps: Pick<SupervisionDeps, 'plans' | 'inspections' | 'clock'>,
  input: Omit<Parameters<typeof planPage>[1], 'errors' | 'status'> & { readonly error: PermitError },
): Promise<ConsoleResult> {
  const { error, ...rest } = input;
  if (error.kind === 'not-found') return orNotFound(input.ctx, () => Promise.reject(error));
  const issues = (error.details.issues ?? []) as readonly FieldIssue[];
  const onValue = issues.some((i) => /entropyValue|entropy\.value/.test(i.field));
  return planPage(deps, {
    ...rest,
    errors: { [onValue ? 'entropyValue' : '']: [error.code] },
    status: error.kind === 'conflict' ? 409 : 422,
  });
}

/**
 * @example
 * await drawReviewPage(supervisionDeps(), request); // { kind: 'page', title: { zh: '确认抽取', … }, body }
 */
export async function drawReviewPage(
  deps: Pick<SupervisionDeps, 'plans' | 'inspections' | 'clock'>,
  { params, form, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchDrawReviewRoute>,
): Promise<ConsoleResult> {
  const typed = form.entropyValue ?? '';
  try {
    const { plan, entropyValue } = await checkDraw(deps, { planId: params.planId, entropyValue: typed });
    return {
      kind: 'page',
      title: { zh: '确认抽取', en: 'Confirm the draw' },
      body: drawConfirmBody({ plan, entropyValue }, ctx).toString(),
      returnPath: `/console/workbench/plans/${plan.id}`,
    };
  } catch (error) {
    if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
    return drawRefusedPage(deps, { planId: params.planId, roles, ctx, entropyValue: typed, error });
  }
}

const deps = supervisionDeps();

export const handler = consoleRoute(consoleWorkbenchDrawReviewRoute, (r) => drawReviewPage(deps, r));
