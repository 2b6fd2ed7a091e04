/**
 * GET /console/workbench/inspectors — 执法检查人员名录库: the registry by id through the API's `listInspectors` use case
 * (officer and admin, as the API), 50 a page with sealed cursors, with who is on leave today; an admin gets the
 * register link. Also the catalogue's categories as the registry's forms offer them.
 */
import { catalogue } from '../../composition/storage';
import { type SupervisionDeps, supervisionDeps } from '../../composition/supervision';
import { WORKBENCH_PAGE_SIZE } from '../../contracts/console-workbench';
import { consoleWorkbenchInspectorsRoute } from '../../contracts/console-workbench-inspectors';
import type { Catalogue } from '../../domain/catalogue';
import { localDateOf } from '../../domain/dates';
import { type CategoryChoice, inspectorsBody } from '../../presenters/console/workbench-inspectors';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { listInspectors } from '../../use-cases/supervision/inspectors';

/** The section's title. */
export const INSPECTORS_TITLE = { zh: '执法检查人员', en: 'Inspectors' } as const;

/**
 * The catalogue's product categories as the forms offer them: code and name, in code order, each code once.
 *
 * @example
 * categoryChoices(catalogue())[0]; // { code: '05', zh: '…', en: '…' }
 */
export function categoryChoices(source: Pick<Catalogue, 'categories'>): CategoryChoice[] {
  const byCode = new Map<string, CategoryChoice>();
  for (const c of source.categories) {
    if (!byCode.has(c.code)) byCode.set(c.code, { code: c.code, zh: c.name.zh, en: c.name.en });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** What the registry's pages read: the registry, the clock (today) and the category choices. */
export type InspectorPagesDeps = Pick<SupervisionDeps, 'inspectors' | 'clock'> & {
  readonly categories: readonly CategoryChoice[];
};

/**
 * The page.
 *
 * @example
 * await inspectorsPage(deps, request); // { kind: 'page', title: INSPECTORS_TITLE, body }
 */
export async function inspectorsPage(
  deps: InspectorPagesDeps,
  { query, roles, ctx, nextPage }: ConsoleRequest<typeof consoleWorkbenchInspectorsRoute>,
): Promise<ConsoleResult> {
  const page = await listInspectors(deps, {
    limit: WORKBENCH_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const next = await nextPage(page.cursor);
  const body = inspectorsBody(
    {
      items: page.items,
      ...(next ? { next } : {}),
      today: localDateOf(deps.clock.now()),
      categories: deps.categories,
      canRegister: roles.includes('admin'),
    },
    ctx,
  );
  return { kind: 'page', title: INSPECTORS_TITLE, body: body.toString() };
}

/**
 * The deps of the registry's pages in this process.
 *
 * @example
 * const deps = inspectorPagesDeps();
 */
export const inspectorPagesDeps = (): InspectorPagesDeps & SupervisionDeps => ({
  ...supervisionDeps(),
  categories: categoryChoices(catalogue()),
});

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchInspectorsRoute, (r) => inspectorsPage(deps, r));
