/**
 * POST /console/workbench/inspectors/{inspectorId}/reinstate — a retired inspector back in service (admin): the
 * API's `changeInspector` with `active: true`, then the inspector's page (post/redirect/get).
 */
import { consoleWorkbenchReinstateInspectorRoute } from '../../contracts/console-workbench-inspectors';
import { consoleRoute } from '../../shared/console-route';
import { inspectorPagesDeps } from './inspectors';
import { setServicePage } from './retire-inspector';

const deps = inspectorPagesDeps();

export const handler = consoleRoute(consoleWorkbenchReinstateInspectorRoute, (r) => setServicePage(deps, r, true));
