/**
 * 双随机、一公开 end to end through the HTTP API of a runtime on a set clock (2026-12-07 09:00 in Wuhan): an admin
 * registers inspectors; an officer creates, freezes and — once the entropy's day has come — draws a plan; the public
 * JSON shows the commitment before and the proof after; the record verifies; the checks are due; a failed check
 * suspends the licence and public verification shows it; the result is published.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { supervisionDeps } from '../../../lambdas/composition/supervision';
import type { DrawRecord } from '../../../lambdas/domain/supervision/draw';
import { verifyDraw } from '../../../lambdas/domain/supervision/verify-draw';
import { publishedPlan } from '../../../lambdas/use-cases/supervision/plans';
import { LOCAL_CLOCK_PATH } from '../../../lib/local/clock-route';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import {
  createPlan,
  licensed,
  type PlanJson,
  planStep,
  postAs,
  registerInspector,
  usccIn,
} from '../../support/supervision-api';

let runtime: TestRuntime;
/** Enterprises in Wuhan city (420100) and one in Huangshi (420200); cables (06) but one licensed for 05 only. */
const wuhan = [1, 2, 3, 4, 5].map((n) => usccIn('420100', 900 + n));
const huangshi = usccIn('420200', 906);
const outOfScope = usccIn('420100', 907);
const inspectors: Record<string, { code: string; district: string }> = {};

beforeAll(async () => {
  runtime = await startTestRuntime({ clock: new Date('2026-12-07T01:00:00Z') });
  for (const [i, uscc] of [...wuhan, huangshi].entries()) await licensed(runtime, uscc, 900 + i);
  await licensed(runtime, outOfScope, 920, ['05-001']);
  // Four inspectors from Xiangyang (420600), one from Wuhan (their own district: never sent to Wuhan), one on leave.
  for (const [id, district] of [
    ['XY-01', '420600'],
    ['XY-02', '420600'],
    ['XY-03', '420600'],
    ['XY-04', '420600'],
    ['WH-01', '420100'],
    ['XY-05', '420600'],
  ] as const) {
    inspectors[id] = await registerInspector(runtime, { id, district, maxChecksPerPlan: 2 });
  }
}, 120_000);
afterAll(() => runtime?.stop());

const publicJson = async (planId: string) => {
  const res = await runtime.request(`/v1/public/supervision/plans/${planId}`);
  return { status: res.status, body: (await res.json()) as PlanJson & { code?: string } };
};

describe('the inspectors’ registry', () => {
  test('an admin registers, marks leave and recusals; others may not; bad input is a 400 naming the field', async () => {
    // Act
    const leave = await postAs(runtime, '/v1/supervision/inspectors/XY-05/leave', 'admin', {
      from: '2027-01-04',
      to: '2027-01-08',
    });
    const recusal = await postAs(runtime, '/v1/supervision/inspectors/XY-01/recusals', 'admin', {
      uscc: wuhan[0],
      reason: '近亲属在该企业任职',
    });
    const byOfficer = await postAs(runtime, '/v1/supervision/inspectors', 'officer', {});
    const twice = await postAs(runtime, '/v1/supervision/inspectors', 'admin', {
      id: 'XY-01',
      name: '重复',
      unit: 'U',
      district: '420600',
      categories: ['06'],
      maxChecksPerPlan: 1,
    });
    const bad = await postAs(runtime, '/v1/supervision/inspectors', 'admin', {
      id: 'XY-09',
      name: '某',
      unit: 'U',
      district: '4206',
      categories: ['06'],
      maxChecksPerPlan: 1,
    });
    const unknown = await runtime.request('/v1/supervision/inspectors/NOPE-1', { as: 'officer' });

    // Assess
    expect(leave.status).toBe(200);
    expect(((await leave.json()) as { leave: unknown[] }).leave).toEqual([{ from: '2027-01-04', to: '2027-01-08' }]);
    expect(recusal.status).toBe(200);
    expect(byOfficer.status).toBe(403);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: 'SUPERVISION_INSPECTOR_EXISTS' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('district');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'SUPERVISION_INSPECTOR_NOT_FOUND' });
  });
});

