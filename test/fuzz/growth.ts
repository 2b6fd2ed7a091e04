/**
 * Records that every change appends to — a licence's status history, an application's timeline — must stay
 * storable however often they change. One property per such route: a long sequence of valid changes to one fresh
 * record, every free-text field at the longest its schema allows (the texts generated from the served OpenAPI
 * schemas), and every answer judged like any fuzzed one. A DynamoDB item past 400 KB would surface here as a
 * `ValidationException` and a 500 long before a real licence got there.
 *
 * @example
 * const failure = await growCertificateHistory({ runtime, root, logs, seed: 1, steps: 60 });
 */
import fc from 'fast-check';
import { TEXT_LIMITS } from '../../lambdas/domain/text';
import { Applicant } from '../support/applications';
import { issueBody, jsonRequest } from '../support/certificates';
import type { TestRuntime } from '../support/runtime';
import { type JsonSchema, resolveSchema, schemaArbitrary } from './json-schema-arbitrary';
import type { LogCapture } from './log-capture';
import type { Operation } from './operations';
import { idsOf, judge } from './oracle';
import type { FuzzResponse } from './wire';

export interface GrowthContext {
  readonly runtime: TestRuntime;
  readonly root: Readonly<Record<string, unknown>>;
  readonly operations: readonly Operation[];
  readonly logs: LogCapture;
  readonly seed: number;
  /** Changes in the sequence. */
  readonly steps: number;
}

/** Free text exactly as long as the schema allows (CJK, three bytes each in UTF-8: the heaviest kind). */
const longest = (_min: number, max: number) =>
  fc.string({ unit: fc.constantFrom('许', '可', '证', '审', '查'), minLength: max, maxLength: max });

async function answer(res: Response): Promise<FuzzResponse> {
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers.entries()),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/**
 * Valid bodies with every optional text present and every text at its longest — the schema's bound, or the domain's
 * tighter one where the contract lets more through to name the field in the domain's own error.
 */
function bodies(
  ctx: GrowthContext,
  operationId: string,
  limits: Readonly<Record<string, number>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const operation = ctx.operations.find((o) => o.operationId === operationId) as Operation;
  const schema = resolveSchema(operation.body?.['application/json'] as JsonSchema, ctx.root);
  const texts = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).filter(
    ([, p]) => p.type === 'string' && typeof p.maxLength === 'number' && !p.pattern && !p.enum,
  );
  return fc
    .tuple(
      schemaArbitrary(schema, { root: ctx.root, text: longest }) as fc.Arbitrary<Record<string, unknown>>,
      fc.tuple(...texts.map(([name, p]) => longest(0, limits[name] ?? (p.maxLength as number)))),
    )
    .map(([body, filled]) => ({ ...body, ...Object.fromEntries(texts.map(([name], i) => [name, filled[i]])) }));
}

/** Judge one step; a report of the first bad one, or undefined. */
function judged(ctx: GrowthContext, operationId: string, step: number, response: FuzzResponse): string | undefined {
  const operation = ctx.operations.find((o) => o.operationId === operationId) as Operation;
  const problems = judge(operation, response, ctx.logs.suspiciousFor(idsOf(response)));
  if (response.status !== 200) problems.push(`step ${step} answered ${response.status}, not 200`);
  if (problems.length === 0) return undefined;
  return `${operationId}, step ${step} of ${ctx.steps} (seed ${ctx.seed}):\n  - ${problems.join('\n  - ')}\n  answer: ${response.body.toString('utf8').slice(0, 400)}`;
}

/**
 * Suspend and reinstate one licence `steps` times, every reason and note as long as allowed.
 *
 * @example
 * expect(await growCertificateHistory(ctx)).toBeUndefined();
 */
export async function growCertificateHistory(ctx: GrowthContext): Promise<string | undefined> {
  const issued = await ctx.runtime.request('/v1/certificates', {
    as: 'officer',
    ...jsonRequest(issueBody({ seed: 9_201, products: ['06-001'] })),
  });
  const { licenceNoUrlSafe } = (await issued.json()) as { licenceNoUrlSafe: string };
  // The contract lets twice the domain's limits through, so the domain names the field; the longest accepted is the
  // domain's limit.
  const limits = {
    publicReason: TEXT_LIMITS.publicReason,
    legalBasis: TEXT_LIMITS.legalBasis,
    internalNotes: TEXT_LIMITS.internalNotes,
  };
  const sequence = fc.sample(
    fc.array(bodies(ctx, 'changeCertificateStatus', limits), { minLength: ctx.steps, maxLength: ctx.steps }),
    {
      numRuns: 1,
      seed: ctx.seed,
    },
  )[0] as Record<string, unknown>[];
  for (const [step, generated] of sequence.entries()) {
    const { expectedRevision: _revision, ...body } = generated;
    const res = await ctx.runtime.request(`/v1/certificates/${licenceNoUrlSafe}/status`, {
      as: 'officer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, action: step % 2 === 0 ? 'suspend' : 'reinstate' }),
    });
    const failure = judged(ctx, 'changeCertificateStatus', step + 1, await answer(res));
    if (failure) return failure;
  }
  return undefined;
}

/**
 * Submit one application and ask for corrections `steps` times, every comment as long as allowed.
 *
 * @example
 * expect(await growApplicationTimeline(ctx)).toBeUndefined();
 */
export async function growApplicationTimeline(ctx: GrowthContext): Promise<string | undefined> {
  const applicant = await Applicant.create(ctx.runtime, 9_202);
  const app = await applicant.fileNew(['16-204']);
  await applicant.uploadAll(app.id);
  const comments = fc.sample(
    fc.array(fc.tuple(bodies(ctx, 'submitApplication'), bodies(ctx, 'reviewApplication')), {
      minLength: ctx.steps,
      maxLength: ctx.steps,
    }),
    { numRuns: 1, seed: ctx.seed },
  )[0] as [Record<string, unknown>, Record<string, unknown>][];
  const post = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  for (const [step, [submit, review]] of comments.entries()) {
    const submitted = await applicant.request(`/v1/applications/${app.id}/submit`, post(submit));
    const first = judged(ctx, 'submitApplication', 2 * step + 1, await answer(submitted));
    if (first) return first;
    const corrections = await ctx.runtime.request(`/v1/applications/${app.id}/review`, {
      as: 'reviewer',
      ...post({ ...review, action: 'request-corrections' }),
    });
    const second = judged(ctx, 'reviewApplication', 2 * step + 2, await answer(corrections));
    if (second) return second;
  }
  return undefined;
}
