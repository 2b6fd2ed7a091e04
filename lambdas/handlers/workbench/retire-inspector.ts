/**
 * POST /console/workbench/inspectors/{inspectorId}/retire — the confirmed retirement (admin): the API's
 * `changeInspector` with `active: false`, then the inspector's page (post/redirect/get). `setServicePage` is shared
 * with the return to service (`reinstate-inspector.ts`).
 * A change made meanwhile (409) is the inspector's page with the reason.
 */
import {
  type consoleWorkbenchReinstateInspectorRoute,
  consoleWorkbenchRetireInspectorRoute,
} from '../../contracts/console-workbench-inspectors';
import { actorOf } from '../../domain/viewer';
import { inspectorHref } from '../../presenters/console/workbench-inspectors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { changeInspector } from '../../use-cases/supervision/inspectors';
import { refusedPage } from './inspector';
import { type InspectorPagesDeps, inspectorPagesDeps } from './inspectors';

/**
 * Put an inspector out of service (`active: false`) or back in.
 *
 * @example
 * await setServicePage(deps, request, false); // { kind: 'redirect', to: '…/inspectors/4201-2019-0034?done=retire' }
 */
export async function setServicePage(
  deps: InspectorPagesDeps,
  {
    params,
    viewer,
    roles,
    ctx,
  }: ConsoleRequest<typeof consoleWorkbenchRetireInspectorRoute | typeof consoleWorkbenchReinstateInspectorRoute>,
  active: boolean,
): Promise<ConsoleResult> {
  const id = params.inspectorId;
  try {
    await changeInspector(deps, { id, command: { kind: 'change', changes: { active } }, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `${inspectorHref(id)}?done=${active ? 'reinstate' : 'retire'}` };
  } catch (error) {
    return refusedPage(deps, { inspectorId: id, roles, ctx }, 'change', {}, [], error);
  }
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchRetireInspectorRoute, (r) => setServicePage(deps, r, false));
