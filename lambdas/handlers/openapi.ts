/** GET /openapi.json — the API described from its own route contracts. */
import { getOpenApi } from '../contracts/ops';
import { allRoutes } from '../functions';
import { httpRoute, json } from '../shared/http';
import { buildOpenApi } from '../shared/openapi';

const document = buildOpenApi(allRoutes(), { title: 'Permit API', version: '1.0.0' });

export const handler = httpRoute(getOpenApi, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
