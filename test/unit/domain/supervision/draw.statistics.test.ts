/**
 * The draw is fair and never breaks a rule, over 2,000 draws with fixed seeds (secret and entropy varied
 * deterministically, so the run is the same every time):
 *
 * 1. **Uniformity** — 30 of 500 enterprises, 2 inspectors each from 20: each enterprise's selection count fits the
 *    binomial expectation (a chi-square goodness-of-fit test, p > 0.001, and every count within 5 σ); so does each
 *    inspector's, where no maximum binds.
 * 2. **Rules** — on a fixture where conflicts and maxima DO bind (skips happen, asserted), every step is re-checked by
 *    an independent implementation of the rules of `docs/supervision-draw.md` §7: team size, distinct inspectors,
 *    qualification, own district (when excluded), previous pairing, recusal, per-plan maximum; and every skip really
 *    had fewer than `inspectorsPerCheck` eligible inspectors at that moment.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../lambdas/domain/encoding';
import {
  canonicalEnterprises,
  canonicalInspectors,
  type DrawEnterprise,
  type DrawInspector,
  enterpriseListDigest,
  inspectorListDigest,
} from '../../../../lambdas/domain/supervision/candidates';
import {
  checkDrawable,
  type DrawRecord,
  type DrawRules,
  drawPlan,
  drawSeed,
  walkDraw,
} from '../../../../lambdas/domain/supervision/draw';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';
import { chiSquareSurvival } from '../../../support/chi-square';
import { manyEnterprises, manyInspectors } from '../../../support/supervision';

const DRAWS = 2_000;
const SAMPLE = 30;

/** The i-th draw's secret and entropy: fixed, different for every draw. */
const secretOf = (i: number): string => createHash('sha256').update(`draw-statistics/secret/${i}`).digest('hex');
const entropyOf = (i: number) =>
  ({ source: 'test', date: '2026-12-08', format: 'decimal', value: String(10_000_000 + i * 7_919) }) as const;

/**
 * The i = 0 … count−1 draws of a plan. The lists, their digests and the sample size are the same for every draw, so
 * they are computed once (as `drawPlan` computes them); each draw then derives its seed and walks, exactly as
 * `drawPlan` does — which the first test checks for a few draws. (Calling `drawPlan` 2,000 times would re-canonicalise
 * and re-hash the 500 enterprises each time, and the test must run in seconds.)
 */
function draws(
  planId: string,
  rules: (i: number) => DrawRules,
  enterprises: readonly DrawEnterprise[],
  inspectors: readonly DrawInspector[],
  count = DRAWS,
): Draw[] {
  const enterpriseDigest = enterpriseListDigest(enterprises);
  const inspectorDigest = inspectorListDigest(inspectors);
  return Array.from({ length: count }, (_, i) => {
    const drawRules = rules(i);
    const sampleSize = checkDrawable(drawRules, enterprises, inspectors);
    const seed = drawSeed({
      secret: secretOf(i),
      entropy: entropyOf(i).value,
      planId,
      enterpriseDigest,
      inspectorDigest,
    });
    return {
      planId,
      rules: drawRules,
      seed: toHex(seed),
      sampleSize,
      ...walkDraw(seed, drawRules, sampleSize, enterprises, inspectors),
    };
  });
}

/** What the tests look at of a record. */
type Draw = Pick<DrawRecord, 'planId' | 'rules' | 'seed' | 'sampleSize' | 'steps' | 'shortfall'>;

/** The first draws of a plan are the records `drawPlan` publishes. */
function sameAsDrawPlan(
  draws: readonly Draw[],
  enterprises: readonly DrawEnterprise[],
  inspectors: readonly DrawInspector[],
) {
  return draws.slice(0, 3).every((draw, i) => {
    const record = drawPlan({
      planId: draw.planId,
      rules: draw.rules,
      enterprises,
      inspectors,
      secret: secretOf(i),
      entropy: entropyOf(i),
    });
    return (
      JSON.stringify(draw) ===
      JSON.stringify({
        planId: record.planId,
        rules: record.rules,
        seed: record.seed,
        sampleSize: record.sampleSize,
        steps: record.steps,
        shortfall: record.shortfall,
      })
    );
  });
}

