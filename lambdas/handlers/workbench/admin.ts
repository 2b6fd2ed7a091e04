/** GET /console/workbench/admin — 系统管理 (admin only): the calendar and the signing keys. */
import { consoleWorkbenchAdminRoute } from '../../contracts/console-workbench';
import { adminHomeBody } from '../../presenters/console/workbench-admin';
import { consoleRoute } from '../../shared/console-route';

export const handler = consoleRoute(consoleWorkbenchAdminRoute, async ({ ctx }) => ({
  kind: 'page',
  title: { zh: '系统管理', en: 'Administration' },
  body: adminHomeBody(ctx).toString(),
}));
