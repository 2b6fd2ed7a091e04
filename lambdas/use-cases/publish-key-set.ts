/**
 * publishedKeySet — the certificate-signing key set as offline verifiers get it (`/.well-known/jwks.json`, see
 * `docs/keys.md`): current, retired and compromised keys with their signing periods. Error code: `KEYS_UNAVAILABLE`
 * (503) when the key set cannot be read.
 *
 * @example
 * const jwks = await publishedKeySet({ keys });
 * jwks.keys[0]?.kid;
 */
import { DependencyUnavailableError } from '../domain/errors';
import type { KeySet } from '../domain/signing/key-set';
import type { KeySetProvider } from '../ports/key-set-provider';

export async function publishedKeySet(deps: { readonly keys: KeySetProvider }): Promise<ReturnType<KeySet['toJwks']>> {
  let keySet: KeySet;
  try {
    keySet = await deps.keys.get();
  } catch (error) {
    throw new DependencyUnavailableError('KEYS_UNAVAILABLE', 'the key set could not be read', { cause: error });
  }
  return keySet.toJwks();
}
