/**
 * GET /.well-known/transparency-log-key — the transparency log's verifier key, beside the JWKS (read from the table,
 * where the sequencer stores it with each checkpoint; no KMS grant). Cacheable for 5 minutes.
 */
import { logReader } from '../composition/verify';
import { logKeyRoute } from '../contracts/transparency-log';
import { httpRoute } from '../shared/http';
import { publishedLogKey } from '../use-cases/transparency/log-resources';

const deps = { store: logReader() };

export const handler = httpRoute(logKeyRoute, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'public, max-age=300',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  },
  body: `${await publishedLogKey(deps)}\n`,
}));
