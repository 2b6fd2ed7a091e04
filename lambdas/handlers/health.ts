/** GET /health — each dependency up or down; 200 when all are up, 503 otherwise. */
import { healthDeps } from '../composition/health';
import { getHealth } from '../contracts/ops';
import { httpRoute, json } from '../shared/http';
import { checkHealth } from '../use-cases/check-health';

const deps = healthDeps();

export const handler = httpRoute(getHealth, async () => {
  const health = await checkHealth(deps);
  return json(health.status === 'up' ? 200 : 503, health);
});
