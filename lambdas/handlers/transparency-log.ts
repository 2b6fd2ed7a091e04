/**
 * GET /log/{path+} — the public transparency log (C2SP tlog-tiles): the checkpoint for 5 seconds, tiles and entry
 * bundles forever. The bucket stays private; this function reads it.
 */
import { logPublication } from '../composition/transparency-log';
import { logResourceRoute } from '../contracts/transparency-log';
import type { HttpResult } from '../shared/http';
import { httpRoute } from '../shared/http';
import { readLogResource } from '../use-cases/transparency/log-resources';

const deps = { publication: logPublication() };

export const handler = httpRoute(logResourceRoute, async ({ params }): Promise<HttpResult> => {
  const { kind, bytes } = await readLogResource(deps, params.path);
  return {
    statusCode: 200,
    headers: {
      'content-type': kind === 'checkpoint' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
      'cache-control': kind === 'checkpoint' ? 'public, max-age=5' : 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
});
