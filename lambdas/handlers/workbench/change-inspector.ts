/**
 * POST /console/workbench/inspectors/{inspectorId} — an admin changes an inspector's particulars through the API's
 * `changeInspector` use case: the form sends them all, and only those that differ from the record are changed (one
 * line of history naming them), parsed by the API's `ChangeInspectorBody`. Nothing different: the page says so. A
 * refusal is the inspector's page with the form again, the reason beside its field (422; 409 if changed meanwhile).
 */
import { consoleWorkbenchChangeInspectorRoute } from '../../contracts/console-workbench-inspectors';
import { ChangeInspectorBody } from '../../contracts/supervision';
import type { InspectorSnapshot } from '../../domain/supervision/inspector';
import { actorOf } from '../../domain/viewer';
import { inspectorHref } from '../../presenters/console/workbench-inspectors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { parseRequestPart } from '../../shared/http';
import { changeInspector, getInspector } from '../../use-cases/supervision/inspectors';
import { refusedPage } from './inspector';
import { type InspectorPagesDeps, inspectorPagesDeps } from './inspectors';
import { particularsOf } from './register-inspector';

const FIELDS = ['name', 'unit', 'district', 'categories', 'maxChecksPerPlan'] as const;

/**
 * The particulars the form changes: those that differ from the record (categories compared as sets).
 *
 * @example
 * changedParticulars(stored, { name: stored.name, maxChecksPerPlan: 3, … }); // { maxChecksPerPlan: 3 }
 */
export function changedParticulars(stored: InspectorSnapshot, typed: Record<string, unknown>): Record<string, unknown> {
  const same = (field: (typeof FIELDS)[number]): boolean => {
    const now = typed[field];
    if (field === 'categories') {
      const list = Array.isArray(now) ? [...new Set(now as string[])].sort() : [];
      return list.join(',') === stored.categories.join(',');
    }
    return now === stored[field];
  };
  return Object.fromEntries(FIELDS.filter((f) => !same(f)).map((f) => [f, typed[f]]));
}

/**
 * @example
 * await changeInspectorPage(deps, request); // { kind: 'redirect', to: '/console/workbench/inspectors/…?done=change' }
 */
export async function changeInspectorPage(
  deps: InspectorPagesDeps,
  { params, form, viewer, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchChangeInspectorRoute>,
): Promise<ConsoleResult> {
  const id = params.inspectorId;
  try {
    const stored = await getInspector(deps, id);
    const changes = changedParticulars(stored, particularsOf(form));
    if (Object.keys(changes).length === 0) return { kind: 'redirect', to: `${inspectorHref(id)}?done=unchanged` };
    const body = parseRequestPart(ChangeInspectorBody, changes, 'body');
    await changeInspector(deps, { id, command: { kind: 'change', changes: body }, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `${inspectorHref(id)}?done=change` };
  } catch (error) {
    const { _csrf: _c, ...values } = form;
    return refusedPage(deps, { inspectorId: id, roles, ctx }, 'change', values, FIELDS, error);
  }
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchChangeInspectorRoute, (r) => changeInspectorPage(deps, r));
