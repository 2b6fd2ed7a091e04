/**
 * GET /status-lists/1/{index} — one entry of the published status list, as JSON: 400 for an index outside the list,
 * 404 for one no licence holds.
 */
import { statusListReadDeps } from '../composition/verify';
import { statusListEntryRoute } from '../contracts/status-list';
import { STATUS_LIST_TTL_SECONDS } from '../domain/status-list/status-list-token';
import { httpRoute, json } from '../shared/http';
import { statusListEntry } from '../use-cases/status-list/read';

const deps = statusListReadDeps();

export const handler = httpRoute(statusListEntryRoute, async ({ params }) =>
  json(200, await statusListEntry(deps, params.index), {
    'cache-control': `public, max-age=${STATUS_LIST_TTL_SECONDS}`,
    'access-control-allow-origin': '*',
  }),
);
