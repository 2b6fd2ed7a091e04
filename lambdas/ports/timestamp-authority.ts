/**
 * Port: an RFC 3161 time-stamping authority. Adapters: `lambdas/adapters/pades/http-tsa.ts` (a TSA URL from
 * configuration; the local runtime runs its own TSA).
 */

/**
 * Timestamps a SHA-256 digest.
 *
 * @example
 * const token = await tsa.timestamp(sha256(signatureValue)); // DER TimeStampToken (a CMS ContentInfo)
 */
export interface TimestampAuthority {
  /** The TimeStampToken over `digest`. Throws `DependencyUnavailableError` `TSA_UNAVAILABLE` when unreachable or refused. */
  timestamp(digest: Uint8Array): Promise<Uint8Array>;
}
