/** GET /console — the start: an enterprise goes to its licences; staff see where their workbench will be. */
import { consoleHomePage } from '../../contracts/console';
import { t } from '../../presenters/console/context';
import { consoleRoute } from '../../shared/console-route';

export const handler = consoleRoute(consoleHomePage, async ({ viewer, ctx }) => {
  if (viewer.kind === 'enterprise') return { kind: 'redirect', to: '/console/licences' };
  return {
    kind: 'page',
    title: { zh: '控制台', en: 'Console' },
    body: `<p class="notice notice--info" role="status">${t(ctx, '审批工作台将在下一阶段提供；目前请使用 API。', 'The authority’s workbench comes next; until then, use the API.')}</p>`,
  };
});
