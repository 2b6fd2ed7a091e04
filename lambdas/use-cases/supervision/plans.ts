/**
 * 抽查计划: an officer creates a plan, freezes it (both candidate lists fixed and their digests published with the
 * commitment `H(secret)`), and draws it once the public entropy is out. The draw schedules one inspection per drawn
 * enterprise (the inspection model's `spot-check` kind), due at the end of the check window, and remembers each
 * drawn enterprise's team (the next plan's previous-pairing rule).
 *
 * Idempotency: freezing and drawing are conditional writes on the plan's revision; a draw that stopped before its
 * checks were all scheduled is completed by the same draw again (same entropy value) — its inspections are created
 * only if absent — while any other second draw is a 409. The record is never stored twice: it is recomputed from the
 * frozen lists, the revealed secret and the entropy (`drawRecordOf`), and the plan keeps the seed it produced.
 *
 * Error codes: `SUPERVISION_PLAN_NOT_FOUND` (404), `SUPERVISION_PLAN_STATE` (409), `SUPERVISION_ENTROPY_NOT_YET` (409),
 * `SUPERVISION_ENTROPY_MALFORMED`, `SUPERVISION_SAMPLE_TOO_LARGE`, `SUPERVISION_INSPECTORS_PER_CHECK`,
 * `SUPERVISION_INSPECTORS_INSUFFICIENT` (422, before anything is frozen or drawn).
 *
 * @example
 * const plan = await createPlan(deps, { draft, actor });
 * await freezePlan(deps, { planId: plan.id, actor });
 * await drawSupervisionPlan(deps, { planId: plan.id, entropyValue: '0309141922270611', actor });
 */
import { randomBytes } from 'node:crypto';
import { localDateOf, parseLocalDate } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { Inspection, type InspectionSnapshot } from '../../domain/inspection';
import { LicenceNumber } from '../../domain/licence-number';
import {
  canonicalEnterprises,
  canonicalInspectors,
  enterpriseListDigest,
  inspectorListDigest,
} from '../../domain/supervision/candidates';
import { checkDrawable, commitmentOf, type DrawRecord, drawPlan, parseEntropy } from '../../domain/supervision/draw';
import { Inspector } from '../../domain/supervision/inspector';
import { type PlanDraft, type PlanSnapshot, SupervisionPlan } from '../../domain/supervision/plan';
import type { Page, PageRequest } from '../../ports/page';
import type { FrozenLists } from '../../ports/plan-repository';
import { datedId } from '../random-code';
import type { Actor, SupervisionDeps } from './deps';
import { collectInspectionObjects } from './inspection-objects';

/**
 * A new plan id: `PLAN-{yyyymmdd}-{10 random characters}`.
 *
 * @example
 * newPlanId(new Date()); // 'PLAN-20261205-K3M9Q2ZT7A'
 */
export const newPlanId = (at: Date): string => datedId('PLAN', at);

/**
 * The id of the inspection a plan's n-th drawn enterprise becomes (1-based, in the order drawn).
 *
 * @example
 * spotCheckId('PLAN-20261205-K3M9Q2ZT7A', 1); // 'INSP-PLAN-20261205-K3M9Q2ZT7A-00001'
 */
export const spotCheckId = (planId: string, n: number): string => `INSP-${planId}-${String(n).padStart(5, '0')}`;

/**
 * A plan (404 when unknown).
 *
 * @example
 * await getPlan(deps, 'PLAN-20261205-K3M9Q2ZT7A');
 */
export async function getPlan(deps: Pick<SupervisionDeps, 'plans'>, planId: string): Promise<PlanSnapshot> {
  const plan = await deps.plans.get(planId);
  if (!plan) throw new NotFoundError('SUPERVISION_PLAN_NOT_FOUND', `no plan ${planId}`);
  return plan;
}

/**
 * Plans, newest first: all of them for staff, frozen and drawn ones for the public.
 *
 * @example
 * await listPlans(deps, 'public', { limit: 20 });
 */
