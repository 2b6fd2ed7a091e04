/**
 * Driving 双随机 supervision through the HTTP API of a test runtime: inspectors, licences to draw from, plans.
 *
 * @example
 * await registerInspector(runtime, { id: 'I-1', district: '420300' });
 * const plan = await createPlan(runtime, { sample: { kind: 'count', count: 3 } });
 */
import { expect } from 'vitest';
import { usccWithCheck } from '../../lambdas/domain/uscc';
import { issueBody, jsonRequest } from './certificates';
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
export async function licensed(runtime: TestRuntime, uscc: string, seed: number, products = ['06-001']) {
  const res = await runtime.request('/v1/certificates', {
    as: 'officer',
    ...jsonRequest(issueBody({ seed, uscc, products })),
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
