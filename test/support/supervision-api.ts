/**
 * Spot-check plans made through the real API of a test runtime (started on a set clock, `SUPERVISION_CLOCK`): an
 * admin registers inspectors of another district, an officer issues licences (all in district 420100), creates plans,
 * freezes one and draws another with the entropy due today; a reviewer records results and an officer publishes some.
 *
 * @example
 * const runtime = await startTestRuntime({ clock: SUPERVISION_CLOCK });
 * const plans = await preparePlans(runtime);
 * await runtime.request(`/supervision/plans/${plans.drawn.id}`);
 */
import { expect } from 'vitest';
import { issueBody, jsonRequest, usccFor } from './certificates';
import type { TestRuntime } from './runtime';

/** The runtime's clock: 2027-03-01 10:00 in Beijing; the plans' entropy is published that day. */
export const SUPERVISION_CLOCK = new Date('2027-03-01T02:00:00Z');
export const SUPERVISION_TODAY = '2027-03-01';
export const ENTROPY_VALUE = '0309141922270611';

/** A plan as the staff API answers (the fields the tests read). */
export interface PlanJson {
  id: string;
  name: string;
  state: string;
  commitment?: { commitment: string; enterpriseDigest: string; inspectorDigest: string; sampleSize: number };
  draw?: { secret: string; seed: string; drawn: number };
}

/** An enterprise issued a licence for the plans (hostile text welcome in `name`). */
export interface IssuedEnterprise {
  readonly name: string;
  readonly uscc: string;
  readonly licenceNo: string;
}

async function ok<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const post = (runtime: TestRuntime, path: string, as: 'admin' | 'officer' | 'reviewer', body?: unknown) =>
  runtime.request(path, {
    as,
    ...(body === undefined ? { method: 'POST' } : jsonRequest(body)),
  });

/**
 * Register `count` inspectors in district 420600 (襄阳), qualified for category 06, at most 5 checks each.
 *
 * @example
 * await registerInspectors(runtime, 'T1', 4);
 */
export async function registerInspectors(runtime: TestRuntime, prefix: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await ok(
      await post(runtime, '/v1/supervision/inspectors', 'admin', {
        id: `${prefix}-${String(i).padStart(4, '0')}`,
        name: `检查员${prefix}${i}`,
        unit: '襄阳市市场监督管理局',
        district: '420600',
        categories: ['06'],
        maxChecksPerPlan: 5,
      }),
      201,
    );
  }
}

/**
 * Issue a licence (category 06) to each of `names`, USCCs from `firstSeed` on.
 *
 * @example
 * const issued = await issueLicences(runtime, 900, ['武汉甲线缆有限公司']);
 */
export async function issueLicences(
  runtime: TestRuntime,
  firstSeed: number,
  names: readonly string[],
): Promise<IssuedEnterprise[]> {
  const out: IssuedEnterprise[] = [];
  for (const [i, name] of names.entries()) {
    const uscc = usccFor(firstSeed + i);
    const cert = await ok<{ licenceNo: string }>(
      await post(runtime, '/v1/certificates', 'officer', issueBody({ seed: firstSeed + i, name, uscc })),
      201,
    );
    out.push({ name, uscc, licenceNo: cert.licenceNo });
  }
  return out;
}

/**
 * Create a plan over category 06 (in district 4201), entropy due today.
 *
 * @example
 * const plan = await createPlan(runtime, { name: '2027年第一季度电线电缆抽查', count: 3 });
 */
export async function createPlan(
  runtime: TestRuntime,
  options: { readonly name: string; readonly count: number; readonly entropyDate?: string },
): Promise<PlanJson> {
  return ok<PlanJson>(
    await post(runtime, '/v1/supervision/plans', 'officer', {
      name: options.name,
      legalBasis: '《工业产品生产许可证管理条例》第三十八条；《市场监督管理行政处罚程序规定》',
      scope: { categories: ['06'], districts: ['4201'], procedures: [] },
      sample: { kind: 'count', count: options.count },
      inspectorsPerCheck: 2,
      excludeOwnDistrict: true,
      window: { from: '2027-03-10', to: '2027-04-30' },
      entropy: {
        source: '中国福利彩票双色球第2027023期开奖号码',
        date: options.entropyDate ?? SUPERVISION_TODAY,
        format: 'decimal',
      },
    }),
    201,
  );
}

