/**
 * Issue 14's figures for the supervision draw, from one run (`npm run bench -- supervision`; `BENCH_QUICK=1` for a
 * short smoke run):
 *
 * 1. the draw of 300 of 10,000 enterprises, 2 inspectors each from 200 (target ≤ 200 ms, median of repeated runs),
 *    through a pluggable {@link DrawUnderTest} — the domain's `drawPlan` by default; the plan use case can be plugged
 *    in with `supervisionBench({ draw })` once it exists;
 * 2. beside it, in the same run and on the same lists, a plain unverifiable draw: a `Math.random` Fisher–Yates of the
 *    enterprises, and for each the eligible inspectors (same rules) filtered and 2 picked at random — and the ratio;
 * 3. `verify-draw` of the record the draw published (target ≤ 1 s): from the JSON text, through the same function the
 *    command uses (`verifyDrawDocument`: JSON parse, schema, recomputation);
 * 4. the whole `drawSupervisionPlan` use case on DynamoDB Local (in-memory, in this process's local runtime): the plan
 *    and its frozen lists read, the draw, the plan written, 300 spot checks scheduled (a licence read and a conditional
 *    put each) and the last teams written — no target (storage round trips dominate it), beside the draw alone.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDrawDocument } from '../bin/verify-draw-lib';
import { ManualClock } from '../lambdas/adapters/clock/manual-clock';
import {
  canonicalEnterprises,
  canonicalInspectors,
  type DrawEnterprise,
  type DrawInspector,
  enterpriseListDigest,
  inspectorListDigest,
} from '../lambdas/domain/supervision/candidates';
import {
  checkDrawable,
  commitmentOf,
  type DrawEntropy,
  type DrawRecord,
  type DrawRules,
  drawPlan,
} from '../lambdas/domain/supervision/draw';
import { SupervisionPlan } from '../lambdas/domain/supervision/plan';
import { verifyDraw } from '../lambdas/domain/supervision/verify-draw';
import { usccParts, usccWithCheck } from '../lambdas/domain/uscc';
import { startLocalRuntime } from '../lib/local/runtime';
import { type BenchModule, type BenchRow, median, round, sample } from './harness';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const DRAW_TARGET_MS = 200;
const VERIFY_TARGET_MS = 1000;

/**
 * The lists and plan a draw is measured on: the frozen lists as a plan holds them (`drawPlan` puts them in canonical
 * order itself, and that is measured).
 *
 * @example
 * const fixture = drawBenchFixture({ enterprises: 10_000, inspectors: 200, sample: 300 });
 */
export interface DrawBenchFixture {
  readonly planId: string;
  readonly rules: DrawRules;
  readonly enterprises: readonly DrawEnterprise[];
  readonly inspectors: readonly DrawInspector[];
  readonly secret: string;
  readonly entropy: DrawEntropy;
}

/**
 * A draw to measure. `prepare` (not timed) sets up run `run` — a use case would create and freeze a fresh plan here,
 * since a plan is drawn once; `draw` (timed) draws it and returns the published record.
 *
 * @example
 * const useCase: DrawUnderTest = {
 *   label: 'drawPlan use case (DynamoDB Local)',
 *   prepare: (run, fixture) => freezePlan(deps, { ...fixture, planId: `${fixture.planId}-${run}` }),
 *   draw: (run, fixture) => drawFrozenPlan(deps, { planId: `${fixture.planId}-${run}`, entropy: fixture.entropy }),
 * };
 */
export interface DrawUnderTest {
  readonly label: string;
  prepare?(run: number, fixture: DrawBenchFixture): unknown;
  draw(run: number, fixture: DrawBenchFixture): DrawRecord | Promise<DrawRecord>;
}

/**
 * The domain's reference implementation, as the default draw under test (a different secret each run).
 *
 * @example
 * await runSupervisionBench({ draw: domainDraw, fixture, runs: 21, warmUp: 3, verifyRuns: 7 });
 */
export const domainDraw: DrawUnderTest = {
  label: 'drawPlan (domain)',
  draw: (run, fixture) => drawPlan({ ...fixture, secret: secretFor(fixture.secret, run) }),
};

/** A different secret per run, so no run repeats another's walk. */
const secretFor = (secret: string, run: number): string =>
  createHash('sha256').update(`${secret}/${run}`).digest('hex');