export const listPlans = (
  deps: Pick<SupervisionDeps, 'plans'>,
  visibility: 'staff' | 'public',
  page: PageRequest,
): Promise<Page<PlanSnapshot>> => deps.plans.list(visibility, page);

/**
 * Create a draft plan.
 *
 * @example
 * await createPlan(deps, { draft: { name, legalBasis, scope, rules, window, entropy }, actor });
 */
export async function createPlan(
  deps: Pick<SupervisionDeps, 'plans' | 'clock'>,
  input: { readonly draft: Omit<PlanDraft, 'id'>; readonly actor: Actor },
): Promise<PlanSnapshot> {
  const at = deps.clock.now();
  const plan = SupervisionPlan.create({ ...input.draft, id: newPlanId(at) }, { actor: input.actor, at }).toSnapshot();
  await deps.plans.add(plan);
  return plan;
}

/** Both candidate lists as of now, canonical: the register's enterprises in scope, the inspectors free in the window. */
async function candidateLists(deps: SupervisionDeps, plan: PlanSnapshot): Promise<FrozenLists> {
  const [enterprises, teams] = await Promise.all([collectInspectionObjects(deps, plan.scope), deps.plans.lastTeams()]);
  const inScope = new Set(enterprises.map((e) => e.uscc));
  const pairings = new Map<string, string[]>();
  for (const { uscc, team } of teams.values()) {
    if (!inScope.has(uscc)) continue;
    for (const code of team) pairings.set(code, [...(pairings.get(code) ?? []), uscc]);
  }
  const inspectors = [];
  let cursor: string | undefined;
  do {
    const page = await deps.inspectors.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const snapshot of page.items) {
      const inspector = Inspector.rehydrate(snapshot);
      if (inspector.availableDuring(plan.window)) inspectors.push(inspector.forDraw(pairings.get(snapshot.code) ?? []));
    }
    cursor = page.cursor;
  } while (cursor);
  return { enterprises: canonicalEnterprises(enterprises), inspectors: canonicalInspectors(inspectors) };
}

/**
 * Freeze a draft: fix both lists, publish their digests and the commitment, keep the secret. Refused with a 422
 * before anything is written when the lists cannot satisfy the plan.
 *
 * @example
 * const frozen = await freezePlan(deps, { planId, actor }); // frozen.frozen.commitment
 */
export async function freezePlan(
  deps: SupervisionDeps,
  input: { readonly planId: string; readonly actor: Actor },
): Promise<PlanSnapshot> {
  const stored = await getPlan(deps, input.planId);
  const plan = SupervisionPlan.rehydrate(stored);
  plan.expectState('draft', 'freeze');
  const lists = await candidateLists(deps, stored);
  const sampleSize = checkDrawable(stored.rules, lists.enterprises, lists.inspectors);
  const secret = randomBytes(32).toString('hex');
  const frozen = plan.freeze(
    {
      enterpriseDigest: enterpriseListDigest(lists.enterprises),
      inspectorDigest: inspectorListDigest(lists.inspectors),
      commitment: commitmentOf(secret),
      enterpriseCount: lists.enterprises.length,
      inspectorCount: lists.inspectors.length,
      sampleSize,
    },
    secret,
    { actor: input.actor, at: deps.clock.now() },
  );
  await deps.plans.freeze(frozen.toSnapshot(), lists, stored.revision);
  return frozen.toSnapshot();
}

/**
 * The draw's record, recomputed from what the plan froze and the draw revealed (409 before the draw). It is checked
 * against the plan: the same digests, commitment and seed, or the stored lists were changed (an integrity failure,
 * never shown as a record).
 *
 * @example
 * const record = await drawRecordOf(deps, planId); // verifyDraw(record).match === true
 */
export async function drawRecordOf(deps: Pick<SupervisionDeps, 'plans'>, planId: string): Promise<DrawRecord> {
  const plan = await getPlan(deps, planId);
  SupervisionPlan.rehydrate(plan).expectState('drawn', 'show the draw’s record');
  return recordOf(deps, plan, plan.drawn?.entropyValue);
}