describe('uniformity: 2,000 draws of 30 of 500 enterprises, 2 inspectors each from 20', () => {
  // Uniformity is only expected of enterprises that are never skipped: a skip hands the place to the next enterprise
  // in the shuffle, so an enterprise that is hard to staff is drawn less and its neighbours more. So here nothing can
  // bind: every enterprise is in 420100 and every inspector elsewhere (4206xx), all share the one category, there are
  // no pairings or recusals, and with a maximum of 5 checks at most 12 of the 20 inspectors can be full after 60
  // assignments (30 × 2), leaving at least 8 ≥ 2 eligible for every enterprise at every step. The drawn enterprises
  // are then exactly the first 30 of a uniform shuffle: each is drawn with probability 30/500 in each draw.
  const enterprises = manyEnterprises(500);
  const inspectors = manyInspectors(20, 5);
  const records = draws(
    'PLAN-STATISTICS-UNIFORM',
    () => ({ sample: { kind: 'count', count: SAMPLE }, inspectorsPerCheck: 2, excludeOwnDistrict: true }),
    enterprises,
    inspectors,
  );

  it('never skips (the premise of the uniformity test), and the draws are those drawPlan publishes', () => {
    // Assess
    expect(sameAsDrawPlan(records, enterprises, inspectors)).toBe(true);
    const skipped = records.flatMap((r) => r.steps.filter((s) => s.outcome === 'skipped'));
    expect(skipped).toEqual([]);
    expect(records.every((r) => r.steps.length === SAMPLE && r.shortfall === 0)).toBe(true);
  });

  it('selects each enterprise as often as chance says: chi-square p > 0.001, every count within 5 σ', () => {
    // Prepare
    const counts = new Map(enterprises.map((e) => [e.uscc as string, 0]));
    for (const record of records) {
      for (const step of record.steps) counts.set(step.uscc, (counts.get(step.uscc) ?? 0) + 1);
    }

    // A steered draw that never picks one enterprise (its place going to another) must fail the same test
    const [first = 0, second = 0, ...rest] = counts.values();
    const steered = [0, first + second, ...rest];

    // Act
    const fit = goodnessOfFit([...counts.values()], DRAWS, SAMPLE);
    const steeredFit = goodnessOfFit(steered, DRAWS, SAMPLE);

    // Assess
    expect(fit.total).toBe(DRAWS * SAMPLE);
    expect(fit.pValue).toBeGreaterThan(0.001);
    expect(fit.outside5Sigma).toEqual([]);
    expect(steeredFit.pValue).toBeLessThan(0.001);
  });

  it('sends each inspector as often as chance says, where no maximum can bind (chi-square p > 0.001)', () => {
    // Prepare: a maximum of 30 checks never binds in a plan of 30, so every team is a uniform pair of the 20
    const free = manyInspectors(20, SAMPLE);
    const teams = draws(
      'PLAN-STATISTICS-INSPECTORS',
      () => ({ sample: { kind: 'count', count: SAMPLE }, inspectorsPerCheck: 2, excludeOwnDistrict: true }),
      enterprises,
      free,
    ).flatMap((r) => r.steps.flatMap((s) => (s.outcome === 'drawn' ? [s.inspectors] : [])));
    const counts = new Map(free.map((i) => [i.code, 0]));
    for (const team of teams) for (const code of team) counts.set(code, (counts.get(code) ?? 0) + 1);

    // Act: each check is one draw of 2 of the 20
    const fit = goodnessOfFit([...counts.values()], teams.length, 2);

    // Assess
    expect(teams).toHaveLength(DRAWS * SAMPLE);
    expect(fit.pValue).toBeGreaterThan(0.001);
    expect(fit.outside5Sigma).toEqual([]);
  });
});

