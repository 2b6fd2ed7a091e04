/**
 * Driving 双随机 supervision through the HTTP API of a test runtime: inspectors, licences to draw from, plans.
 *
 * @example
 * await registerInspector(runtime, { id: 'I-1', district: '420300' });
 * const plan = await createPlan(runtime, { sample: { kind: 'count', count: 3 } });
 */
import { expect } from 'vitest';
import { usccWithCheck } from '../../lambdas/domain/uscc';
import { issueBody, jsonRequest, usccFor } from './certificates';
import type { TestRuntime } from './runtime';

/** A USCC in a given six-digit district (`seed` makes it unique). */
export const usccIn = (district: string, seed: number): string =>
  usccWithCheck(`91${district}7${String(seed).padStart(8, '0')}`);

const post = (runtime: TestRuntime, path: string, as: 'admin' | 'officer' | 'reviewer', body?: unknown) =>
  runtime.request(path, {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

export interface PlanJson {
  id: string;
  name: string;
  state: string;
  commitment?: { commitment: string; enterpriseDigest: string; inspectorDigest: string; sampleSize: number };
  draw?: { secret: string; seed: string; drawn: number; skipped: number; complete: boolean };
  checks?: { inspectionId: string; uscc: string; licenceNo: string; team: string[]; state: string; result?: unknown }[];
  entropy: { value?: string };
  links: { self: string; record?: string; public?: string };
}

/**
 * Issue a valid licence (officer API) to an enterprise of that USCC.
 *
 * @example
 * const licenceNo = await licensed(runtime, usccIn('420100', 1), 1);
 */
export async function licensed(runtime: TestRuntime, uscc: string, seed: number, products = ['06-001'], name?: string) {
  const res = await runtime.request('/v1/certificates', {
    as: 'officer',
    ...jsonRequest(issueBody({ seed, uscc, products, ...(name ? { name } : {}) })),
  });
  const body = (await res.json()) as { licenceNo: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.licenceNo;
}

/**
 * Register an inspector (admin API); defaults: qualified for category 06, five checks a plan.
 *
 * @example
 * const code = (await registerInspector(runtime, { id: 'I-1', district: '420300' })).code;
 */
export async function registerInspector(
  runtime: TestRuntime,
  over: { id: string; district: string; categories?: string[]; maxChecksPerPlan?: number },
): Promise<{ id: string; code: string; district: string }> {
  const res = await post(runtime, '/v1/supervision/inspectors', 'admin', {
    name: `检查员${over.id}`,
    unit: '湖北省市场监督管理局',
    categories: ['06'],
    maxChecksPerPlan: 5,
    ...over,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; code: string; district: string };
}

/**
 * The body of a plan: cables (06), 3 checks of 2 inspectors, window mid-December to January, entropy on 2026-12-08.
 *
 * @example
 * planBody({ sample: { kind: 'ratio', basisPoints: 5000 } });
 */
export const planBody = (over: Record<string, unknown> = {}) => ({
  name: '2026年第四季度电线电缆产品双随机抽查',
  legalBasis: '《工业产品生产许可证管理条例》第三十八条',
  scope: { categories: ['06'] },
  sample: { kind: 'count', count: 3 },
  inspectorsPerCheck: 2,
  window: { from: '2026-12-14', to: '2027-01-29' },
  entropy: { source: '中国福利彩票双色球第2026141期开奖号码', date: '2026-12-08', format: 'decimal' },
  ...over,
});

/**
 * Create a plan (officer API).
 *
 * @example
 * const plan = await createPlan(runtime);
 */
export async function createPlan(runtime: TestRuntime, over: Record<string, unknown> = {}): Promise<PlanJson> {
  const res = await post(runtime, '/v1/supervision/plans', 'officer', planBody(over));
  expect(res.status).toBe(201);
  return (await res.json()) as PlanJson;
}

/**
 * Freeze or draw a plan (officer API), answering the raw response.
 *
 * @example
 * expect((await planStep(runtime, plan.id, 'freeze')).status).toBe(200);
 */
export const planStep = (runtime: TestRuntime, planId: string, step: 'freeze' | 'draw', entropyValue?: string) =>
  post(runtime, `/v1/supervision/plans/${planId}/${step}`, 'officer', step === 'draw' ? { entropyValue } : undefined);

export { post as postAs };

/** A runtime clock for the pages' plans: 2027-03-01 10:00 in Beijing; their entropy is published that day. */
export const SUPERVISION_CLOCK = new Date('2027-03-01T02:00:00Z');
const SUPERVISION_TODAY = '2027-03-01';
const ENTROPY_VALUE = '0309141922270611';

/** An enterprise issued a licence for the plans (hostile text welcome in `name`). */
export interface IssuedEnterprise {
  readonly name: string;
  readonly uscc: string;
  readonly licenceNo: string;
}

/** What {@link preparePlans} made. */
export interface PreparedPlans {
  readonly draft: PlanJson;
  readonly frozen: PlanJson;
  readonly drawn: PlanJson;
  readonly enterprises: readonly IssuedEnterprise[];
}

async function ok<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** A plan over cables in Wuhan (4201) in the spring of 2027, its entropy due on `entropyDate`. */
const springPlan = (runtime: TestRuntime, name: string, count: number, entropyDate = SUPERVISION_TODAY) =>
  createPlan(runtime, {
    name,
    legalBasis: '《工业产品生产许可证管理条例》第三十八条；《市场监督管理行政处罚程序规定》',
    scope: { categories: ['06'], districts: ['4201'], procedures: [] },
    sample: { kind: 'count', count },
    window: { from: '2027-03-10', to: '2027-04-30' },
    entropy: { source: '中国福利彩票双色球第2027023期开奖号码', date: entropyDate, format: 'decimal' },
  });

/**
 * On a runtime started at {@link SUPERVISION_CLOCK}: six inspectors in 420600, a licence for each of `names`, and
 * three plans — a draft, a frozen plan (sample 3) and a drawn one (sample 4) whose first check failed (suspend,
 * published), second passed (not yet published), third passed (published).
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
  for (let i = 1; i <= 6; i++)
    await registerInspector(runtime, { id: `${prefix}-${String(i).padStart(4, '0')}`, district: '420600' });
  const enterprises: IssuedEnterprise[] = [];
  for (const [i, name] of names.entries()) {
    const uscc = usccFor(firstSeed + i);
    enterprises.push({ name, uscc, licenceNo: await licensed(runtime, uscc, firstSeed + i, ['06-001'], name) });
  }
  const draft = await springPlan(runtime, '2027年第二季度电线电缆产品双随机抽查（草稿）', 2);
  const toFreeze = await springPlan(runtime, '2027年第二季度电线电缆产品双随机抽查', 3, '2027-03-15');
  const frozen = await ok<PlanJson>(await planStep(runtime, toFreeze.id, 'freeze'), 200);
  const toDraw = await springPlan(runtime, '2027年第一季度电线电缆产品双随机抽查', 4);
  await ok(await planStep(runtime, toDraw.id, 'freeze'), 200);
  const drawn = await ok<PlanJson>(await planStep(runtime, toDraw.id, 'draw', ENTROPY_VALUE), 200);
  const check = (n: number) => `INSP-${drawn.id}-${String(n).padStart(5, '0')}`;
  const record = async (n: number, result: Record<string, unknown>, publish: boolean) => {
    await ok(
      await post(runtime, `/v1/inspections/${check(n)}/result`, 'reviewer', {
        ...result,
        checkedOn: SUPERVISION_TODAY,
      }),
      200,
    );
    if (publish) await ok(await post(runtime, `/v1/inspections/${check(n)}/publish`, 'officer'), 200);
  };
  await record(
    1,
    { outcome: 'fail', findings: '绝缘层厚度不符合 GB/T 5023 要求', inspectors: ['INS-A', 'INS-B'], action: 'suspend' },
    true,
  );
  await record(2, { outcome: 'pass' }, false);
  await record(3, { outcome: 'pass' }, true);
  return { draft, frozen, drawn, enterprises };
}
