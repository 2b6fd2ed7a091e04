/**
 * GET /.well-known/jwks.json — the certificate-signing key set as a JWKS (`docs/keys.md`): current, retired and
 * compromised keys with their signing periods. Public and cacheable for 5 minutes; offline verifiers save it.
 */
import { keys } from '../composition/verify';
import { jwksRoute } from '../contracts/verification';
import { DependencyUnavailableError } from '../domain/errors';
import type { KeySet } from '../domain/signing/key-set';
import { httpRoute, json } from '../shared/http';

const provider = keys();

export const handler = httpRoute(jwksRoute, async () => {
  let keySet: KeySet;
  try {
    keySet = await provider.get();
  } catch (error) {
    throw new DependencyUnavailableError('KEYS_UNAVAILABLE', 'the key set could not be read', { cause: error });
  }
  return json(200, keySet.toJwks(), {
    'content-type': 'application/jwk-set+json',
    'cache-control': 'public, max-age=300',
    'access-control-allow-origin': '*',
  });
});
