/**
 * {@link Signer} over a real ES256 key made for the test (node:crypto, P-256): its signatures verify with the public
 * key it publishes, its `kid` is the RFC 7638 thumbprint of that key — as every real signer's — and it counts what it
 * signed. Built synchronously, so a fake world needs no `await`.
 *
 * @example
 * const signer = new FakeSigner();
 * const keys = new FakeKeyRecordSource([signer.record(clock.now())]);
 */
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { publicJwkOf } from '../../../lambdas/adapters/signing/node-signer';
import type { KeyRecord, PublicEcJwk } from '../../../lambdas/domain/signing/keys';
import type { Signer } from '../../../lambdas/ports/signer';

/**
 * RFC 7638 thumbprint of a P-256 key: SHA-256 over its required members in lexicographic order, base64url.
 *
 * @example
 * thumbprintOf(jwk) === (await calculateJwkThumbprint(jwk, 'sha256')); // true
 */
export const thumbprintOf = (jwk: PublicEcJwk): string =>
  createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');

export class FakeSigner implements Signer {
  readonly alg = 'ES256';
  readonly kid: string;
  /** How many signatures it made. */
  signatures = 0;
  readonly #key: KeyObject;
  readonly #jwk: PublicEcJwk;

  constructor(privateKey: KeyObject = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey) {
    this.#key = privateKey;
    this.#jwk = publicJwkOf(privateKey);
    this.kid = thumbprintOf(this.#jwk);
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    this.signatures++;
    return new Uint8Array(sign('sha256', data, { key: this.#key, dsaEncoding: 'ieee-p1363' }));
  }

  async publicJwk(): Promise<PublicEcJwk> {
    return this.#jwk;
  }

  /**
   * This key as verifiers find it: current, signing from `signedFrom` (to the second).
   *
   * @example
   * signer.record(clock.now()); // { kid, jwk, status: 'current', signedFrom: 1790000000 }
   */
  record(signedFrom: Date): KeyRecord {
    return { kid: this.kid, jwk: this.#jwk, status: 'current', signedFrom: Math.floor(signedFrom.getTime() / 1000) };
  }
}
