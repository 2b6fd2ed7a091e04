/**
 * Port: the transparency log's checkpoint-signing key (Ed25519, C2SP signed note). Adapters:
 * `lambdas/adapters/signing/kms-log-signer.ts` (KMS `ECC_NIST_EDWARDS25519`), `local-log-signer.ts` (a key file).
 */

/**
 * Signs checkpoint notes with the log's Ed25519 key.
 *
 * @example
 * const signature = await signer.sign(new TextEncoder().encode(checkpointText)); // 64 bytes
 */
export interface LogSigner {
  /** The raw 32-byte Ed25519 public key. */
  publicKey(): Promise<Uint8Array>;
  /** A pure Ed25519 signature (64 bytes) over the message itself. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}