async function recordOf(
  deps: Pick<SupervisionDeps, 'plans'>,
  plan: PlanSnapshot,
  entropyValue: string | undefined,
): Promise<DrawRecord> {
  const { frozen, secret } = plan;
  if (!frozen || !secret || entropyValue === undefined) throw new Error(`plan ${plan.id} has no commitment to draw`);
  const lists = await deps.plans.frozenLists(plan);
  if (!lists) throw new Error(`plan ${plan.id}: its frozen lists are missing`);
  const record = drawPlan({
    planId: plan.id,
    rules: plan.rules,
    enterprises: lists.enterprises,
    inspectors: lists.inspectors,
    secret,
    entropy: { ...plan.entropy, value: entropyValue },
  });
  const same =
    record.enterpriseDigest === frozen.enterpriseDigest &&
    record.inspectorDigest === frozen.inspectorDigest &&
    record.commitment === frozen.commitment &&
    (plan.drawn === undefined || record.seed === plan.drawn.seed);
  if (!same) throw new Error(`plan ${plan.id}: the stored lists or secret no longer match what was committed`);
  return record;
}

/**
 * Draw a frozen plan with the entropy value the named source published, then schedule its checks. The same draw
 * again completes one that stopped half-way; any other is a 409.
 *
 * @example
 * const { plan, record } = await drawSupervisionPlan(deps, { planId, entropyValue: '0309141922270611', actor });
 */
export async function drawSupervisionPlan(
  deps: SupervisionDeps,
  input: { readonly planId: string; readonly entropyValue: string; readonly actor: Actor },
): Promise<{ readonly plan: PlanSnapshot; readonly record: DrawRecord }> {
  const stored = await getPlan(deps, input.planId);
  const ctx = { actor: input.actor, at: deps.clock.now() };
  const value = parseEntropy(input.entropyValue, stored.entropy.format);
  const resuming = stored.state === 'drawn' && stored.drawn?.complete === false && stored.drawn.entropyValue === value;
  let plan = stored;
  // Refuses a draft, a drawn plan and a draw before the entropy's date before any list is read.
  if (!resuming) SupervisionPlan.rehydrate(stored).checkDrawableAt(ctx.at);
  const record = await recordOf(deps, stored, value);
  if (!resuming) {
    const steps = record.steps;
    const drawn = steps.filter((s) => s.outcome === 'drawn').length;
    const next = SupervisionPlan.rehydrate(stored).draw(
      { entropyValue: value, seed: record.seed, drawn, skipped: steps.length - drawn, shortfall: record.shortfall },
      ctx,
    );
    await deps.plans.save(next.toSnapshot(), stored.revision);
    plan = next.toSnapshot();
  }
  await scheduleChecks(deps, plan, record);
  const complete = SupervisionPlan.rehydrate(plan).completeDraw(ctx).toSnapshot();
  if (complete !== plan) await deps.plans.save(complete, plan.revision);
  return { plan: complete, record };
}

/**
 * The "are you sure" step before a draw: the entropy value parsed as the plan declared it and the plan drawable now
 * (frozen, on or after the entropy's date) — the checks {@link drawSupervisionPlan} makes first, with nothing written.
 *
 * @example
 * const { plan, entropyValue } = await checkDraw(deps, { planId, entropyValue: ' 0309141922270611 ' });
 */
export async function checkDraw(
  deps: Pick<SupervisionDeps, 'plans' | 'clock'>,
  input: { readonly planId: string; readonly entropyValue: string },
): Promise<{ readonly plan: PlanSnapshot; readonly entropyValue: string }> {
  const plan = await getPlan(deps, input.planId);
  const entropyValue = parseEntropy(input.entropyValue, plan.entropy.format);
  SupervisionPlan.rehydrate(plan).checkDrawableAt(deps.clock.now());
  return { plan, entropyValue };
}

