/**
 * The inspectors' registry routes (执法检查人员名录库): register, list, read, change, leave, recusal. Each calls one
 * use case of `use-cases/supervision/inspectors.ts`.
 *
 * @example
 * // POST /v1/supervision/inspectors { "id": "4201-2019-0034", "name": "张三", … } → 201
 */
import { listRoute } from '../../composition/cursors';
import { supervisionDeps } from '../../composition/supervision';
import {
  addInspectorLeaveRoute,
  addInspectorRecusalRoute,
  changeInspectorRoute,
  getInspectorRoute,
  listInspectorsRoute,
  registerInspectorRoute,
} from '../../contracts/supervision';
import { actorOf } from '../../domain/viewer';
import { inspectorView } from '../../presenters/supervision-view';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import {
  changeInspector,
  getInspector,
  listInspectors,
  registerInspector,
} from '../../use-cases/supervision/inspectors';

const deps = supervisionDeps();

export const register = httpRoute(registerInspectorRoute, async ({ body, identity }) =>
  json(201, inspectorView(await registerInspector(deps, { input: body, actor: actorOf(viewerOf(identity)) }))),
);

export const list = listRoute(listInspectorsRoute, async ({ query }) => {
  const page = await listInspectors(deps, query);
  return json(200, { items: page.items.map(inspectorView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});

export const get = httpRoute(getInspectorRoute, async ({ params }) =>
  json(200, inspectorView(await getInspector(deps, params.inspectorId))),
);

export const change = httpRoute(changeInspectorRoute, async ({ params, body, identity }) =>
  json(
    200,
    inspectorView(
      await changeInspector(deps, {
        id: params.inspectorId,
        command: { kind: 'change', changes: body },
        actor: actorOf(viewerOf(identity)),
      }),
    ),
  ),
);

export const leave = httpRoute(addInspectorLeaveRoute, async ({ params, body, identity }) =>
  json(
    200,
    inspectorView(
      await changeInspector(deps, {
        id: params.inspectorId,
        command: { kind: 'leave', period: body },
        actor: actorOf(viewerOf(identity)),
      }),
    ),
  ),
);

export const recusal = httpRoute(addInspectorRecusalRoute, async ({ params, body, identity }) =>
  json(
    200,
    inspectorView(
      await changeInspector(deps, {
        id: params.inspectorId,
        command: { kind: 'recusal', uscc: body.uscc, reason: body.reason },
        actor: actorOf(viewerOf(identity)),
      }),
    ),
  ),
);
