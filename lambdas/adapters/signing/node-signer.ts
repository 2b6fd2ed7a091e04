/**
 * An ES256 {@link Signer} over a private key held in this process (node:crypto). Used by the local key store, tests
 * and the bench; signing is synchronous underneath (~0.1 ms).
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { ValidationError } from '../../domain/errors';
import type { PublicEcJwk } from '../../domain/signing/keys';
import type { Signer } from '../../ports/signer';

/** A private P-256 JWK as stored by the local key store. */
export interface PrivateEcJwk extends PublicEcJwk {
  readonly d: string;
}

/**
 * Build a signer from a private P-256 key (JWK or node KeyObject).
 *
 * @example
 * const signer = await createNodeSigner(privateJwk);
 * const raw = await signer.sign(bytes); // 64-byte r‖s
 */
export async function createNodeSigner(privateKey: PrivateEcJwk | KeyObject): Promise<Signer> {
  const key = 'd' in privateKey ? createPrivateKey({ key: { ...privateKey }, format: 'jwk' }) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ValidationError('SIGNING_KEY_INVALID', 'an ES256 signer needs a private P-256 key');
  }
  const jwk = publicJwkOf(key);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return {
    kid,
    alg: 'ES256',
    sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
    publicJwk: async () => jwk,
  };
}

/**
 * The public JWK (only `kty`, `crv`, `x`, `y`) of a P-256 key.
 *
 * @example
 * publicJwkOf(createPublicKey(spkiDer)); // { kty: 'EC', crv: 'P-256', x: '…', y: '…' }
 */
export function publicJwkOf(key: KeyObject): PublicEcJwk {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string') {
    throw new ValidationError('SIGNING_KEY_INVALID', 'not a P-256 key');
  }
  return { kty, crv, x, y };
}