/**
 * Registry-like lists: enterprises in eight districts over four categories; inspectors from those districts and the
 * province, qualified for two categories each, at most 5 checks in a plan, a few previous pairings and recusals — so
 * the rules bite (own district excluded, qualification) without making the plan undrawable.
 *
 * @example
 * drawBenchFixture({ enterprises: 10_000, inspectors: 200, sample: 300 }).enterprises.length; // 10000
 */
export function drawBenchFixture(size: {
  readonly enterprises: number;
  readonly inspectors: number;
  readonly sample: number;
}): DrawBenchFixture {
  const districts = ['420100', '420200', '420300', '420500', '420600', '420700', '420800', '421000'];
  const categories = ['06-001', '13-001', '14-001', '16-204'];
  const enterprises = Array.from({ length: size.enterprises }, (_, i): DrawEnterprise => {
    const uscc = usccWithCheck(`91${districts[i % districts.length]}MA${String(i).padStart(7, '0')}`);
    const own = categories[i % 4] as string;
    return {
      uscc,
      licenceNumber: `(鄂)XK13-001-${String((i % 99_999) + 1).padStart(5, '0')}`,
      district: usccParts(uscc).divisionCode,
      categories: i % 9 === 0 ? [own, categories[(i + 1) % 4] as string] : [own],
    };
  });
  const inspectors = Array.from(
    { length: size.inspectors },
    (_, j): DrawInspector => ({
      code: `INS-${String(j).padStart(4, '0')}`,
      unit: `市场监管局 ${j % 9}`,
      district: j % 9 === 8 ? '420000' : (districts[j % 8] as string),
      categories: [categories[j % 4] as string, categories[(j + 2) % 4] as string],
      maxChecks: 5,
      previousPairings: enterprises.filter((_, i) => (i + j) % 997 === 0).map((e) => e.uscc),
      recusals: enterprises.filter((_, i) => (i * 3 + j) % 1999 === 0).map((e) => e.uscc),
    }),
  );
  return {
    planId: 'PLAN-BENCH-2026-12',
    rules: { sample: { kind: 'count', count: size.sample }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
    enterprises,
    inspectors,
    secret: '5e'.repeat(32),
    entropy: { source: 'bench', date: '2026-12-08', format: 'decimal', value: '0309141922270611' },
  };
}

/**
 * The unverifiable way: `Math.random` Fisher–Yates over the enterprises, then for each in turn the inspectors the same
 * rules allow, filtered, and `inspectorsPerCheck` of them picked at random; skipped when too few. Nobody can check it.
 *
 * @example
 * plainShuffle(fixture).length; // 300 teams
 */
export function plainShuffle(fixture: DrawBenchFixture): { uscc: string; inspectors: string[] }[] {
  const k = fixture.rules.inspectorsPerCheck;
  const size = fixture.rules.sample.kind === 'count' ? fixture.rules.sample.count : 0;
  const order = [...fixture.enterprises];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j] as DrawEnterprise, order[i] as DrawEnterprise];
  }
  const used = new Map<string, number>();
  const teams: { uscc: string; inspectors: string[] }[] = [];
  for (const enterprise of order) {
    if (teams.length >= size) break;
    const eligible = fixture.inspectors.filter(
      (i) =>
        (used.get(i.code) ?? 0) < i.maxChecks &&
        !(fixture.rules.excludeOwnDistrict && i.district === enterprise.district) &&
        !i.previousPairings.includes(enterprise.uscc) &&
        !i.recusals.includes(enterprise.uscc) &&
        i.categories.some((c) => enterprise.categories.includes(c)),
    );
    if (eligible.length < k) continue;
    const team: string[] = [];
    for (let t = 0; t < k; t += 1) {
      const [picked] = eligible.splice(Math.floor(Math.random() * eligible.length), 1);
      const code = (picked as DrawInspector).code;
      team.push(code);
      used.set(code, (used.get(code) ?? 0) + 1);
    }
    teams.push({ uscc: enterprise.uscc, inspectors: team });
  }
  return teams;
}

const refuseNetwork = async (): Promise<never> => {
  throw new Error('the bench verifies a record, it fetches nothing');
};

