/** GET /console — the start: an enterprise goes to its licences, staff to their workbench. */
import { consoleHomePage } from '../../contracts/console';
import { WORKBENCH_PREFIX } from '../../contracts/console-workbench';
import { consoleRoute } from '../../shared/console-route';

export const handler = consoleRoute(consoleHomePage, async ({ viewer }) => ({
  kind: 'redirect',
  to: viewer.kind === 'enterprise' ? '/console/licences' : WORKBENCH_PREFIX,
}));
