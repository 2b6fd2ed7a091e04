/** GET /v1/stats — staff figures computed from indexes. */
import { applicationDeps } from '../../composition/applications';
import { statsRoute } from '../../contracts/applications';
import { httpRoute, json } from '../../shared/http';
import { getStats } from '../../use-cases/applications/stats';

const deps = applicationDeps();

export const handler = httpRoute(statsRoute, async () => json(200, await getStats(deps)));
