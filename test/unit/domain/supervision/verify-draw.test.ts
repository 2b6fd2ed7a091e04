import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../lambdas/domain/encoding';
import {
  canonicalEnterprises,
  enterpriseListDigest,
  inspectorListDigest,
} from '../../../../lambdas/domain/supervision/candidates';
import { commitmentOf, type DrawRecord, drawPlan, drawSeed } from '../../../../lambdas/domain/supervision/draw';
import { verifyDraw } from '../../../../lambdas/domain/supervision/verify-draw';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';
import { manyEnterprises, manyInspectors, VECTOR_ENTROPY, VECTOR_SECRET } from '../../../support/supervision';

const OTHER_SECRET = 'ff'.repeat(32);

/** A published record: 10 of 40 enterprises, 2 inspectors each from 12. */
const published = (): DrawRecord =>
  drawPlan({
    planId: 'plan-2026-07',
    rules: { sample: { kind: 'count', count: 10 }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
    enterprises: manyEnterprises(40),
    inspectors: manyInspectors(12, 3),
    secret: VECTOR_SECRET,
    entropy: VECTOR_ENTROPY,
  });

/** A record re-sealed after tampering: digests, commitment and seed recomputed, the walk left as published. */
function resealed(record: DrawRecord): DrawRecord {
  const enterpriseDigest = enterpriseListDigest(record.enterprises);
  const inspectorDigest = inspectorListDigest(record.inspectors);
  const seed = drawSeed({ ...record, entropy: record.entropy.value, enterpriseDigest, inspectorDigest });
  return { ...record, enterpriseDigest, inspectorDigest, commitment: commitmentOf(record.secret), seed: toHex(seed) };
}

const fieldOf = (record: DrawRecord): string | undefined => {
  const verdict = verifyDraw(record);
  return verdict.match ? undefined : verdict.difference.field;
};

describe('verifyDraw', () => {
  it('confirms a record, also after a round trip through JSON (what a verifier downloads)', () => {
    expect(verifyDraw(published())).toEqual({ match: true });
    expect(verifyDraw(JSON.parse(JSON.stringify(published())) as DrawRecord)).toEqual({ match: true });
  });

  it('names the enterprise digest when a candidate is added or removed', () => {
    // Prepare
    const record = published();
    const extra = canonicalEnterprises([
      { uscc: usccWithCheck('91420100MB0000001'), licenceNumber: '(鄂)XK13-001-99999', categories: ['13-001'] },
    ]);
    const added = { ...record, enterprises: canonicalEnterprises([...record.enterprises, ...extra]) };
    const removed = { ...record, enterprises: record.enterprises.slice(1) };

    // Act / Assess
    expect(verifyDraw(added)).toEqual({
      match: false,
      difference: {
        field: 'enterpriseDigest',
        expected: enterpriseListDigest(added.enterprises),
        actual: record.enterpriseDigest,
      },
    });
    expect(fieldOf(removed)).toBe('enterpriseDigest');
    expect(fieldOf({ ...record, inspectors: record.inspectors.slice(1) })).toBe('inspectorDigest');
  });

  it('names the seed when a list was changed and every hash re-sealed (the walk no longer follows)', () => {
    // Prepare: a candidate removed, digests and seed recomputed to hide it
    const record = published();
    const tampered = resealed({ ...record, enterprises: record.enterprises.slice(1) });

    // Act / Assess: the published seed stands; a resealed one changes the walk
    expect(fieldOf({ ...tampered, seed: record.seed })).toBe('seed');
    expect(fieldOf(tampered)).toMatch(/^steps\.\d+\./);
  });

  it('names the seed for another entropy value', () => {
    // Act
    const verdict = verifyDraw({ ...published(), entropy: { ...VECTOR_ENTROPY, value: '99999999' } });

    // Assess
    expect(verdict).toMatchObject({ match: false, difference: { field: 'seed' } });
  });

  it('names the commitment for another secret, and the seed if the commitment was replaced too', () => {
    // Prepare
    const record = published();

    // Act / Assess
    expect(verifyDraw({ ...record, secret: OTHER_SECRET })).toEqual({
      match: false,
      difference: { field: 'commitment', expected: commitmentOf(OTHER_SECRET), actual: record.commitment },
    });
    expect(fieldOf({ ...record, secret: OTHER_SECRET, commitment: commitmentOf(OTHER_SECRET) })).toBe('seed');
  });

  it('names the first step that differs when the walk was steered, by position and field', () => {
    // Prepare: the second team altered; and, separately, the last step dropped
    const record = published();
    const steps = [...record.steps];
    const second = steps[1];
    if (second?.outcome !== 'drawn') throw new Error('fixture: step 1 is drawn');
    // the same two inspectors in the other order: the record fixes the order drawn, so even this is a difference
    steps[1] = { ...second, inspectors: [...second.inspectors].reverse() };

    // Act / Assess
    expect(verifyDraw({ ...record, steps })).toMatchObject({
      match: false,
      difference: { field: 'steps.1.inspectors', expected: second.inspectors },
    });
    expect(fieldOf({ ...record, steps: record.steps.slice(0, -1) })).toBe(`steps.${record.steps.length - 1}`);
    expect(fieldOf({ ...record, shortfall: 1 })).toBe('shortfall');
  });

  it('names a list out of canonical order by its position, and a malformed entropy value by its field', () => {
    // Prepare
    const record = published();
    const reversed = { ...record, enterprises: [...record.enterprises].reverse() };

    // Act / Assess
    expect(fieldOf(reversed)).toBe('enterprises.0');
    expect(fieldOf({ ...record, entropy: { ...record.entropy, value: '12ab' } })).toBe('entropy.value');
    expect(fieldOf({ ...record, secret: 'not hex' })).toBe('secret');
    expect(fieldOf({ ...record, sampleSize: 11 })).toBe('sampleSize');
  });
});
