/**
 * Port: where the published key records come from. Adapters: `lambdas/adapters/dynamo/key-ring.ts`, the local key store.
 */

import type { KeyRecord } from '../domain/signing/keys';

/**
 * Where the published key records come from (the local key store; a KMS deployment keeps its ring in its own
 * store).
 *
 * @example
 * const keySet = await KeySet.fromRecords(await source.keyRecords());
 */
export interface KeyRecordSource {
  keyRecords(): Promise<readonly KeyRecord[]>;
}
