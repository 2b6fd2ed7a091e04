/**
 * Port: seals short secrets (webhook signing secrets) for storage, so the table never holds them in the clear.
 * Adapters: `lambdas/adapters/secrets/` — AWS KMS in the cloud, a key file locally.
 */

/** Seals short secrets for storage; opening needs the same context (e.g. the subscription id). */
export interface SecretBox {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}
