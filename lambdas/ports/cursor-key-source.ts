/**
 * Port: where the secret that seals list cursors comes from. Adapters: `lambdas/adapters/cursors/key-sources.ts`
 * (SSM SecureString in the cloud, a file under the data directory locally).
 */

import type { CursorKeySet } from '../shared/cursors/key-set';

export interface CursorKeySource {
  /** The key set, from the cache while it is fresh. */
  get(): Promise<CursorKeySet>;
  /** Reload now (rate-limited), e.g. for a key id the cached set does not know. */
  refresh(): Promise<CursorKeySet>;
}