/**
 * Chi-square goodness of fit for selection counts, when each of `draws` independent draws picks `perDraw` of the
 * `counts.length` candidates uniformly *without* replacement. A candidate's count is then Binomial(draws, p) with
 * p = perDraw / N, and two counts are slightly negatively correlated: Cov(O) = D·p(1−p)·N/(N−1)·(I − J/N). Scaled by
 * that variance, Σ(O − E)² follows χ² with N − 1 degrees of freedom (the counts always add up to D × perDraw); plain
 * Pearson (÷ E) would be conservative by a factor (1 − p).
 */
function goodnessOfFit(counts: readonly number[], draws: number, perDraw: number) {
  const n = counts.length;
  const p = perDraw / n;
  const expected = draws * p;
  const variance = draws * p * (1 - p) * (n / (n - 1));
  const statistic = counts.reduce((sum, o) => sum + (o - expected) ** 2 / variance, 0);
  const sigma = Math.sqrt(draws * p * (1 - p));
  return {
    total: counts.reduce((a, b) => a + b, 0),
    pValue: chiSquareSurvival(statistic, n - 1),
    outside5Sigma: counts.filter((o) => Math.abs(o - expected) > 5 * sigma),
  };
}

/**
 * A fixture where the rules bind. 500 enterprises in four districts; one in five makes only category 14-001, for which
 * just four inspectors (at most 2 checks each) are qualified — so after four such checks every further 14-001
 * enterprise in the shuffle is skipped; every inspector has previous pairings and recusals; the maxima (2–5, 72 places
 * for 60 assignments) run low as a draw goes on. Half the draws exclude the own district, half do not.
 */
function bindingFixture(): { enterprises: DrawEnterprise[]; inspectors: DrawInspector[] } {
  const districts = ['420100', '420600', '421000', '420500'];
  const enterprises = canonicalEnterprises(
    Array.from({ length: 500 }, (_, i) => ({
      uscc: usccWithCheck(`91${districts[i % 4]}MA${String(i).padStart(7, '0')}`),
      licenceNumber: `(鄂)XK13-001-${String(i).padStart(5, '0')}`,
      categories: i % 5 === 0 ? ['14-001'] : i % 7 === 0 ? ['13-001', '16-204'] : ['13-001'],
    })),
  );
  const usccs = enterprises.map((e) => e.uscc as string);
  const inspectorDistricts = [...districts, '420000'];
  const inspectors = canonicalInspectors(
    Array.from({ length: 20 }, (_, j) => ({
      code: `INS-${String(j).padStart(2, '0')}`,
      unit: `unit ${j % 5}`,
      district: inspectorDistricts[j % 5] as string,
      categories: j < 4 ? ['13-001', '14-001'] : j % 2 === 0 ? ['13-001', '16-204'] : ['13-001'],
      maxChecks: j < 4 ? 2 : 3 + (j % 3),
      previousPairings: usccs.filter((_, i) => (i + j) % 23 === 0),
      recusals: usccs.filter((_, i) => (i * 7 + j) % 41 === 0),
    })),
  );
  return { enterprises, inspectors };
}

