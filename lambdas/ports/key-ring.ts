/**
 * Port: the signing key ring as an admin manages it — the keys with their periods, and marking one compromised.
 * Adapters: the local key store (`lambdas/adapters/signing/local-key-store.ts`, the embedded runtime) and the DynamoDB
 * key ring of a KMS deployment (`lambdas/adapters/dynamo/key-ring.ts`).
 */
import type { KeyRecord } from '../domain/signing/keys';
import type { KeyRecordSource } from './key-record-source';

/**
 * The key ring, for its admin.
 *
 * @example
 * await ring.markCompromised(kid, new Date('2026-10-01T00:00:00+08:00'), clock.now());
 */
export interface KeyRing extends KeyRecordSource {
  /**
   * Where new keys come from: `'ring'` — the ring makes one itself (the local key store rotates a compromised current
   * key); `'infrastructure'` — a KMS key configured by the deployment (the ring only registers it).
   */
  readonly newKeysFrom: 'ring' | 'infrastructure';
  /**
   * Mark `kid` compromised from `at` (`compromiseKeyRecord`'s rules: `KEY_NOT_FOUND`, `KEY_IS_CURRENT` where the ring
   * cannot rotate, `COMPROMISE_TIME_INVALID`). Returns the key rotated to, when the ring had to rotate first.
   */
  markCompromised(kid: string, at: Date, now: Date): Promise<{ readonly rotatedTo?: KeyRecord }>;
}