/**
 * Freeze a draft.
 *
 * @example
 * const frozen = await freezePlan(runtime, plan.id);
 */
export const freezePlan = async (runtime: TestRuntime, planId: string): Promise<PlanJson> =>
  ok<PlanJson>(await post(runtime, `/v1/supervision/plans/${planId}/freeze`, 'officer'), 200);

/**
 * Draw a frozen plan with {@link ENTROPY_VALUE}.
 *
 * @example
 * const drawn = await drawPlan(runtime, plan.id);
 */
export const drawPlan = async (runtime: TestRuntime, planId: string): Promise<PlanJson> =>
  ok<PlanJson>(
    await post(runtime, `/v1/supervision/plans/${planId}/draw`, 'officer', { entropyValue: ENTROPY_VALUE }),
    200,
  );

/**
 * Record a spot check's result as a reviewer (checked today), and publish it as an officer when `publish`.
 *
 * @example
 * await recordResult(runtime, 'INSP-PLAN-…-00001', { outcome: 'fail', findings: '…', inspectors: ['INS-…'] }, true);
 */
export async function recordResult(
  runtime: TestRuntime,
  inspectionId: string,
  result: Record<string, unknown>,
  publish: boolean,
): Promise<void> {
  await ok(
    await post(runtime, `/v1/inspections/${inspectionId}/result`, 'reviewer', {
      ...result,
      checkedOn: SUPERVISION_TODAY,
    }),
    200,
  );
  if (publish) await ok(await post(runtime, `/v1/inspections/${inspectionId}/publish`, 'officer'), 200);
}

/** What {@link preparePlans} made. */
export interface PreparedPlans {
  readonly draft: PlanJson;
  readonly frozen: PlanJson;
  readonly drawn: PlanJson;
  readonly enterprises: readonly IssuedEnterprise[];
}

/**
 * Six inspectors, `names.length` licences, and three plans: a draft, a frozen plan (sample 3) and a drawn one
 * (sample 4) whose first check failed (suspend, published), second passed (not yet published), third passed
 * (published).
 *
 * @example
 * const { frozen, drawn } = await preparePlans(runtime, 'P', 500, names);
 */
export async function preparePlans(
  runtime: TestRuntime,
  prefix: string,
  firstSeed: number,
  names: readonly string[],
): Promise<PreparedPlans> {
  await registerInspectors(runtime, prefix, 6);
  const enterprises = await issueLicences(runtime, firstSeed, names);
  const draft = await createPlan(runtime, { name: '2027年第二季度电线电缆产品双随机抽查（草稿）', count: 2 });
  const frozen = await freezePlan(
    runtime,
    (
      await createPlan(runtime, {
        name: '2027年第二季度电线电缆产品双随机抽查',
        count: 3,
        entropyDate: '2027-03-15',
      })
    ).id,
  );
  const toDraw = await freezePlan(
    runtime,
    (await createPlan(runtime, { name: '2027年第一季度电线电缆产品双随机抽查', count: 4 })).id,
  );
  const drawn = await drawPlan(runtime, toDraw.id);
  const check = (n: number) => `INSP-${drawn.id}-${String(n).padStart(5, '0')}`;
  await recordResult(
    runtime,
    check(1),
    { outcome: 'fail', findings: '绝缘层厚度不符合 GB/T 5023 要求', inspectors: ['INS-A', 'INS-B'], action: 'suspend' },
    true,
  );
  await recordResult(runtime, check(2), { outcome: 'pass' }, false);
  await recordResult(runtime, check(3), { outcome: 'pass' }, true);
  return { draft, frozen, drawn, enterprises };
}
