/** GET /console/workbench — the workbench's start: a card for each section this person's roles may open. */
import { consoleWorkbenchHomeRoute } from '../../contracts/console-workbench';
import { workbenchHomeBody } from '../../presenters/console/workbench';
import { consoleRoute } from '../../shared/console-route';

export const handler = consoleRoute(consoleWorkbenchHomeRoute, async ({ roles, ctx }) => ({
  kind: 'page',
  title: { zh: '审批工作台', en: 'Workbench' },
  body: workbenchHomeBody(ctx, roles),
}));
