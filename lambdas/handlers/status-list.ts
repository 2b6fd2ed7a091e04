/**
 * GET /status-lists/1 — the signed status list (`application/statuslist+jwt`), read from the table through the verify
 * function's cache (at most a second old); cacheable 5 s, with an `ETag` (304 to a matching `If-None-Match`).
 */
import { statusListReadDeps } from '../composition/verify';
import { statusListRoute } from '../contracts/status-list';
import { STATUS_LIST_MEDIA_TYPE, STATUS_LIST_TTL_SECONDS } from '../domain/status-list/status-list-token';
import { httpRoute } from '../shared/http';
import { publishedStatusList } from '../use-cases/status-list/read';

const deps = statusListReadDeps();

export const handler = httpRoute(statusListRoute, async ({ headers }) => {
  const { jwt, etag } = await publishedStatusList(deps);
  const common = {
    'cache-control': `public, max-age=${STATUS_LIST_TTL_SECONDS}`,
    etag,
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'etag',
  };
  const held = headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (held?.includes(etag) || held?.includes('*')) return { statusCode: 304, headers: common, body: '' };
  return {
    statusCode: 200,
    headers: { ...common, 'content-type': STATUS_LIST_MEDIA_TYPE, 'x-content-type-options': 'nosniff' },
    body: jwt,
  };
});