/**
 * Measure: the draw under test and the plain shuffle (medians of `runs` after `warmUp`), then verify-draw of the last
 * record from its JSON text (median of `verifyRuns`).
 *
 * @example
 * const rows = await runSupervisionBench({ draw: domainDraw, fixture, runs: 21, warmUp: 3, verifyRuns: 7 });
 */
export async function runSupervisionBench(options: {
  readonly draw: DrawUnderTest;
  readonly fixture: DrawBenchFixture;
  readonly runs: number;
  readonly warmUp: number;
  readonly verifyRuns: number;
}): Promise<BenchRow[]> {
  const { draw, fixture, runs, warmUp } = options;
  let record: DrawRecord | undefined;
  const drawTimes: number[] = [];
  const drawCpu: number[] = [];
  for (let run = 0; run < warmUp + runs; run += 1) {
    await draw.prepare?.(run, fixture);
    const cpu = process.cpuUsage();
    const start = performance.now();
    record = await draw.draw(run, fixture);
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (run >= warmUp) {
      drawTimes.push(elapsed);
      drawCpu.push((used.user + used.system) / 1000);
    }
  }
  if (!record) throw new Error('no draw ran');
  await sample(warmUp, () => plainShuffle(fixture));
  const plainTimes = await sample(runs, () => plainShuffle(fixture));
  const text = JSON.stringify(record);
  let verdict: Awaited<ReturnType<typeof verifyDrawDocument>> | undefined;
  const verifyTimes = await sample(options.verifyRuns, async () => {
    verdict = await verifyDrawDocument(JSON.parse(text), { fetchJson: refuseNetwork });
  });
  if (!verdict?.match) throw new Error(`the record does not verify: ${JSON.stringify(verdict)}`);

  const drawMs = median(drawTimes);
  const plainMs = median(plainTimes);
  const verifyMs = median(verifyTimes);
  const drawn = record.steps.filter((s) => s.outcome === 'drawn').length;
  const where = `${record.sampleSize} of ${fixture.enterprises.length}, ${fixture.rules.inspectorsPerCheck} each from ${fixture.inspectors.length}`;
  return [
    {
      metric: `${draw.label}: ${where} (median of ${runs})`,
      value: round(drawMs, 1),
      unit: 'ms',
      target: `≤ ${DRAW_TARGET_MS} ms`,
      pass: drawMs <= DRAW_TARGET_MS,
    },
    {
      metric: `plain Math.random shuffle + naive teams, same lists (median of ${runs})`,
      value: round(plainMs, 2),
      unit: 'ms',
    },
    { metric: 'verifiable draw ÷ plain shuffle', value: round(drawMs / plainMs, 1), unit: '×' },
    {
      metric: `verify-draw of the record: JSON text → parse → recompute (median of ${options.verifyRuns})`,
      value: round(verifyMs, 1),
      unit: 'ms',
      target: `≤ ${VERIFY_TARGET_MS} ms`,
      pass: verifyMs <= VERIFY_TARGET_MS,
    },
    {
      // Other work on a shared machine stretches wall time, not the draw's own CPU time: both are shown.
      metric: `${draw.label}: CPU time of this process (median; load average ${round(loadavg()[0] ?? 0, 1)})`,
      value: round(median(drawCpu), 1),
      unit: 'ms',
    },
    { metric: 'record: checks drawn / enterprises skipped', value: `${drawn} / ${record.steps.length - drawn}` },
    { metric: 'record size (JSON)', value: round(text.length / 1024 / 1024, 2), unit: 'MiB' },
  ];
}

/**
 * The bench module, with the draw under test replaceable (the plan use case, once built, plugs in here).
 *
 * @example
 * export default supervisionBench({ draw: useCaseDraw });
 */
export function supervisionBench(options: { readonly draw?: DrawUnderTest } = {}): BenchModule {
  return {
    name: 'supervision',
    description: 'supervision draw: 300 of 10,000 enterprises with 2 inspectors each from 200, and verify-draw',
    run: () =>
      runSupervisionBench({
        draw: options.draw ?? domainDraw,
        fixture: drawBenchFixture({ enterprises: 10_000, inspectors: 200, sample: 300 }),
        runs: QUICK ? 5 : 21,
        warmUp: QUICK ? 1 : 3,
        verifyRuns: QUICK ? 3 : 7,
      }),
  };
}

