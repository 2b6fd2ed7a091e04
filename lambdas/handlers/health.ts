/** GET /health — each dependency up or down; 200 when all are up, 503 otherwise. */
import { defaultProbeTargets, probeDependencies } from '../adapters/health-probes';
import { getHealth } from '../contracts/ops';
import { httpRoute, json } from '../shared/http';

export const handler = httpRoute(getHealth, async () => {
  const dependencies = await probeDependencies(defaultProbeTargets());
  const up = Object.values(dependencies).every((state) => state === 'up');
  return json(up ? 200 : 503, { status: up ? 'up' : 'down', checkedAt: new Date().toISOString(), dependencies });
});