async function scheduleChecks(deps: SupervisionDeps, plan: PlanSnapshot, record: DrawRecord): Promise<void> {
  const at = deps.clock.now();
  const byUscc = new Map(record.enterprises.map((e) => [e.uscc as string, e]));
  const drawn = record.steps.flatMap((s) => {
    const enterprise = s.outcome === 'drawn' ? byUscc.get(s.uscc) : undefined;
    return s.outcome === 'drawn' && enterprise
      ? [{ step: s, licenceNo: LicenceNumber.parse(enterprise.licenceNumber) }]
      : [];
  });
  // The enterprises' names as the register holds them now, read together (a hundred a round trip).
  const summaries = await deps.certificates.summariesOf(drawn.map((d) => d.licenceNo));
  const inspections = drawn.map(({ step, licenceNo }, i) =>
    Inspection.scheduleSpotCheck({
      id: spotCheckId(plan.id, i + 1),
      plan: { id: plan.id, name: plan.name },
      licenceNo,
      uscc: step.uscc,
      enterpriseName: summaries.get(licenceNo.toString())?.enterpriseName ?? '',
      team: step.inspectors,
      scheduledOn: localDateOf(at),
      dueOn: parseLocalDate(plan.window.to, 'window.to'),
      at,
    }).toSnapshot(),
  );
  await deps.inspections.createAll(inspections);
  await deps.plans.recordTeams(drawn.map(({ step }) => ({ uscc: step.uscc, team: step.inspectors, planId: plan.id })));
}

/** A plan the public may see: frozen or drawn (a draft is not published: 404, as if it did not exist). */
async function publishedPlanOf(deps: Pick<SupervisionDeps, 'plans'>, planId: string): Promise<PlanSnapshot> {
  const plan = await deps.plans.get(planId);
  if (!plan || plan.state === 'draft') throw new NotFoundError('SUPERVISION_PLAN_NOT_FOUND', `no plan ${planId}`);
  return plan;
}

/**
 * 一公开: a plan as published — its commitment once frozen; once drawn, also its checks in the order drawn (the
 * presenter shows a result only once the authority has published it) and, where the disclosure policy publishes
 * inspectors' names (`code-and-name`), their names by code.
 *
 * @example
 * const { plan, checks, names } = await publishedPlan(deps, planId, { disclosure: 'code' });
 */
export async function publishedPlan(
  deps: Pick<SupervisionDeps, 'plans' | 'inspections' | 'inspectors'>,
  planId: string,
  policy: { readonly disclosure: 'code' | 'code-and-name' },
): Promise<{
  readonly plan: PlanSnapshot;
  readonly checks?: readonly InspectionSnapshot[];
  readonly names?: ReadonlyMap<string, string>;
}> {
  const plan = await publishedPlanOf(deps, planId);
  if (plan.state !== 'drawn') return { plan };
  const checks: InspectionSnapshot[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.inspections.listByPlan(plan.id, { limit: 100, ...(cursor ? { cursor } : {}) });
    checks.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  if (policy.disclosure === 'code') return { plan, checks };
  const names = new Map<string, string>();
  let next: string | undefined;
  do {
    const page = await deps.inspectors.list({ limit: 100, ...(next ? { cursor: next } : {}) });
    for (const inspector of page.items) names.set(inspector.code, inspector.name);
    next = page.cursor;
  } while (next);
  return { plan, checks, names };
}

/**
 * 一公开: the draw's record of a published plan (404 for a draft, 409 before the draw).
 *
 * @example
 * const record = await publishedRecord(deps, planId);
 */
export async function publishedRecord(deps: Pick<SupervisionDeps, 'plans'>, planId: string): Promise<DrawRecord> {
  const plan = await publishedPlanOf(deps, planId);
  SupervisionPlan.rehydrate(plan).expectState('drawn', 'show the draw’s record');
  return recordOf(deps, plan, plan.drawn?.entropyValue);
}
