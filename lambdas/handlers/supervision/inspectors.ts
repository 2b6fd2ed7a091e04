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
import { type HttpResult, httpRoute, json } from '../../shared/http';
import { type Identity, viewerOf } from '../../shared/identity';
import {
  changeInspector,
  getInspector,
  type InspectorCommand,
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

/** Run one command of `changeInspector` on the inspector and answer the inspector as it now is. */
async function changed(id: string, command: InspectorCommand, identity: Identity | undefined): Promise<HttpResult> {
  return json(200, inspectorView(await changeInspector(deps, { id, command, actor: actorOf(viewerOf(identity)) })));
}

export const change = httpRoute(changeInspectorRoute, ({ params, body, identity }) =>
  changed(params.inspectorId, { kind: 'change', changes: body }, identity),
);

export const leave = httpRoute(addInspectorLeaveRoute, ({ params, body, identity }) =>
  changed(params.inspectorId, { kind: 'leave', period: body }, identity),
);

export const recusal = httpRoute(addInspectorRecusalRoute, ({ params, body, identity }) =>
  changed(params.inspectorId, { kind: 'recusal', uscc: body.uscc, reason: body.reason }, identity),
);
