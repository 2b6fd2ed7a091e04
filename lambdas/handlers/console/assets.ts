/**
 * GET /console/assets/{file} — the console's stylesheet and script. Served only at their current hashed URL (cached
 * for a year, immutable); any other `v` (a page from before a deployment, a typed URL) is redirected to the current
 * one, so a browser never caches old content under a new name or new content under an old one. An unknown name is the
 * console's 404 page (own keys only: `constructor` or `__proto__` name no asset).
 */
import { consoleAssetRoute } from '../../contracts/console';
import { NotFoundError } from '../../domain/errors';
import { CONSOLE_ASSETS } from '../../presenters/console/assets';
import { publicConsoleRoute, seeOther } from '../../shared/console-route';

export const handler = publicConsoleRoute(consoleAssetRoute, async ({ params, query }) => {
  const asset = Object.hasOwn(CONSOLE_ASSETS, params.file) ? CONSOLE_ASSETS[params.file] : undefined;
  if (!asset) throw new NotFoundError('ROUTE_NOT_FOUND', 'no such asset');
  if (query.v !== asset.hash) return { kind: 'raw', result: seeOther(asset.href) };
  return {
    kind: 'raw',
    result: {
      statusCode: 200,
      headers: {
        'content-type': asset.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: `"${asset.hash}"`,
      },
      body: asset.body,
    },
  };
});