/** An independent reading of the rules (§7), step by step; returns what it finds broken, as text. */
function brokenRules(record: Draw, enterprises: readonly DrawEnterprise[], inspectors: readonly DrawInspector[]) {
  const broken: string[] = [];
  const byUscc = new Map(enterprises.map((e) => [e.uscc as string, e]));
  const rules = record.rules;
  const k = rules.inspectorsPerCheck;
  const barred = new Map(inspectors.map((i) => [i.code, new Set([...i.previousPairings, ...i.recusals])]));
  const used = new Map<string, number>();
  const seen = new Set<string>();
  const may = (i: DrawInspector, e: DrawEnterprise): string | undefined => {
    if ((used.get(i.code) ?? 0) >= i.maxChecks) return 'per-plan maximum';
    if (rules.excludeOwnDistrict && i.district === e.district) return 'own district';
    if (i.previousPairings.includes(e.uscc)) return 'previous pairing';
    if (i.recusals.includes(e.uscc)) return 'recusal';
    if (!i.categories.some((c) => e.categories.includes(c))) return 'qualification';
    return undefined;
  };
  record.steps.forEach((step, index) => {
    const at = `${record.planId} draw of ${record.seed.slice(0, 8)}, step ${index}`;
    const enterprise = byUscc.get(step.uscc);
    if (!enterprise || seen.has(step.uscc) || step.position !== index) {
      broken.push(`${at}: not a fresh enterprise of the list at its position`);
      return;
    }
    seen.add(step.uscc);
    const eligible = inspectors.filter(
      (i) => !barred.get(i.code)?.has(enterprise.uscc) && may(i, enterprise) === undefined,
    );
    if (step.outcome === 'skipped') {
      if (step.eligible !== eligible.length || eligible.length >= k) {
        broken.push(`${at}: skipped with ${step.eligible} eligible recorded, ${eligible.length} by the rules`);
      }
      return;
    }
    if (step.inspectors.length !== k) broken.push(`${at}: a team of ${step.inspectors.length}, not ${k}`);
    if (new Set(step.inspectors).size !== step.inspectors.length) broken.push(`${at}: an inspector twice`);
    for (const code of step.inspectors) {
      const inspector = inspectors.find((i) => i.code === code);
      const why = inspector ? may(inspector, enterprise) : 'unknown inspector';
      if (why) broken.push(`${at}: ${code} breaks ${why}`);
    }
    for (const code of step.inspectors) used.set(code, (used.get(code) ?? 0) + 1);
  });
  const drawn = record.steps.filter((s) => s.outcome === 'drawn').length;
  if (drawn !== record.sampleSize - record.shortfall) broken.push(`${record.seed}: ${drawn} drawn, shortfall wrong`);
  return broken;
}

describe('rules: 2,000 draws where conflicts and maxima bind', () => {
  const { enterprises, inspectors } = bindingFixture();
  const records = draws(
    'PLAN-STATISTICS-RULES',
    (i) => ({ sample: { kind: 'count', count: SAMPLE }, inspectorsPerCheck: 2, excludeOwnDistrict: i % 2 === 0 }),
    enterprises,
    inspectors,
  );

  it('skips happen (the fixture binds), for each reason the rules give', () => {
    // Assess
    expect(sameAsDrawPlan(records, enterprises, inspectors)).toBe(true);
    const skips = records.flatMap((r) => r.steps.filter((s) => s.outcome === 'skipped'));
    expect(skips.length).toBeGreaterThan(DRAWS);
    expect(records.filter((r) => r.steps.some((s) => s.outcome === 'skipped')).length).toBeGreaterThan(DRAWS / 2);
    // skipped with some eligible (the maxima ran low) and with none (category or conflicts)
    expect(skips.some((s) => s.outcome === 'skipped' && s.eligible === 1)).toBe(true);
    expect(skips.some((s) => s.outcome === 'skipped' && s.eligible === 0)).toBe(true);
  });

  it('never breaks a rule, and every skip had fewer than inspectorsPerCheck eligible', () => {
    // Act
    const broken = records.flatMap((record) => brokenRules(record, enterprises, inspectors));

    // Assess
    expect(broken).toEqual([]);
  });

  it('holds on the uniform fixture too, with teams of 3', () => {
    // Prepare
    const enterprises = manyEnterprises(500);
    const inspectors = manyInspectors(20, 5);
    const rules: DrawRules = {
      sample: { kind: 'count', count: SAMPLE },
      inspectorsPerCheck: 3,
      excludeOwnDistrict: true,
    };

    // Act
    const uniform = draws('PLAN-STATISTICS-TEAMS-OF-3', () => rules, enterprises, inspectors, 200);

    // Assess
    expect(uniform.flatMap((r) => brokenRules(r, enterprises, inspectors))).toEqual([]);
  });
});
