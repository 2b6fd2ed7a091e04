/**
 * Signing ports and the key model. The domain signs certificate claims through {@link Signer}; adapters (AWS KMS,
 * the local key store) implement it. Verifiers check signatures against {@link KeyRecord}s published as a JWKS
 * (see `docs/keys.md`).
 */

/**
 * A public P-256 key as a JWK (RFC 7517/7518). Only the members that define the key; published JWKS entries add
 * `kid`, `use`, `alg` and Permit's members on top.
 */
export interface PublicEcJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/**
 * Lifecycle of a signing key:
 * - `current`: the one key new certificates are signed with;
 * - `retired`: no longer signs; what it signed during its period stays valid;
 * - `compromised`: what it signed before `compromisedAt` stays valid, anything later is refused.
 */
export type KeyStatus = 'current' | 'retired' | 'compromised';

/**
 * One key a certificate may still be checked against. Times are NumericDate (seconds since the epoch), like `iat`.
 *
 * @example
 * const record: KeyRecord = { kid, jwk, status: 'current', signedFrom: 1790000000 };
 */
export interface KeyRecord {
  readonly kid: string;
  readonly jwk: PublicEcJwk;
  readonly status: KeyStatus;
  /** First second the key signed (inclusive). */
  readonly signedFrom: number;
  /** Last second the key signed (inclusive); absent while the key is current. */
  readonly signedUntil?: number;
  /** Signatures made at or after this second are refused; present iff `status` is `compromised`. */
  readonly compromisedAt?: number;
}
