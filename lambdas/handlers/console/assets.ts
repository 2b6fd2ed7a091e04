/** GET /console/assets/{file} — the console's stylesheet and script, long-cached when the request names their hash. */
import { consoleAssetRoute } from '../../contracts/console';
import { NotFoundError } from '../../domain/errors';
import { CONSOLE_ASSETS } from '../../presenters/console/assets';
import { publicConsoleRoute } from '../../shared/console-route';

export const handler = publicConsoleRoute(consoleAssetRoute, async ({ params, query }) => {
  const asset = CONSOLE_ASSETS[params.file];
  if (!asset) throw new NotFoundError('ROUTE_NOT_FOUND', 'no such asset');
  const current = query.v === asset.hash;
  return {
    kind: 'raw',
    result: {
      statusCode: 200,
      headers: {
        'content-type': asset.contentType,
        // The hashed URL never changes content: cache it for a year. Any other URL: revalidate.
        'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag: `"${asset.hash}"`,
      },
      body: asset.body,
    },
  };
});