describe('the registry of inspection objects', () => {
  test('lists the licences valid today by category, district prefix and procedure', async () => {
    // Act
    const cables = await runtime.request('/v1/supervision/enterprises?category=06&limit=100', { as: 'officer' });
    const huangshiOnly = await runtime.request('/v1/supervision/enterprises?district=4202', { as: 'reviewer' });
    const bad = await runtime.request('/v1/supervision/enterprises?district=42x', { as: 'officer' });
    const asEnterprise = await runtime.request('/v1/supervision/enterprises', { as: 'enterprise' });

    // Assess
    const usccs = (res: unknown) => (res as { items: { uscc: string }[] }).items.map((i) => i.uscc).sort();
    expect(usccs(await cables.json())).toEqual([...wuhan, huangshi].sort());
    const one = (await huangshiOnly.json()) as { items: { uscc: string; district: string; categories: string[] }[] };
    expect(one.items).toEqual([expect.objectContaining({ uscc: huangshi, district: '420200', categories: ['06'] })]);
    expect(bad.status).toBe(400);
    expect(asEnterprise.status).toBe(403);
  });
});

describe('a plan', () => {
  let plan: PlanJson;
  let record: DrawRecord;

  test('that the candidates cannot satisfy is refused at freezing with a 422 naming why, and stays a draft', async () => {
    // Prepare
    const tooMany = await createPlan(runtime, { sample: { kind: 'count', count: 7 } });
    const understaffed = await createPlan(runtime, { inspectorsPerCheck: 5 });

    // Act
    const a = await planStep(runtime, tooMany.id, 'freeze');
    const b = await planStep(runtime, understaffed.id, 'freeze');
    const after = await runtime.request(`/v1/supervision/plans/${tooMany.id}`, { as: 'officer' });

    // Assess
    expect(a.status).toBe(422);
    expect(await a.json()).toMatchObject({ code: 'SUPERVISION_SAMPLE_TOO_LARGE' });
    expect(b.status).toBe(422);
    expect(await b.json()).toMatchObject({ code: 'SUPERVISION_INSPECTORS_INSUFFICIENT' });
    expect(((await after.json()) as PlanJson).state).toBe('draft');
    expect((await publicJson(tooMany.id)).status).toBe(404);
  });

  test('is frozen once: the public sees the commitment and the entropy source, never the secret', async () => {
    // Prepare
    plan = await createPlan(runtime);

    // Act
    const frozen = await planStep(runtime, plan.id, 'freeze');
    const again = await planStep(runtime, plan.id, 'freeze');
    const published = await publicJson(plan.id);

    // Assess
    expect(frozen.status).toBe(200);
    const body = (await frozen.json()) as PlanJson;
    expect(body.commitment).toMatchObject({ sampleSize: 3, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'SUPERVISION_PLAN_STATE' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ state: 'frozen', commitment: body.commitment });
    expect(published.body.draw).toBeUndefined();
    expect(JSON.stringify(published.body)).not.toContain('secret');
    expect((await runtime.request(`/v1/public/supervision/plans/${plan.id}/record`)).status).toBe(409);
  });

  test('is not drawn before its entropy’s day, nor with a malformed value; then once, with a proof that verifies', async () => {
    // Act
    const early = await planStep(runtime, plan.id, 'draw', '0309141922270611');
    const moved = await runtime.request(LOCAL_CLOCK_PATH, {
      as: 'admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'P1D' }),
    });
    const malformed = await planStep(runtime, plan.id, 'draw', '03-09-14');
    const drawn = await planStep(runtime, plan.id, 'draw', '0309141922270611');
    const again = await planStep(runtime, plan.id, 'draw', '0309141922270611');
    const published = await publicJson(plan.id);
    const recordRes = await runtime.request(`/v1/public/supervision/plans/${plan.id}/record`);
    record = (await recordRes.json()) as DrawRecord;

    // Assess
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: 'SUPERVISION_ENTROPY_NOT_YET' });
    expect(moved.status).toBe(200);
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ code: 'SUPERVISION_ENTROPY_MALFORMED' });
    expect(drawn.status).toBe(200);
    expect((await drawn.json()) as PlanJson).toMatchObject({ state: 'drawn', draw: { drawn: 3, complete: true } });
    expect(again.status).toBe(409);
    expect(published.body).toMatchObject({ state: 'drawn', entropy: { value: '0309141922270611' } });
    expect(published.body.links.record).toBe(`/v1/public/supervision/plans/${plan.id}/record`);
    expect(published.body.checks).toHaveLength(3);
    expect(recordRes.status).toBe(200);
    expect(verifyDraw(record)).toEqual({ match: true });
    expect(record.commitment).toBe(published.body.commitment?.commitment);
    expect(record.secret).toBe(published.body.draw?.secret);
  });

  test('drew from the licensed enterprises in scope and the inspectors available, under the rules', () => {
    // The out-of-scope enterprise (category 05) is not a candidate; the one on leave in the window is not either.
    expect(record.enterprises.map((e) => e.uscc).sort()).toEqual([...wuhan, huangshi].sort());
    const codes = record.inspectors.map((i) => i.code);
    expect(codes).not.toContain(inspectors['XY-05']?.code);
    expect(codes).toHaveLength(5);
    expect(JSON.stringify(record)).not.toContain('检查员');
  });

  test('publishes inspectors by code; their names only where the disclosure policy says so', async () => {
    // Act
    const byDefault = await publicJson(plan.id);
    const withNames = await publishedPlan(supervisionDeps(), plan.id, { disclosure: 'code-and-name' });

    // Assess
    expect(JSON.stringify(byDefault.body)).not.toContain('检查员');
    const nameOf = new Map(Object.entries(inspectors).map(([id, i]) => [i.code, `检查员${id}`]));
    const team = withNames.checks?.[0]?.team ?? [];
    expect(team.map((code) => withNames.names?.get(code))).toEqual(team.map((code) => nameOf.get(code)));
    expect(team).toHaveLength(2);
    const districtOf = new Map(Object.values(inspectors).map((i) => [i.code, i.district]));
    for (const step of record.steps) {
      if (step.outcome !== 'drawn') continue;
      const enterpriseDistrict = step.uscc.slice(2, 8);
      for (const code of step.inspectors) expect(districtOf.get(code)).not.toBe(enterpriseDistrict);
      if (step.uscc === wuhan[0]) expect(step.inspectors).not.toContain(inspectors['XY-01']?.code);
    }
  });

  test('its checks are due; a failed one suspends the licence, public verification shows it; then it is published', async () => {
    // Prepare
    const due = await runtime.request('/v1/inspections?state=due', { as: 'reviewer' });
    const dueIds = ((await due.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    const check = (await publicJson(plan.id)).body.checks?.[0];
    if (!check) throw new Error('no check drawn');

    // Act
    const failed = await postAs(runtime, `/v1/inspections/${check.inspectionId}/result`, 'reviewer', {
      outcome: 'fail',
      findings: '抽检样品导体电阻不合格',
      inspectors: check.team,
      checkedOn: '2026-12-08',
    });
    const verification = await runtime.request(`/v1/verify/${encodeURIComponent(check.licenceNo)}`, {
      headers: { accept: 'application/json' },
    });
    const before = (await publicJson(plan.id)).body.checks?.find((c) => c.inspectionId === check.inspectionId);
    const published = await postAs(runtime, `/v1/inspections/${check.inspectionId}/publish`, 'officer');
    const after = (await publicJson(plan.id)).body.checks?.find((c) => c.inspectionId === check.inspectionId);

    // Assess
    expect(dueIds).toEqual(
      expect.arrayContaining((await publicJson(plan.id)).body.checks?.map((c) => c.inspectionId) ?? []),
    );
    expect(failed.status).toBe(200);
    expect(((await verification.json()) as { verdict: string }).verdict).toBe('suspended');
    expect(before?.result).toBeUndefined();
    expect(published.status).toBe(200);
    expect(after).toMatchObject({
      state: 'fail',
      result: { outcome: 'fail', action: 'suspend', checkedOn: '2026-12-08' },
    });
  });

  test('the next plan never sends an inspector back to the enterprise of their previous check', async () => {
    // Prepare: the same scope, drawn the same day
    const next = await createPlan(runtime, {
      entropy: { source: '沪深300指数收盘点位×100', date: '2026-12-08', format: 'decimal' },
    });
    expect((await planStep(runtime, next.id, 'freeze')).status).toBe(200);

    // Act
    expect((await planStep(runtime, next.id, 'draw', '398765430000')).status).toBe(200);
    const second = (await (
      await runtime.request(`/v1/public/supervision/plans/${next.id}/record`)
    ).json()) as DrawRecord;

    // Assess: the suspended licence is no candidate any more; the first plan's teams (on the candidates) are the
    // second's previous pairings, and no drawn team repeats one
    const candidates = new Set(second.enterprises.map((e) => e.uscc as string));
    const suspended = record.steps.find((s) => s.outcome === 'drawn')?.uscc;
    expect(candidates.has(suspended ?? '')).toBe(false);
    expect(candidates.size).toBe(5);
    const teams = new Map(
      record.steps.flatMap((s) => (s.outcome === 'drawn' ? [[s.uscc, s.inspectors] as const] : [])),
    );
    for (const inspector of second.inspectors) {
      const expected = [...teams]
        .filter(([uscc, team]) => candidates.has(uscc) && team.includes(inspector.code))
        .map(([uscc]) => uscc)
        .sort();
      expect(inspector.previousPairings).toEqual(expected);
    }
    for (const step of second.steps) {
      if (step.outcome === 'drawn')
        for (const code of step.inspectors) expect(teams.get(step.uscc) ?? []).not.toContain(code);
    }
    expect(verifyDraw(second)).toEqual({ match: true });
  });
});
