/**
 * The key ring of a KMS deployment in the Permit table: one item per signing key a certificate may still be checked
 * against, holding its {@link KeyRecord} (public JWK, status, signing period, compromise time — `docs/keys.md`).
 *
 * | pk        | sk           | attributes                                                     |
 * |-----------|--------------|----------------------------------------------------------------|
 * | `KEYRING` | `KEY#{kid}`  | `type: 'signing-key'`, `kid`, `status`, `record`               |
 * | `KEYRING` | `#CURRENT`   | `type: 'key-ring-head'`, `kid` (the current key), `revision`   |
 *
 * The verify function reads it (one `Query`, read-only grant) and publishes it as the JWKS. The issuing function
 * registers its KMS key before the key signs anything ({@link DynamoKeyRing.ensureRegistered}): one transaction puts
 * the new key as `current` from now (`attribute_not_exists`), retires the previous current key, and moves the
 * `#CURRENT` pointer conditioned on the revision it read — so concurrent cold starts serialise on the pointer and a
 * verifier never sees two current keys.
 *
 * @example
 * const ring = new DynamoKeyRing(dynamoClient(), config().tableName);
 * await ring.ensureRegistered({ kid: signer.kid, jwk: await signer.publicJwk() }, clock.now());
 * const keySet = await KeySet.fromRecords(await ring.keyRecords());
 */
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, DependencyUnavailableError } from '../../domain/errors';
import { compromiseKeyRecord, rotateKeyRecords } from '../../domain/signing/key-ring';
import type { KeyRecord, PublicEcJwk } from '../../domain/signing/keys';
import type { KeyRing } from '../../ports/key-ring';
import { queryPartition } from './pagination';

/** Partition of the key ring. @example { pk: KEYRING_PK, sk: '#CURRENT' } */
export const KEYRING_PK = 'KEYRING';
/** Key of one key's item. @example keyRingKey(kid); // { pk: 'KEYRING', sk: 'KEY#…' } */
export const keyRingKey = (kid: string) => ({ pk: KEYRING_PK, sk: `KEY#${kid}` });
const HEAD_KEY = { pk: KEYRING_PK, sk: '#CURRENT' } as const;

interface Ring {
  readonly records: KeyRecord[];
  /** Revision of the `#CURRENT` pointer, undefined before the first registration. */
  readonly revision: number | undefined;
}

const MAX_REGISTRATION_ATTEMPTS = 5;

export class DynamoKeyRing implements KeyRing {
  /** New keys are KMS keys the deployment configures; this ring only registers them. */
  readonly newKeysFrom = 'infrastructure' as const;
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Every key record, oldest first.
   *
   * @example
   * const records = await ring.keyRecords();
   */
  async keyRecords(): Promise<readonly KeyRecord[]> {
    return (await this.#read()).records;
  }

  /**
   * Make `key` the ring's current key from `at`, unless it is already there. Throws `SIGNER_KEY_NOT_CURRENT` (503)
   * when the ring holds the key as retired or compromised: signing with it would issue certificates every verifier
   * refuses.
   *
   * @example
   * await ring.ensureRegistered({ kid, jwk }, clock.now()); // 'registered' | 'present'
   */
  async ensureRegistered(
    key: { readonly kid: string; readonly jwk: PublicEcJwk },
    at: Date,
  ): Promise<'registered' | 'present'> {
    for (let attempt = 1; ; attempt++) {
      const { records, revision } = await this.#read();
      const existing = records.find((r) => r.kid === key.kid);
      if (existing) {
        if (existing.status === 'current') return 'present';
        throw new DependencyUnavailableError(
          'SIGNER_KEY_NOT_CURRENT',
          `signing key ${key.kid} is ${existing.status} in the key ring; configure a new KMS key`,
        );
      }
      const next = rotateKeyRecords(records, key, at);
      try {
        const writes = [...this.#writes(records, next), this.#movePointer(key.kid, revision)];
        await this.client.send(new TransactWriteCommand({ TransactItems: writes }));
        return 'registered';
      } catch (error) {
        const cancelled = (error as { name?: string }).name === 'TransactionCanceledException';
        // Another cold start registered a key meanwhile: read the ring again.
        if (!cancelled || attempt >= MAX_REGISTRATION_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Mark a non-current key compromised from `at` (`compromiseKeyRecord`): the current key cannot be — nothing here
   * makes a new KMS key, so configure one first (`KEY_IS_CURRENT`). The write is conditioned on the key still not
   * being current (a registration racing it would otherwise leave a compromised key signing).
   *
   * @example
   * await ring.markCompromised(kid, new Date('2026-10-01T00:00:00+08:00'), clock.now());
   */
  async markCompromised(kid: string, at: Date, now: Date): Promise<{ readonly rotatedTo?: KeyRecord }> {
    const { records } = await this.#read();
    const record = compromiseKeyRecord(records, kid, at, now).find((r) => r.kid === kid) as KeyRecord;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keyRingKey(kid), type: 'signing-key', kid, status: record.status, record },
          ConditionExpression: 'attribute_exists(pk) AND #status <> :current',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':current': 'current' },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      throw new ConflictError('KEY_IS_CURRENT', `key ${kid} became current meanwhile`);
    }
    return {};
  }

  async #read(): Promise<Ring> {
    const records: KeyRecord[] = [];
    let revision: number | undefined;
    for (const item of await queryPartition(this.client, this.tableName, KEYRING_PK)) {
      if (item.sk === HEAD_KEY.sk) revision = item.revision as number;
      else if (String(item.sk).startsWith('KEY#')) records.push(item.record as KeyRecord);
    }
    records.sort((a, b) => a.signedFrom - b.signedFrom || a.kid.localeCompare(b.kid));
    return { records, revision };
  }

  /** The `#CURRENT` pointer, moved only if nobody moved it since it was read. */
  #movePointer(kid: string, revision: number | undefined) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...HEAD_KEY, type: 'key-ring-head', kid, revision: (revision ?? 0) + 1 },
        ...(revision === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': revision } }),
      },
    };
  }

  /** The new key (must not exist) and each previously current key (must still be current), as conditional puts. */
  #writes(before: readonly KeyRecord[], after: readonly KeyRecord[]) {
    return after
      .filter((r) => {
        const old = before.find((b) => b.kid === r.kid);
        return !old || old.status !== r.status;
      })
      .map((record) => {
        const isNew = !before.some((b) => b.kid === record.kid);
        return {
          Put: {
            TableName: this.tableName,
            Item: { ...keyRingKey(record.kid), type: 'signing-key', kid: record.kid, status: record.status, record },
            ...(isNew
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#status = :current',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':current': 'current' },
                }),
          },
        };
      });
  }
}
