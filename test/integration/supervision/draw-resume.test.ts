/**
 * A draw that stops half-way (the process dies while scheduling its checks) is completed by the same draw again —
 * never re-drawn with another value — through the use cases on the emulators with a ManualClock.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { supervisionDeps } from '../../../lambdas/composition/supervision';
import type { InspectionSnapshot } from '../../../lambdas/domain/inspection';
import type { SupervisionDeps } from '../../../lambdas/use-cases/supervision/deps';
import { registerInspector } from '../../../lambdas/use-cases/supervision/inspectors';
import { createPlan, drawSupervisionPlan, freezePlan, getPlan } from '../../../lambdas/use-cases/supervision/plans';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { licensed, planBody, usccIn } from '../../support/supervision-api';

let runtime: TestRuntime;
const officer = { id: 'officer-1', role: 'officer' };
const admin = { id: 'admin-1', role: 'admin' };

beforeAll(async () => {
  runtime = await startTestRuntime();
  for (const n of [1, 2, 3, 4, 5]) await licensed(runtime, usccIn('420100', 950 + n), 950 + n);
}, 120_000);
afterAll(() => runtime?.stop());

/** Inspections that fail after `allowed` creations, like a process that dies. */
function dyingAfter(deps: SupervisionDeps, allowed: number): SupervisionDeps['inspections'] {
  let created = 0;
  const dying: SupervisionDeps['inspections'] = {
    get: (id) => deps.inspections.get(id),
    save: (i, r) => deps.inspections.save(i, r),
    list: (f, p) => deps.inspections.list(f, p),
    listByPlan: (id, p) => deps.inspections.listByPlan(id, p),
    listPublications: (f, p) => deps.inspections.listPublications(f, p),
    create: async (inspection: InspectionSnapshot) => {
      if (created >= allowed) throw new Error('the process died');
      created += 1;
      return deps.inspections.create(inspection);
    },
    createAll: async (inspections: readonly InspectionSnapshot[]) => {
      for (const inspection of inspections) await dying.create(inspection);
    },
  };
  return dying;
}

describe('an interrupted draw', () => {
  test('is completed by the same entropy value, refused with another, and never drawn twice', async () => {
    // Prepare: a frozen plan, its entropy's day come
    const clock = new ManualClock('2026-12-07T10:00:00+08:00');
    const deps = supervisionDeps({ clock });
    for (const id of ['R-1', 'R-2', 'R-3', 'R-4']) {
      await registerInspector(deps, {
        input: { id, name: id, unit: 'U', district: '420600', categories: ['06'], maxChecksPerPlan: 3 },
        actor: admin,
      });
    }
    const { sample, inspectorsPerCheck, name, legalBasis, window, entropy } = planBody();
    const plan = await createPlan(deps, {
      draft: {
        name,
        legalBasis,
        window,
        entropy: { ...entropy, format: 'decimal' },
        scope: { categories: ['06'], districts: ['420100'], procedures: [] },
        rules: { sample: sample as { kind: 'count'; count: number }, inspectorsPerCheck, excludeOwnDistrict: true },
      },
      actor: officer,
    });
    await freezePlan(deps, { planId: plan.id, actor: officer });
    clock.set('2026-12-08T20:00:00+08:00');

    // Act
    const dying = { ...deps, inspections: dyingAfter(deps, 1) };
    const crashed = await drawSupervisionPlan(dying, {
      planId: plan.id,
      entropyValue: '12345678',
      actor: officer,
    }).catch((e: Error) => e.message);
    const halfway = await getPlan(deps, plan.id);
    const other = await drawSupervisionPlan(deps, { planId: plan.id, entropyValue: '87654321', actor: officer }).catch(
      (e: { code?: string }) => e.code,
    );
    const resumed = await drawSupervisionPlan(deps, { planId: plan.id, entropyValue: '12345678', actor: officer });
    const checks = await deps.inspections.listByPlan(plan.id, { limit: 100 });
    const again = await drawSupervisionPlan(deps, { planId: plan.id, entropyValue: '12345678', actor: officer }).catch(
      (e: { code?: string }) => e.code,
    );

    // Assess
    expect(crashed).toBe('the process died');
    expect(halfway).toMatchObject({ state: 'drawn', drawn: { complete: false, entropyValue: '12345678' } });
    expect(other).toBe('SUPERVISION_PLAN_STATE');
    expect(resumed.plan).toMatchObject({
      state: 'drawn',
      drawn: { complete: true, drawn: 3, seed: halfway.drawn?.seed },
    });
    expect(checks.items.map((c) => c.id)).toEqual([1, 2, 3].map((n) => `INSP-${plan.id}-0000${n}`));
    expect(checks.items.map((c) => c.team)).toEqual(
      resumed.record.steps.flatMap((s) => (s.outcome === 'drawn' ? [s.inspectors] : [])),
    );
    expect(again).toBe('SUPERVISION_PLAN_STATE');
  });
});
