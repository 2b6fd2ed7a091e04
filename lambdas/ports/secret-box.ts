/**
 * Port: seals short secrets (webhook signing secrets, `whsec_…`) for storage in the table, which many functions read,
 * with a key those readers do not hold. Adapters: `lambdas/adapters/secrets/kms-secret-box.ts` (an AWS KMS symmetric
 * key) and `local-secret-box.ts` (AES-256-GCM with a key file under the local key directory).
 */

/**
 * Seals short secrets for storage; opening needs the same context (e.g. the subscription id), so a sealed value copied
 * onto another record does not open there.
 *
 * - `seal` returns opaque printable text to store (a versioned `v1.<box>.…` string); its plaintext is 1 to 4096
 *   bytes of UTF-8 (what KMS encrypts directly).
 * - `open` of a tampered value, of one sealed with another context or by another key, or of text that is no sealed
 *   value at all throws `UnprocessableError('SECRET_UNREADABLE')`; a key that cannot be reached (KMS down, throttled,
 *   disabled) throws `DependencyUnavailableError('SECRETS_UNAVAILABLE')`.
 *
 * @example
 * const stored = await box.seal('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', subscriptionId);
 * const secret = await box.open(stored, subscriptionId); // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
 */
export interface SecretBox {
  /** Seal `plaintext` bound to `context`; the result is opaque printable text to store. */
  seal(plaintext: string, context: string): Promise<string>;
  /** Open a value {@link seal} returned, with the same `context`. */
  open(sealed: string, context: string): Promise<string>;
}
