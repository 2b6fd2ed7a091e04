/**
 * The DynamoDB key ring of a KMS deployment, against DynamoDB Local: the issuer registers its key (conditional put),
 * registering again changes nothing, a new key retires the old one in the same transaction, concurrent registrations
 * agree on one ring, a compromised key refuses to be registered again, and the ring is a valid JWKS for verifiers.
 */
import { generateKeyPairSync } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { DynamoKeyRing, keyRingKey } from '../../../lambdas/adapters/dynamo/key-ring';
import { createNodeSigner } from '../../../lambdas/adapters/signing/node-signer';
import { compromiseKeyRecord } from '../../../lambdas/domain/signing/key-ring';
import { KeySet } from '../../../lambdas/domain/signing/key-set';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { isolatedResources } from '../../support/emulators';

/** A ring in a table of its own (a ring is one partition of the table, so tests must not share a table). */
async function freshRing() {
  const { endpoints, names } = await isolatedResources();
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient(emulatorClientConfig(endpoints.dynamodb, endpoints.region)),
  );
  return { ring: new DynamoKeyRing(client, names.tableName), client, tableName: names.tableName };
}

async function newKey() {
  const signer = await createNodeSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  return { kid: signer.kid, jwk: await signer.publicJwk() };
}

const T0 = new Date('2026-09-28T09:00:00+08:00');
const T1 = new Date('2026-12-01T09:00:00+08:00');

describe('DynamoKeyRing', () => {
  test('registers a key once; registering again is a no-op', async () => {
    // Prepare
    const { ring } = await freshRing();
    const key = await newKey();
    // Act
    const first = await ring.ensureRegistered(key, T0);
    const again = await ring.ensureRegistered(key, T1);
    // Assess
    expect([first, again]).toEqual(['registered', 'present']);
    expect(await ring.keyRecords()).toEqual([
      { kid: key.kid, jwk: key.jwk, status: 'current', signedFrom: T0.getTime() / 1000 },
    ]);
  });

  test('a new key becomes current and retires the previous one at the same second', async () => {
    const { ring } = await freshRing();
    const [k1, k2] = [await newKey(), await newKey()];
    await ring.ensureRegistered(k1, T0);
    await ring.ensureRegistered(k2, T1);
    const records = await ring.keyRecords();
    expect(records.map((r) => [r.kid, r.status, r.signedFrom, r.signedUntil])).toEqual([
      [k1.kid, 'retired', T0.getTime() / 1000, T1.getTime() / 1000],
      [k2.kid, 'current', T1.getTime() / 1000, undefined],
    ]);
    const keySet = await KeySet.fromRecords(records);
    expect(keySet.toJwks().keys.map((k) => k['permit:status'])).toEqual(['retired', 'current']);
  });

  test('concurrent cold starts with one key register it once', async () => {
    const { ring } = await freshRing();
    const key = await newKey();
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => ring.ensureRegistered(key, T0)));
    expect(outcomes.filter((o) => o === 'registered')).toHaveLength(1);
    expect(await ring.keyRecords()).toHaveLength(1);
  });

  test('concurrent registrations of different keys serialise: one current key, a valid key set', async () => {
    const { ring } = await freshRing();
    const keys = await Promise.all([newKey(), newKey(), newKey()]);
    await Promise.all(keys.map((k) => ring.ensureRegistered(k, T0)));
    const records = await ring.keyRecords();
    expect(records).toHaveLength(3);
    expect(records.filter((r) => r.status === 'current')).toHaveLength(1);
    await expect(KeySet.fromRecords(records)).resolves.toBeInstanceOf(KeySet);
  });

  test('a key marked compromised is refused (SIGNER_KEY_NOT_CURRENT), not silently re-registered', async () => {
    // Prepare: k1 was rotated out and then declared compromised
    const { ring, client, tableName } = await freshRing();
    const [k1, k2] = [await newKey(), await newKey()];
    await ring.ensureRegistered(k1, T0);
    await ring.ensureRegistered(k2, T1);
    const compromised = compromiseKeyRecord(await ring.keyRecords(), k1.kid, T0, T1).find((r) => r.kid === k1.kid);
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keyRingKey(k1.kid), type: 'signing-key', kid: k1.kid, status: 'compromised', record: compromised },
      }),
    );
    // Act + Assess
    await expect(ring.ensureRegistered(k1, T1)).rejects.toMatchObject({ code: 'SIGNER_KEY_NOT_CURRENT' });
  });
});
