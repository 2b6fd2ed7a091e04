/**
 * POST /console/workbench/inspectors/{inspectorId}/leave — an admin records a period of leave (from, to, a note)
 * through the API's `changeInspector` use case, the fields parsed by the API's `LeaveBody`; then the inspector's page.
 * A refusal (a date missing or malformed, the end before the start) is the page with the leave form again.
 */
import { consoleWorkbenchInspectorLeaveRoute } from '../../contracts/console-workbench-inspectors';
import { LeaveBody } from '../../contracts/supervision';
import { actorOf } from '../../domain/viewer';
import { inspectorHref } from '../../presenters/console/workbench-inspectors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { parseRequestPart } from '../../shared/http';
import { changeInspector } from '../../use-cases/supervision/inspectors';
import { refusedPage } from './inspector';
import { type InspectorPagesDeps, inspectorPagesDeps } from './inspectors';
import { filled } from './register-inspector';

/**
 * @example
 * await inspectorLeavePage(deps, request); // { kind: 'redirect', to: '…/inspectors/4201-2019-0034?done=leave' }
 */
export async function inspectorLeavePage(
  deps: InspectorPagesDeps,
  { params, form, viewer, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchInspectorLeaveRoute>,
): Promise<ConsoleResult> {
  const id = params.inspectorId;
  try {
    const note = filled(form.note);
    const period = parseRequestPart(
      LeaveBody,
      { from: filled(form.from), to: filled(form.to), ...(note ? { note } : {}) },
      'body',
    );
    await changeInspector(deps, { id, command: { kind: 'leave', period }, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `${inspectorHref(id)}?done=leave` };
  } catch (error) {
    const { _csrf: _c, ...values } = form;
    return refusedPage(deps, { inspectorId: id, roles, ctx }, 'leave', values, ['from', 'to', 'note'], error);
  }
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchInspectorLeaveRoute, (r) => inspectorLeavePage(deps, r));
