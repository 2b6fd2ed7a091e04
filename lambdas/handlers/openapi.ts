/** GET /openapi.json — the API described from its own route contracts. */
import { getOpenApi } from '../contracts/ops';
import { openApiDocument } from '../presenters/openapi-document';
import { httpRoute, json } from '../shared/http';

const document = openApiDocument();

export const handler = httpRoute(getOpenApi, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
