/**
 * The signing keys for their admin: the ring's keys newest first with their periods as instants, and marking one
 * compromised — judged by the ring (a current KMS key is refused), then audited with who, when and from when.
 */
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { compromiseKeyRecord } from '../../../lambdas/domain/signing/key-ring';
import type { KeyRecord, PublicEcJwk } from '../../../lambdas/domain/signing/keys';
import type { KeyRing } from '../../../lambdas/ports/key-ring';
import { listSigningKeys, markKeyCompromised, signingKey } from '../../../lambdas/use-cases/signing-keys';
import { FakeAdminAuditLog } from '../../support/fakes';

const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } as PublicEcJwk;
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000;

/** A KMS-style ring in memory: it cannot rotate, so its current key cannot be marked. */
class MemoryRing implements KeyRing {
  readonly newKeysFrom = 'infrastructure' as const;
  constructor(public records: KeyRecord[]) {}
  async keyRecords(): Promise<readonly KeyRecord[]> {
    return this.records;
  }
  async markCompromised(kid: string, at: Date, now: Date): Promise<{ readonly rotatedTo?: KeyRecord }> {
    this.records = compromiseKeyRecord(this.records, kid, at, now);
    return {};
  }
}

function world() {
  const ring = new MemoryRing([
    { kid: 'old', jwk, status: 'retired', signedFrom: T0, signedUntil: T0 + 86_400 },
    { kid: 'new', jwk, status: 'current', signedFrom: T0 + 86_400 },
  ]);
  const audit = new FakeAdminAuditLog();
  const clock = new ManualClock('2026-06-01T00:00:00Z');
  return { ring, audit, clock, deps: { ring, audit, clock } };
}

const admin = { id: 'admin-1', role: 'admin' };

describe('listSigningKeys', () => {
  test('newest first, periods as ISO instants, where new keys come from', async () => {
    // Act
    const { keys, newKeysFrom } = await listSigningKeys(world().deps);

    // Assess
    expect(keys).toEqual([
      { kid: 'new', status: 'current', signedFrom: '2026-01-02T00:00:00.000Z' },
      {
        kid: 'old',
        status: 'retired',
        signedFrom: '2026-01-01T00:00:00.000Z',
        signedUntil: '2026-01-02T00:00:00.000Z',
      },
    ]);
    expect(newKeysFrom).toBe('infrastructure');
  });

  test('one key, or KEY_NOT_FOUND', async () => {
    const { deps } = world();
    expect(await signingKey(deps, 'old')).toMatchObject({ kid: 'old', status: 'retired' });
    await expect(signingKey(deps, 'nope')).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  });
});

describe('markKeyCompromised', () => {
  test('marks a retired key from a time, and audits who, when and from when', async () => {
    // Prepare
    const { deps, audit, ring } = world();

    // Act
    const { key } = await markKeyCompromised(deps, { kid: 'old', at: new Date('2026-01-01T12:00:00Z'), actor: admin });

    // Assess
    expect(key).toMatchObject({ kid: 'old', status: 'compromised', compromisedFrom: '2026-01-01T12:00:00.000Z' });
    expect(ring.records.find((r) => r.kid === 'old')?.compromisedAt).toBe(T0 + 43_200);
    expect(audit.entries).toEqual([
      {
        id: expect.any(String),
        at: '2026-06-01T00:00:00.000Z',
        action: 'signing-key-compromised',
        actor: admin,
        subject: 'old',
        details: { compromisedFrom: '2026-01-01T12:00:00.000Z' },
      },
    ]);
  });

  test('the ring refuses and nothing is audited: a current key it cannot rotate, a time in the future', async () => {
    // Prepare
    const { deps, audit } = world();

    // Act / Assess
    await expect(
      markKeyCompromised(deps, { kid: 'new', at: new Date('2026-05-01T00:00:00Z'), actor: admin }),
    ).rejects.toMatchObject({ code: 'KEY_IS_CURRENT' });
    await expect(
      markKeyCompromised(deps, { kid: 'old', at: new Date('2026-07-01T00:00:00Z'), actor: admin }),
    ).rejects.toMatchObject({ code: 'COMPROMISE_TIME_INVALID' });
    await expect(
      markKeyCompromised(deps, { kid: 'old', at: new Date(Number.NaN), actor: admin }),
    ).rejects.toMatchObject({ code: 'COMPROMISE_TIME_INVALID' });
    expect(audit.entries).toEqual([]);
  });
});