/** The plan every use-case run draws (a fresh id each run: a plan is drawn once). */
const benchPlanId = (run: number): string => `PLAN-20261208-BENCH${String(run).padStart(5, '0')}`;

/**
 * The use case as a {@link DrawUnderTest}: `prepare` stores a frozen plan over the fixture's lists through the plan
 * repository (what `freezePlan` would leave), `draw` runs `drawSupervisionPlan` on it.
 *
 * @example
 * await runUseCaseDraw(deps, fixture, 11, 2);
 */
async function useCaseDraw(): Promise<{ draw: DrawUnderTest; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-supervision-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, inMemoryDynamo: true, pollers: false, schedules: false });
  const { supervisionDeps } = await import('../lambdas/composition/supervision');
  const { drawSupervisionPlan } = await import('../lambdas/use-cases/supervision/plans');
  const clock = new ManualClock('2026-12-08T10:00:00+08:00');
  const deps = supervisionDeps({ clock });
  const ctx = { actor: { id: 'bench-officer', role: 'officer' }, at: clock.now() };
  const draw: DrawUnderTest = {
    label: 'drawSupervisionPlan use case (DynamoDB Local)',
    prepare: async (run, fixture) => {
      const secret = secretFor(fixture.secret, run);
      const enterprises = canonicalEnterprises(fixture.enterprises);
      const inspectors = canonicalInspectors(fixture.inspectors);
      const draft = SupervisionPlan.create(
        {
          id: benchPlanId(run),
          name: 'bench',
          legalBasis: 'bench',
          scope: { categories: [], districts: [], procedures: [] },
          rules: fixture.rules,
          window: { from: '2026-12-14', to: '2027-01-29' },
          entropy: { source: fixture.entropy.source, date: '2026-12-08', format: fixture.entropy.format },
        },
        ctx,
      );
      const frozen = draft.freeze(
        {
          enterpriseDigest: enterpriseListDigest(enterprises),
          inspectorDigest: inspectorListDigest(inspectors),
          commitment: commitmentOf(secret),
          enterpriseCount: enterprises.length,
          inspectorCount: inspectors.length,
          sampleSize: checkDrawable(fixture.rules, enterprises, inspectors),
        },
        secret,
        ctx,
      );
      await deps.plans.add(draft.toSnapshot());
      await deps.plans.freeze(frozen.toSnapshot(), { enterprises, inspectors }, draft.toSnapshot().revision);
    },
    draw: async (run, fixture) =>
      (
        await drawSupervisionPlan(deps, {
          planId: benchPlanId(run),
          entropyValue: fixture.entropy.value,
          actor: ctx.actor,
        })
      ).record,
  };
  return {
    draw,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Median of the whole use case on DynamoDB Local, and its ratio to the draw alone.
 *
 * @example
 * const rows = await measureUseCase(fixture, 11, 2, 120);
 */
async function measureUseCase(
  fixture: DrawBenchFixture,
  runs: number,
  warmUp: number,
  drawAloneMs: number,
): Promise<BenchRow[]> {
  const { draw, stop } = await useCaseDraw();
  try {
    const times: number[] = [];
    for (let run = 0; run < warmUp + runs; run += 1) {
      await draw.prepare?.(run, fixture);
      const start = performance.now();
      const record = await draw.draw(run, fixture);
      if (run >= warmUp) times.push(performance.now() - start);
      if (!verifyDraw(record).match) throw new Error('the use case published a record that does not verify');
    }
    const ms = median(times);
    return [
      {
        metric: `${draw.label}: lists read, draw, 300 checks scheduled (median of ${runs})`,
        value: round(ms, 1),
        unit: 'ms',
      },
      { metric: 'whole use case ÷ the draw alone', value: round(ms / drawAloneMs, 1), unit: '×' },
    ];
  } finally {
    await stop();
  }
}

/** The default module: the domain draw, the plain shuffle and verify-draw, then the whole use case. */
const bench: BenchModule = {
  ...supervisionBench(),
  run: async () => {
    const rows = await supervisionBench().run();
    const drawAlone = Number(rows[0]?.value);
    const fixture = drawBenchFixture({ enterprises: 10_000, inspectors: 200, sample: 300 });
    return [...rows, ...(await measureUseCase(fixture, QUICK ? 3 : 11, QUICK ? 1 : 2, drawAlone))];
  },
};

export default bench;
