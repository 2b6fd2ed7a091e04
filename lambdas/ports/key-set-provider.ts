/**
 * Port: the published signing-key set a verifier checks signatures against. Adapter: `lambdas/adapters/key-set-cache.ts`.
 */

import type { KeySet } from '../domain/signing/key-set';

/** The published key set, cached by the adapter. */
export interface KeySetProvider {
  /** The key set; throws when it cannot be read. */
  get(): Promise<KeySet>;
  /** A fresh read after a key reference was unknown (a key newer than the cache); undefined when refused or failed. */
  refresh(): Promise<KeySet | undefined>;
}
