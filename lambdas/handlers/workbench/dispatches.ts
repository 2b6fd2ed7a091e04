/**
 * GET /console/workbench/dispatches — 寄递: one state's parcels requested in one month (Asia/Shanghai) through the
 * API's `listDispatches` use case, 50 a page (cursors sealed as the API's); this month and `pending` by default.
 */

import { clock } from '../../composition/clock';
import { dispatchListDeps } from '../../composition/dispatch-lists';
import { consoleWorkbenchDispatchesRoute } from '../../contracts/console-workbench';
import { localDateOf } from '../../domain/dates';
import type { Clock } from '../../ports/clock';
import { dispatchesBody } from '../../presenters/console/workbench-dispatches';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type DispatchListDeps, listDispatchesByStateAndMonth } from '../../use-cases/dispatch/list-dispatches';
import { openListCursor, sealListCursor, WORKBENCH_PAGE_SIZE } from './list-cursors';

/**
 * The page.
 *
 * @example
 * await dispatchesPage({ ...dispatchListDeps(), clock }, request);
 */
export async function dispatchesPage(
  deps: DispatchListDeps & { readonly clock: Clock },
  request: ConsoleRequest<typeof consoleWorkbenchDispatchesRoute>,
): Promise<ConsoleResult> {
  const { query, ctx } = request;
  const route = consoleWorkbenchDispatchesRoute;
  const month = query.month ?? localDateOf(deps.clock.now()).slice(0, 7);
  const filters = { state: query.state, month };
  const cursor = await openListCursor(route, request, filters, query.cursor);
  const page = await listDispatchesByStateAndMonth(deps, {
    state: query.state,
    month,
    limit: WORKBENCH_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });
  const sealed = await sealListCursor(route, request, filters, page.cursor);
  const next = sealed ? `${route.path}?${new URLSearchParams({ ...filters, cursor: sealed })}` : undefined;
  const body = dispatchesBody(
    {
      state: query.state,
      month,
      items: page.items.map((d) => {
        const latest = d.tracking[d.tracking.length - 1];
        return {
          id: d.id,
          licenceNo: d.licenceNo.toString(),
          version: d.version,
          reason: d.reason,
          recipient: d.address.recipient,
          postcode: d.address.postcode,
          state: d.state,
          requestedAt: d.requestedAt,
          ...(d.waybillNo ? { waybillNo: d.waybillNo } : {}),
          ...(latest ? { latest: { at: latest.at, description: latest.description } } : {}),
        };
      }),
      ...(next ? { next } : {}),
    },
    ctx,
  );
  return { kind: 'page', title: { zh: '证书寄递', en: 'Certificate dispatches' }, body: body.toString() };
}

const deps = { ...dispatchListDeps(), clock };

export const handler = consoleRoute(consoleWorkbenchDispatchesRoute, (r) => dispatchesPage(deps, r));
