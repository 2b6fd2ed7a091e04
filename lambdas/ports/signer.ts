/**
 * Port: produces ES256 signatures with the current signing key. Adapters: `lambdas/adapters/signing/kms-signer.ts`,
 * `local-key-store.ts`.
 */

import type { PublicEcJwk } from '../domain/signing/keys';
import type { ClaimsSigner } from '../domain/signing/qr-claims';

/**
 * Produces ES256 signatures with one key.
 *
 * @example
 * const signature = await signer.sign(new TextEncoder().encode(signingInput)); // 64 bytes, r‖s
 */
export interface Signer extends ClaimsSigner {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  readonly kid: string;
  readonly alg: 'ES256';
  /** Signs `data` (SHA-256 is applied by the signer) and returns the raw 64-byte `r‖s` JWS signature. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  publicJwk(): Promise<PublicEcJwk>;
}
