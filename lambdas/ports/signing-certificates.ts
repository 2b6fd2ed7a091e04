/**
 * Port: the X.509 certificate chain of each signing key, issued by the authority's CA (locally, the development CA of
 * `npm run keys`). Adapters: `lambdas/adapters/pades/certificate-files.ts` (local), an SSM parameter per key (cloud).
 */

/**
 * @example
 * const chain = await certificates.chainFor(signer.kid); // [signing certificate DER, intermediate…] or undefined
 */
export interface SigningCertificates {
  /** The chain for key `kid`, signing certificate first; undefined while none is configured for that key. */
  chainFor(kid: string): Promise<readonly Uint8Array[] | undefined>;
}
