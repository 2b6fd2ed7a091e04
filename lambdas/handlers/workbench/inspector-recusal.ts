/**
 * POST /console/workbench/inspectors/{inspectorId}/recusals — an admin records a recusal (回避: the enterprise's USCC
 * and the reason, which stays with staff) through the API's `changeInspector` use case, parsed by the API's
 * `RecusalBody`; a USCC that is not one comes back as its `USCC_*` code beside the field. Then the inspector's page.
 */
import { consoleWorkbenchInspectorRecusalRoute } from '../../contracts/console-workbench-inspectors';
import { RecusalBody } from '../../contracts/supervision';
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
 * await inspectorRecusalPage(deps, request); // { kind: 'redirect', to: '…/inspectors/4201-2019-0034?done=recusal' }
 */
export async function inspectorRecusalPage(
  deps: InspectorPagesDeps,
  { params, form, viewer, roles, ctx }: ConsoleRequest<typeof consoleWorkbenchInspectorRecusalRoute>,
): Promise<ConsoleResult> {
  const id = params.inspectorId;
  try {
    const body = parseRequestPart(RecusalBody, { uscc: filled(form.uscc), reason: filled(form.reason) }, 'body');
    await changeInspector(deps, {
      id,
      command: { kind: 'recusal', uscc: body.uscc, reason: body.reason },
      actor: actorOf(viewer),
    });
    return { kind: 'redirect', to: `${inspectorHref(id)}?done=recusal` };
  } catch (error) {
    const { _csrf: _c, ...values } = form;
    return refusedPage(deps, { inspectorId: id, roles, ctx }, 'recusal', values, ['uscc', 'reason'], error);
  }
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchInspectorRecusalRoute, (r) => inspectorRecusalPage(deps, r));
