/** GET /v1/stats — staff figures computed from indexes, for a period of ISO weeks (default: the last 12). */
import { statsDeps } from '../../composition/stats';
import { statsRoute } from '../../contracts/applications';
import { httpRoute, json } from '../../shared/http';
import { getStats } from '../../use-cases/applications/stats';

const deps = statsDeps();

export const handler = httpRoute(statsRoute, async ({ query }) =>
  json(
    200,
    await getStats(deps, { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) }),
  ),
);
