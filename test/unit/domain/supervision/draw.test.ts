import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../lambdas/domain/encoding';
import {
  canonicalEnterprises,
  canonicalInspectors,
  type DrawEnterprise,
  type DrawInspector,
} from '../../../../lambdas/domain/supervision/candidates';
import {
  checkDrawable,
  commitmentOf,
  type DrawRecord,
  type DrawRules,
  drawPlan,
  drawSeed,
  parseEntropy,
  sampleSizeOf,
  walkDraw,
} from '../../../../lambdas/domain/supervision/draw';
import { verifyDraw } from '../../../../lambdas/domain/supervision/verify-draw';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';
import {
  manyEnterprises,
  manyInspectors,
  VECTOR_ENTROPY,
  VECTOR_PLAN_ID,
  VECTOR_RULES,
  VECTOR_SECRET,
  vectorCandidates,
} from '../../../support/supervision';
import { codeOf, issuesOf } from '../../../support/thrown';

const vectorDraw = (): DrawRecord =>
  drawPlan({
    planId: VECTOR_PLAN_ID,
    rules: VECTOR_RULES,
    ...vectorCandidates(),
    secret: VECTOR_SECRET,
    entropy: VECTOR_ENTROPY,
  });

describe('the test vectors of docs/supervision-draw.md §9', () => {
  it('give the documented digests, commitment, seed and walk', () => {
    // Act
    const record = vectorDraw();

    // Assess
    expect(record).toMatchObject({
      enterpriseDigest: 'd06156f906166eb36d06fe8445ecc150a3f83c515e2f356f2deadd8e2cd070a5',
      inspectorDigest: 'cf4ac7f0a51b04c8a43247e94cd46b9f2995914bb1134db7ed0e97356a4019e0',
      commitment: '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
      seed: '2cbc8683e92083395c0e8a131ff2157b5a7ca9e4482f13455b28d69cf22a257e',
      sampleSize: 3,
      shortfall: 0,
    });
    expect(record.steps).toEqual([
      { position: 0, uscc: '91420100MA4K000058', outcome: 'drawn', inspectors: ['INS-C', 'INS-B'] },
      { position: 1, uscc: '91420100MA4K00001U', outcome: 'skipped', eligible: 1 },
      { position: 2, uscc: '91421000MA4K00004C', outcome: 'skipped', eligible: 1 },
      { position: 3, uscc: '91420100MA4K00002Y', outcome: 'drawn', inspectors: ['INS-D', 'INS-B'] },
      { position: 4, uscc: '91420600MA4K00003U', outcome: 'drawn', inspectors: ['INS-D', 'INS-A'] },
    ]);
  });

  it('derive the seed exactly as §5 writes it (encoded here by hand)', () => {
    // Prepare
    const record = vectorDraw();
    const prefixed = (b: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(b.length);
      return Buffer.concat([length, b]);
    };
    const utf8 = (s: string) => prefixed(Buffer.from(s, 'utf8'));
    const hex = (s: string) => prefixed(Buffer.from(s, 'hex'));

    // Act
    const bySpec = createHash('sha256')
      .update(
        Buffer.concat([
          utf8('permit/supervision-draw/v1/seed'),
          hex(VECTOR_SECRET),
          utf8(VECTOR_ENTROPY.value),
          utf8(VECTOR_PLAN_ID),
          hex(record.enterpriseDigest),
          hex(record.inspectorDigest),
        ]),
      )
      .digest('hex');

    // Assess
    expect(record.seed).toBe(bySpec);
  });

  it('commit to the secret’s 32 bytes, not its hex text', () => {
    expect(commitmentOf('00'.repeat(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    expect(commitmentOf(VECTOR_SECRET)).toBe(
      createHash('sha256').update(Buffer.from(VECTOR_SECRET, 'hex')).digest('hex'),
    );
  });
});

describe('drawPlan', () => {
  it('is deterministic: the same inputs give the same record', () => {
    expect(vectorDraw()).toEqual(vectorDraw());
  });

  it('draws the same from the same candidates in any order (the lists are put in canonical order first)', () => {
    // Prepare
    const { enterprises, inspectors } = vectorCandidates();

    // Act
    const shuffled = drawPlan({
      planId: VECTOR_PLAN_ID,
      rules: VECTOR_RULES,
      enterprises: [...enterprises].reverse(),
      inspectors: [...inspectors].reverse(),
      secret: VECTOR_SECRET.toUpperCase(),
      entropy: VECTOR_ENTROPY,
    });

    // Assess
    expect(shuffled).toEqual(vectorDraw());
  });

  it('gives a different walk for another entropy value or another plan id', () => {
    // Prepare
    const enterprises = manyEnterprises(50);
    const inspectors = manyInspectors(10, 5);
    const rules: DrawRules = { sample: { kind: 'count', count: 10 }, inspectorsPerCheck: 2, excludeOwnDistrict: true };
    const draw = (planId: string, value: string) =>
      drawPlan({ planId, rules, enterprises, inspectors, secret: VECTOR_SECRET, entropy: { ...VECTOR_ENTROPY, value } })
        .steps;

    // Act / Assess
    expect(draw('p', '12345678')).not.toEqual(draw('p', '12345679'));
    expect(draw('p', '12345678')).not.toEqual(draw('q', '12345678'));
  });

  it('takes a hex entropy value in either case as the same value', () => {
    // Prepare
    const draw = (value: string) =>
      drawPlan({
        planId: VECTOR_PLAN_ID,
        rules: VECTOR_RULES,
        ...vectorCandidates(),
        secret: VECTOR_SECRET,
        entropy: { ...VECTOR_ENTROPY, format: 'hex', value },
      });

    // Act / Assess
    expect(draw('00000000000000000002A6F1').seed).toBe(draw(' 00000000000000000002a6f1 ').seed);
  });

  it('records a shortfall when the shuffle runs out before the sample is staffed', () => {
    // Prepare: two inspectors, each at most 2 checks, 3 to draw of 3 — the third cannot be staffed
    const enterprises = manyEnterprises(3);
    const inspectors = manyInspectors(3, 1).map((i) => ({ ...i, maxChecks: 2 }));
    const rules: DrawRules = { sample: { kind: 'count', count: 3 }, inspectorsPerCheck: 2, excludeOwnDistrict: true };

    // Act
    const record = drawPlan({
      planId: 'p',
      rules,
      enterprises,
      inspectors,
      secret: VECTOR_SECRET,
      entropy: VECTOR_ENTROPY,
    });

    // Assess
    expect(record.shortfall).toBe(0);
    expect(record.steps.every((s) => s.outcome === 'drawn')).toBe(true);
    const tight = drawPlan({
      planId: 'p',
      rules,
      enterprises,
      inspectors: inspectors.map((i, n) => (n === 0 ? { ...i, recusals: enterprises.map((e) => e.uscc) } : i)),
      secret: VECTOR_SECRET,
      entropy: VECTOR_ENTROPY,
    });
    expect(tight.steps.filter((s) => s.outcome === 'drawn')).toHaveLength(2);
    expect(tight.shortfall).toBe(1);
    expect(tight.steps).toHaveLength(3);
    expect(verifyDraw(tight)).toEqual({ match: true });
  });
});

describe('refusals, before anything is drawn', () => {
  const { enterprises, inspectors } = vectorCandidates();
  const attempt = (
    rules: Partial<DrawRules>,
    entropy = VECTOR_ENTROPY as { format: 'decimal' | 'hex'; value: string },
  ) =>
    issuesOf(() =>
      drawPlan({
        planId: 'p',
        rules: { ...VECTOR_RULES, ...rules },
        enterprises,
        inspectors,
        secret: VECTOR_SECRET,
        entropy: { ...VECTOR_ENTROPY, ...entropy },
      }),
    );

  it('a sample larger than the candidates', () => {
    expect(attempt({ sample: { kind: 'count', count: 6 } })).toEqual({
      code: 'SUPERVISION_SAMPLE_TOO_LARGE',
      fields: ['rules.sample'],
    });
  });

  it('more checks than the eligible inspectors can cover', () => {
    // places: 5 checks × 2 = 10, but the maxima give only min(2,5) + min(2,5) + min(1,5) + min(3,5) = 8
    expect(attempt({ sample: { kind: 'count', count: 5 } })).toEqual({
      code: 'SUPERVISION_INSPECTORS_INSUFFICIENT',
      fields: ['inspectors'],
    });
    // staffable: with maxima of 10 there are places enough, but the 14-001 enterprise has one eligible inspector
    // (INS-C is in its district), so only 4 of the 5 can ever be staffed
    const roomy = inspectors.map((i) => ({ ...i, maxChecks: 10 }));
    expect(
      issuesOf(() => checkDrawable({ ...VECTOR_RULES, sample: { kind: 'count', count: 5 } }, enterprises, roomy)),
    ).toEqual({ code: 'SUPERVISION_INSPECTORS_INSUFFICIENT', fields: ['inspectors'] });
    expect(checkDrawable({ ...VECTOR_RULES, sample: { kind: 'count', count: 4 } }, enterprises, roomy)).toBe(4);
    // places: 40 enterprises × 2 = 80 > 10 inspectors × 5
    expect(
      codeOf(() =>
        checkDrawable(
          { ...VECTOR_RULES, sample: { kind: 'count', count: 40 } },
          manyEnterprises(50),
          manyInspectors(10, 5),
        ),
      ),
    ).toBe('SUPERVISION_INSPECTORS_INSUFFICIENT');
  });

  it('a malformed entropy value', () => {
    for (const [format, value] of [
      ['decimal', '1234567'],
      ['decimal', '12345678a'],
      ['hex', 'xyz12345678'],
      ['hex', 'f'.repeat(129)],
      ['decimal', ''],
    ] as const) {
      expect(attempt({}, { format, value })).toEqual({
        code: 'SUPERVISION_ENTROPY_MALFORMED',
        fields: ['entropy.value'],
      });
    }
    expect(parseEntropy('9'.repeat(128), 'decimal')).toHaveLength(128);
  });

  it('fewer than two inspectors per check', () => {
    expect(attempt({ inspectorsPerCheck: 1 })).toEqual({
      code: 'SUPERVISION_INSPECTORS_PER_CHECK',
      fields: ['rules.inspectorsPerCheck'],
    });
  });

  it('a secret that is not 64 hex digits', () => {
    expect(codeOf(() => commitmentOf('abc'))).toBe('SUPERVISION_SECRET_MALFORMED');
  });
});

describe('sampleSizeOf', () => {
  it('rounds a ratio up, in integers', () => {
    expect(sampleSizeOf({ kind: 'ratio', basisPoints: 300 }, 500)).toBe(15);
    expect(sampleSizeOf({ kind: 'ratio', basisPoints: 300 }, 501)).toBe(16);
    expect(sampleSizeOf({ kind: 'ratio', basisPoints: 1 }, 3)).toBe(1);
    expect(sampleSizeOf({ kind: 'ratio', basisPoints: 10_000 }, 7)).toBe(7);
  });

  it('refuses a count below 1 and a ratio outside 1–10000 basis points', () => {
    expect(codeOf(() => sampleSizeOf({ kind: 'count', count: 0 }, 5))).toBe('INVALID_FIELDS');
    expect(codeOf(() => sampleSizeOf({ kind: 'ratio', basisPoints: 10_001 }, 5))).toBe('INVALID_FIELDS');
    expect(codeOf(() => sampleSizeOf({ kind: 'ratio', basisPoints: 0 }, 5))).toBe('INVALID_FIELDS');
  });
});

/** A small world of candidates with conflicts everywhere. */
const arbWorld = () =>
  fc
    .record({
      enterprises: fc.uniqueArray(
        fc.record({
          serial: fc.integer({ min: 0, max: 9999 }),
          district: fc.constantFrom('420100', '420600', '421000'),
          categories: fc.subarray(['13-001', '14-001', '27-005'], { minLength: 1 }),
        }),
        { minLength: 1, maxLength: 12, selector: (e) => e.serial },
      ),
      inspectors: fc.array(
        fc.record({
          district: fc.constantFrom('420100', '420600', '421000'),
          categories: fc.subarray(['13-001', '14-001', '27-005'], { minLength: 1 }),
          maxChecks: fc.integer({ min: 1, max: 3 }),
          pairings: fc.array(fc.nat(11), { maxLength: 3 }),
          recusals: fc.array(fc.nat(11), { maxLength: 3 }),
        }),
        { minLength: 2, maxLength: 8 },
      ),
      k: fc.integer({ min: 2, max: 3 }),
      sampleShare: fc.double({ min: 0, max: 1, noNaN: true }),
      excludeOwnDistrict: fc.boolean(),
      secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      entropy: fc.stringMatching(/^[0-9]{8,20}$/),
    })
    .map((w) => {
      const enterprises = canonicalEnterprises(
        w.enterprises.map((e) => ({
          uscc: usccWithCheck(`91${e.district}MA${String(e.serial).padStart(7, '0')}`),
          licenceNumber: `L${e.serial}`,
          categories: e.categories,
        })),
      );
      const usccAt = (n: number) => enterprises[n % enterprises.length]?.uscc ?? '';
      const inspectors = canonicalInspectors(
        w.inspectors.map((i, n) => ({
          code: `INS-${n}`,
          unit: 'U',
          district: i.district,
          categories: i.categories,
          maxChecks: i.maxChecks,
          previousPairings: i.pairings.map(usccAt),
          recusals: i.recusals.map(usccAt),
        })),
      );
      const count = Math.max(1, Math.ceil(w.sampleShare * enterprises.length));
      const rules: DrawRules = {
        sample: { kind: 'count', count },
        inspectorsPerCheck: w.k,
        excludeOwnDistrict: w.excludeOwnDistrict,
      };
      return { enterprises, inspectors, rules, secret: toHex(w.secret), entropy: w.entropy };
    });

/** The conflict rules, restated independently of the implementation. */
function breaks(i: DrawInspector, e: DrawEnterprise, rules: DrawRules): string | undefined {
  if (rules.excludeOwnDistrict && i.district === e.district) return 'own district';
  if (i.previousPairings.includes(e.uscc)) return 'previous check';
  if (i.recusals.includes(e.uscc)) return 'recusal';
  if (!i.categories.some((c) => e.categories.includes(c))) return 'not qualified';
  return undefined;
}

describe('no draw ever breaks a conflict rule', () => {
  it('holds for random candidates, rules, secrets and entropy (fast-check)', () => {
    fc.assert(
      fc.property(arbWorld(), ({ enterprises, inspectors, rules, secret, entropy }) => {
        // Act
        let record: DrawRecord;
        try {
          record = drawPlan({
            planId: 'prop',
            rules,
            enterprises,
            inspectors,
            secret,
            entropy: { ...VECTOR_ENTROPY, value: entropy },
          });
        } catch (error) {
          expect((error as { code?: string }).code).toBe('SUPERVISION_INSPECTORS_INSUFFICIENT');
          return;
        }

        // Assess: every team obeys every rule; every skip really had too few eligible; maxima hold; the walk is honest
        const byCode = new Map(inspectors.map((i) => [i.code, i]));
        const byUscc = new Map<string, DrawEnterprise>(enterprises.map((e) => [e.uscc, e]));
        const used = new Map<string, number>();
        record.steps.forEach((step, position) => {
          expect(step.position).toBe(position);
          const enterprise = byUscc.get(step.uscc) as DrawEnterprise;
          const eligible = inspectors.filter(
            (i) => (used.get(i.code) ?? 0) < i.maxChecks && breaks(i, enterprise, rules) === undefined,
          );
          if (step.outcome === 'skipped') {
            expect(step.eligible).toBe(eligible.length);
            expect(eligible.length).toBeLessThan(rules.inspectorsPerCheck);
            return;
          }
          expect(step.inspectors).toHaveLength(rules.inspectorsPerCheck);
          expect(new Set(step.inspectors).size).toBe(rules.inspectorsPerCheck);
          for (const code of step.inspectors) {
            const inspector = byCode.get(code) as DrawInspector;
            expect(breaks(inspector, enterprise, rules)).toBeUndefined();
            used.set(code, (used.get(code) ?? 0) + 1);
            expect(used.get(code)).toBeLessThanOrEqual(inspector.maxChecks);
          }
        });
        expect(new Set(record.steps.map((s) => s.uscc)).size).toBe(record.steps.length);
        const drawn = record.steps.filter((s) => s.outcome === 'drawn').length;
        expect(drawn + record.shortfall).toBe(record.sampleSize);
        if (record.shortfall > 0) expect(record.steps).toHaveLength(enterprises.length);
        expect(verifyDraw(record)).toEqual({ match: true });
      }),
      { numRuns: 300 },
    );
  });
});

/** The upper critical value of χ² with `df` degrees of freedom at p = 0.001 (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.090232; // standard normal, upper 0.001
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

const chiSquare = (counts: readonly number[], expected: number): number =>
  counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);

describe('the draw is uniform (statistical test)', () => {
  it('selects each of 500 enterprises, and sends each of 20 inspectors, about equally often over 2,000 draws', () => {
    // Prepare: 30 of 500 enterprises, 2 inspectors each from 20 (no conflicts, so every candidate is equally likely)
    const enterprises = manyEnterprises(500);
    const inspectors = manyInspectors(20, 5);
    const rules: DrawRules = { sample: { kind: 'count', count: 30 }, inspectorsPerCheck: 2, excludeOwnDistrict: true };
    const draws = 2000;
    const selected = new Map<string, number>(enterprises.map((e) => [e.uscc, 0]));
    const sent = new Map(inspectors.map((i) => [i.code, 0]));

    // Act: fixed seeds
    for (let n = 0; n < draws; n += 1) {
      const seed = drawSeed({
        secret: createHash('sha256').update(`statistical-test-${n}`).digest('hex'),
        entropy: String(10_000_000 + n),
        planId: 'stat',
        enterpriseDigest: '00'.repeat(32),
        inspectorDigest: '00'.repeat(32),
      });
      const { steps, shortfall } = walkDraw(seed, rules, 30, enterprises, inspectors);
      expect(shortfall).toBe(0);
      for (const step of steps) {
        expect(step.outcome).toBe('drawn');
        selected.set(step.uscc, (selected.get(step.uscc) ?? 0) + 1);
        if (step.outcome === 'drawn') for (const code of step.inspectors) sent.set(code, (sent.get(code) ?? 0) + 1);
      }
    }

    // Assess: χ² over all candidates (p > 0.001), and each count within its binomial bounds (Bonferroni over 500)
    const p = 30 / 500;
    const expected = draws * p;
    const counts = [...selected.values()];
    expect(chiSquare(counts, expected)).toBeLessThan(chiSquareCritical(counts.length - 1));
    const bound = 4.753 * Math.sqrt(draws * p * (1 - p)); // two-sided 0.001 / 500 per candidate
    for (const c of counts) expect(Math.abs(c - expected)).toBeLessThanOrEqual(bound);
    const sentCounts = [...sent.values()];
    expect(chiSquare(sentCounts, (draws * 30 * 2) / 20)).toBeLessThan(chiSquareCritical(sentCounts.length - 1));
  });
});
