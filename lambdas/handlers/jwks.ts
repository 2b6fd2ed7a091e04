/**
 * GET /.well-known/jwks.json — the certificate-signing key set as a JWKS (`docs/keys.md`): current, retired and
 * compromised keys with their signing periods. Public and cacheable for 5 minutes; offline verifiers save it.
 */
import { keys } from '../composition/verify';
import { jwksRoute } from '../contracts/verification';
import { httpRoute, json } from '../shared/http';
import { publishedKeySet } from '../use-cases/publish-key-set';

const deps = { keys: keys() };

export const handler = httpRoute(jwksRoute, async () =>
  json(200, await publishedKeySet(deps), {
    'content-type': 'application/jwk-set+json',
    'cache-control': 'public, max-age=300',
    'access-control-allow-origin': '*',
  }),
);
