/**
 * GET /console/workbench/inspections — 核查: post-issuance reviews due or overdue through the API's `listInspections`
 * use case, 50 a page (cursors sealed as the API's), due first; those past due that the job has not marked yet are
 * flagged overdue too (icon and words).
 */
import { inspectionDeps } from '../../composition/applications';
import { consoleWorkbenchInspectionsRoute, WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { localDateOf } from '../../domain/dates';
import { Inspection, type InspectionState } from '../../domain/inspection';
import { inspectionsBody } from '../../presenters/console/workbench-inspections';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { type InspectionDeps, listInspections } from '../../use-cases/applications/inspections';

/**
 * The page.
 *
 * @example
 * await inspectionsPage(inspectionDeps(), request); // { kind: 'page', title: { zh: '核查', … }, body }
 */
export async function inspectionsPage(
  deps: Pick<InspectionDeps, 'inspections' | 'clock'>,
  request: ConsoleRequest<typeof consoleWorkbenchInspectionsRoute>,
): Promise<ConsoleResult> {
  const { query, ctx, nextPage } = request;
  const page = await listInspections(deps, {
    state: query.state,
    ...(query.before ? { before: query.before } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    limit: WORKBENCH_PAGE_SIZE,
  });
  const today = localDateOf(deps.clock.now());
  const next = await nextPage(page.cursor);
  const recorded = query.recorded ? await deps.inspections.get(query.recorded) : undefined;
  const body = inspectionsBody(
    {
      state: query.state,
      ...(query.before ? { before: query.before } : {}),
      items: page.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        licenceNo: i.licenceNo.toString(),
        enterpriseName: i.enterpriseName,
        uscc: i.uscc,
        dueOn: i.dueOn,
        state: i.state,
        pastDue: i.state === 'overdue' || Inspection.rehydrate(i).isPastDue(today),
      })),
      ...(next ? { next } : {}),
      ...(recorded ? { recorded: { id: recorded.id, state: recorded.state as InspectionState } } : {}),
    },
    ctx,
  );
  return { kind: 'page', title: { zh: '证后核查', en: 'Post-issuance reviews' }, body: body.toString() };
}

const deps = inspectionDeps();

export const handler = consoleRoute(consoleWorkbenchInspectionsRoute, (r) => inspectionsPage(deps, r), {
  // `recorded` only shows the notice after a result was entered.
  displayOnly: ['recorded'],
});
