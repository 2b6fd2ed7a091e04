/**
 * GET /console/workbench/inspectors/{inspectorId} — one inspector (the API's `getInspector`, officer and admin):
 * particulars and the pseudonymous code, leave, recusals with their reasons (staff only) and history; an admin gets
 * the forms (particulars, retire or return to service, leave, a recusal). Also drawn again by those forms' POSTs with
 * the form refused, what was typed and the code's meaning beside its field.
 */
import { consoleWorkbenchInspectorRoute, type InspectorStep } from '../../contracts/console-workbench-inspectors';
import type { Role } from '../../contracts/route';
import { localDateOf } from '../../domain/dates';
import { PermitError } from '../../domain/errors';
import type { ConsoleContext } from '../../presenters/console/context';
import {
  type InspectorDetailModel,
  type InspectorFormKind,
  type InspectorFormValues,
  inspectorDetailBody,
} from '../../presenters/console/workbench-inspectors';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { getInspector } from '../../use-cases/supervision/inspectors';
import { orNotFound } from '../console/page-support';
import { type InspectorPagesDeps, inspectorPagesDeps } from './inspectors';
import { inspectorErrorsByField, refusalStatus } from './register-inspector';

/**
 * The page; with `again`, one form drawn again with its refusal (`status`).
 *
 * @example
 * await inspectorPage(deps, { inspectorId: '4201-2019-0034', roles: ['admin'], ctx });
 */
export function inspectorPage(
  deps: InspectorPagesDeps,
  input: {
    readonly inspectorId: string;
    readonly roles: readonly Role[];
    readonly ctx: ConsoleContext;
    readonly done?: InspectorStep;
    readonly again?: InspectorDetailModel['again'];
    readonly status?: number;
  },
): Promise<ConsoleResult> {
  return orNotFound(input.ctx, async () => {
    const inspector = await getInspector(deps, input.inspectorId);
    const path = `/console/workbench/inspectors/${encodeURIComponent(inspector.id)}`;
    const body = inspectorDetailBody(
      {
        inspector,
        today: localDateOf(deps.clock.now()),
        categories: deps.categories,
        canChange: input.roles.includes('admin'),
        ...(input.done ? { done: input.done } : {}),
        ...(input.again ? { again: input.again } : {}),
      },
      input.ctx,
    );
    return {
      kind: 'page',
      ...(input.status ? { status: input.status, returnPath: path } : {}),
      title: { zh: `执法检查人员：${inspector.name}`, en: `Inspector: ${inspector.name}` },
      body: body.toString(),
    };
  });
}

/**
 * A form's refusal as the inspector's page with that form again (or the 404 page); anything else is thrown on.
 *
 * @example
 * return refusedPage(deps, { inspectorId, roles, ctx }, 'leave', values, ['from', 'to', 'note'], error);
 */
export function refusedPage(
  deps: InspectorPagesDeps,
  input: { readonly inspectorId: string; readonly roles: readonly Role[]; readonly ctx: ConsoleContext },
  form: InspectorFormKind,
  values: InspectorFormValues,
  fields: readonly string[],
  error: unknown,
): Promise<ConsoleResult> {
  if (!(error instanceof PermitError) || error.kind === 'forbidden') throw error;
  if (error.kind === 'not-found') return orNotFound(input.ctx, () => Promise.reject(error));
  return inspectorPage(deps, {
    ...input,
    again: { form, values, errors: inspectorErrorsByField(error, fields) },
    status: refusalStatus(error),
  });
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchInspectorRoute, ({ params, query, roles, ctx }) =>
  inspectorPage(deps, {
    inspectorId: params.inspectorId,
    roles,
    ctx,
    ...(query.done ? { done: query.done } : {}),
  }),
);
