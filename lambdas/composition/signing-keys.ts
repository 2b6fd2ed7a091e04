/**
 * Wiring of the signing-key administration: the key ring `SIGNER` names — the local key store's directory in the
 * embedded runtime, the DynamoDB key ring of a KMS deployment — and the administration audit trail on the one table.
 *
 * @example
 * await markKeyCompromised(signingKeyDeps(), { kid, at, actor });
 */
import { DynamoAdminAuditLog } from '../adapters/dynamo/admin-audit-log';
import { DynamoKeyRing } from '../adapters/dynamo/key-ring';
import { LocalKeyStore } from '../adapters/signing/local-key-store';
import type { KeyRing } from '../ports/key-ring';
import { dynamoClient } from '../shared/clients';
import { config } from '../shared/config';
import type { SigningKeyDeps } from '../use-cases/signing-keys';
import { clock } from './clock';
import { once } from './once';

const localStore = once(() => {
  const signer = config().signer;
  if (signer.kind !== 'local') throw new Error('SIGNER is not local');
  return LocalKeyStore.open({ dir: signer.dir, clock });
});

/** The local store, opened on first use (it creates the first key if the runtime has none yet). */
const localRing: KeyRing = {
  newKeysFrom: 'ring',
  keyRecords: async () => (await localStore()).keyRecords(),
  markCompromised: async (kid, at, now) => (await localStore()).markCompromised(kid, at, now),
};

const ring = once<KeyRing>(() =>
  config().signer.kind === 'kms' ? new DynamoKeyRing(dynamoClient(), config().tableName) : localRing,
);
const audit = once(() => new DynamoAdminAuditLog(dynamoClient(), config().tableName));

/**
 * Deps of the signing-key use cases; `parts` replace any of them (tests).
 *
 * @example
 * const deps = signingKeyDeps({ clock: new ManualClock('2026-12-01T09:00:00+08:00') });
 */
export const signingKeyDeps = (parts: Partial<SigningKeyDeps> = {}): SigningKeyDeps => ({
  ring: ring(),
  audit: audit(),
  clock,
  ...parts,
});
