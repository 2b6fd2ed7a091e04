/**
 * GET /console/workbench/inspectors/{inspectorId}/retire — the "are you sure" step before retiring (admin): it names
 * the inspector and code and says a retired inspector is never drawn again. A retired one is sent to the page.
 */
import { consoleWorkbenchRetireInspectorPageRoute } from '../../contracts/console-workbench-inspectors';
import { inspectorHref, retireConfirmBody } from '../../presenters/console/workbench-inspectors';
import { type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { getInspector } from '../../use-cases/supervision/inspectors';
import { orNotFound } from '../console/page-support';
import { type InspectorPagesDeps, inspectorPagesDeps } from './inspectors';

/**
 * @example
 * await retireConfirmPage(deps, ctx, '4201-2019-0034');
 */
export function retireConfirmPage(
  deps: Pick<InspectorPagesDeps, 'inspectors'>,
  ctx: Parameters<typeof retireConfirmBody>[1],
  inspectorId: string,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const inspector = await getInspector(deps, inspectorId);
    if (!inspector.active) return { kind: 'redirect', to: inspectorHref(inspector.id) };
    return {
      kind: 'page',
      title: { zh: '确认退出名录', en: 'Confirm: retire the inspector' },
      body: retireConfirmBody({ inspector }, ctx).toString(),
    };
  });
}

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchRetireInspectorPageRoute, ({ params, ctx }) =>
  retireConfirmPage(deps, ctx, params.inspectorId),
);
