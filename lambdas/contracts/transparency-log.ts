/**
 * The transparency log's public routes (`docs/transparency-log.md`): its C2SP tlog-tiles resources and its verifier
 * key, published beside the JWKS. Bytes and text, not JSON; every bad path is a 404.
 */
import * as z from 'zod/mini';
import { defineRoute } from './route';

const LogPath = z.object({
  path: z
    .string()
    .check(
      z.maxLength(200),
      z.describe('`checkpoint`, `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]` (C2SP tlog-tiles)'),
    ),
});

export const logResourceRoute = defineRoute({
  operationId: 'getLogResource',
  method: 'GET',
  path: '/log/{path+}',
  summary: 'A resource of the public transparency log: the signed checkpoint, a tile or an entry bundle',
  description:
    'The C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles). The checkpoint (`/log/checkpoint`, a C2SP signed ' +
    'note, `text/plain`) may be cached for 5 seconds; tiles and entry bundles (`application/octet-stream`) never ' +
    'change and are cacheable forever. A path that is not exactly a tile, bundle or checkpoint path of this layout, ' +
    'or one beyond the tree, is 404 `LOG_RESOURCE_NOT_FOUND`.',
  tags: ['transparency'],
  access: 'public',
  request: { params: LogPath },
  responses: {
    200: {
      description: 'The resource: the checkpoint as text, a tile or bundle as bytes',
      contentType: 'application/octet-stream',
      headers: {
        'cache-control': {
          description: '`public, max-age=31536000, immutable` for tiles, `public, max-age=5` for the checkpoint',
        },
      },
    },
  },
});

export const logKeyRoute = defineRoute({
  operationId: 'getLogKey',
  method: 'GET',
  path: '/.well-known/transparency-log-key',
  summary: "The transparency log's Ed25519 verifier key",
  description:
    'In the golang.org/x/mod/sumdb/note text form (`<origin>+<key ID>+<base64 key>`): monitors and offline ' +
    'verifiers check checkpoints with it (`npm run log -- monitor`, `npm run verify -- … --proof`). Cacheable 5 ' +
    'minutes. 404 `LOG_NOT_STARTED` before the first checkpoint.',
  tags: ['transparency'],
  access: 'public',
  responses: {
    200: {
      description: 'The verifier key, one line of text',
      contentType: 'text/plain',
      headers: { 'cache-control': { description: '`public, max-age=300`' } },
    },
  },
});
