/**
 * GET /console/workbench/dispatches — 寄递: one state's parcels requested in one month (Asia/Shanghai) through the
 * API's `listDispatches` use case, 50 a page (cursors sealed as the API's); this month and `pending` by default.
 */

import { clock } from '../../composition/clock';
import { dispatchListDeps } from '../../composition/dispatch-lists';
import { consoleWorkbenchDispatchesRoute, WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { localDateOf } from '../../domain/dates';
import type { Clock } from '../../ports/clock';
import { dispatchesBody } from '../../presenters/console/workbench-dispatches';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type DispatchListDeps, listDispatchesByStateAndMonth } from '../../use-cases/dispatch/list-dispatches';

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
  const { query, ctx, nextPage } = request;
  const month = query.month;
  // Without a month, this month's address: the list and its cursors are always for a month named in the address (a
  // next page opened after midnight at a month's end continues the month it started in).
  if (!month) {
    const thisMonth = localDateOf(deps.clock.now()).slice(0, 7);
    const to = new URLSearchParams({ state: query.state, month: thisMonth });
    return { kind: 'redirect', to: `${consoleWorkbenchDispatchesRoute.path}?${to}` };
  }
  const page = await listDispatchesByStateAndMonth(deps, {
    state: query.state,
    month,
    limit: WORKBENCH_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const next = await nextPage(page.cursor);
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
