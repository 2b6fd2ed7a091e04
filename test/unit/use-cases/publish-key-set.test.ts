/**
 * publishedKeySet: the key set as offline verifiers get it (every key with its status and signing period), and 503
 * `KEYS_UNAVAILABLE` — with the cause kept — when it cannot be read.
 */
import { describe, expect, test } from 'vitest';
import { publishedKeySet } from '../../../lambdas/use-cases/publish-key-set';
import { FakeSigner, FakeWorld, fakeKeySetDeps } from '../../support/fakes';

describe('publishedKeySet', () => {
  test('publishes every key with its status and period, never a private part', async () => {
    // Prepare
    const world = new FakeWorld();
    const retired = new FakeSigner();
    const since = world.keyRecords.records[0]?.signedFrom ?? 0;
    world.keyRecords.records = [
      { ...retired.record(new Date((since - 86_400) * 1000)), status: 'retired', signedUntil: since - 1 },
      ...world.keyRecords.records,
    ];

    // Act
    const jwks = await publishedKeySet(fakeKeySetDeps(world));

    // Assess
    expect(jwks.keys.map((k) => [k.kid, k['permit:status']])).toEqual([
      [retired.kid, 'retired'],
      [world.signer.kid, 'current'],
    ]);
    const { x, y } = await world.signer.publicJwk();
    expect(jwks.keys[1]).toMatchObject({ kty: 'EC', crv: 'P-256', x, y, alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).toMatchObject({ 'permit:signedUntil': since - 1 });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  test('cannot read the key set: 503 KEYS_UNAVAILABLE with the cause', async () => {
    // Prepare
    const world = new FakeWorld();
    world.keyRecords.failure = 'error';

    // Act
    const error = await publishedKeySet(fakeKeySetDeps(world)).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ kind: 'unavailable', code: 'KEYS_UNAVAILABLE' });
    expect((error as Error).cause).toMatchObject({ message: 'injected: key ring unreadable' });
  });
});
