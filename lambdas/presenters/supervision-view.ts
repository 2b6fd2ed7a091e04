/**
 * Maps inspectors and spot-check plans to the API's JSON views. Staff see everything but the secret before the draw;
 * the public view (一公开) shows no staff ids, no history and no draft, and names inspectors by code only.
 *
 * @example
 * json(200, planView(plan));
 * json(200, publicPlanView(plan, checks));
 */
import type { z } from 'zod';
import type { InspectorView, PlanView, PublicCheckView, PublicPlanView } from '../contracts/supervision';
import type { InspectionSnapshot } from '../domain/inspection';
import type { InspectorSnapshot } from '../domain/supervision/inspector';
import type { PlanSnapshot } from '../domain/supervision/plan';

/**
 * An inspector for staff.
 *
 * @example
 * inspectorView(snapshot).code; // 'INS-7K2M9QXA'
 */
export function inspectorView(i: InspectorSnapshot): z.input<typeof InspectorView> {
  const { revision: _r, ...rest } = i;
  return {
    ...rest,
    categories: [...i.categories],
    leave: i.leave.map((l) => ({ ...l })),
    recusals: i.recusals.map((r) => ({ ...r })),
    history: i.history.map((h) => ({ ...h })),
    links: { self: `/v1/supervision/inspectors/${i.id}` },
  };
}

/** The fields both audiences see: the plan, its commitment once frozen, the draw (with the secret) once drawn. */
function planFields(p: PlanSnapshot) {
  const { frozen, drawn } = p;
  return {
    id: p.id,
    name: p.name,
    legalBasis: p.legalBasis,
    scope: {
      categories: [...p.scope.categories],
      districts: [...p.scope.districts],
      procedures: [...p.scope.procedures],
    },
    rules: { ...p.rules, sample: { ...p.rules.sample } },
    window: { ...p.window },
    entropy: { ...p.entropy, ...(drawn ? { value: drawn.entropyValue } : {}) },
    state: p.state,
    ...(frozen
      ? {
          commitment: {
            at: frozen.at,
            enterpriseDigest: frozen.enterpriseDigest,
            inspectorDigest: frozen.inspectorDigest,
            commitment: frozen.commitment,
            enterpriseCount: frozen.enterpriseCount,
            inspectorCount: frozen.inspectorCount,
            sampleSize: frozen.sampleSize,
          },
        }
      : {}),
    ...(drawn && p.secret
      ? {
          draw: {
            at: drawn.at,
            secret: p.secret,
            seed: drawn.seed,
            drawn: drawn.drawn,
            skipped: drawn.skipped,
            shortfall: drawn.shortfall,
            complete: drawn.complete,
          },
        }
      : {}),
  };
}

const publicLinks = (p: PlanSnapshot) => ({
  self: `/v1/public/supervision/plans/${p.id}`,
  page: `/supervision/plans/${p.id}`,
  ...(p.state === 'drawn' ? { record: `/v1/public/supervision/plans/${p.id}/record` } : {}),
});

/**
 * A plan for staff.
 *
 * @example
 * planView(plan).links.public; // '/v1/public/supervision/plans/PLAN-…'
 */
export function planView(p: PlanSnapshot): z.input<typeof PlanView> {
  return {
    ...planFields(p),
    createdAt: p.createdAt,
    createdBy: p.createdBy,
    history: p.history.map((h) => ({ ...h })),
    links: {
      self: `/v1/supervision/plans/${p.id}`,
      public: publicLinks(p).self,
      ...(p.state === 'drawn' ? { record: publicLinks(p).record } : {}),
    },
  };
}

/** The position of a spot check in its plan, from its id (`INSP-{planId}-{00001}`). */
const positionOf = (inspectionId: string): number => Number(inspectionId.slice(-5));

/**
 * A drawn enterprise's check as published: its result only once the authority has published it; the inspectors'
 * names beside their codes only when `names` is given (the disclosure policy publishes them).
 *
 * @example
 * publicCheckView(inspection).result; // undefined until published
 */
export function publicCheckView(
  i: InspectionSnapshot,
  names?: ReadonlyMap<string, string>,
): z.input<typeof PublicCheckView> {
  const publishedAt = i.publication?.publishedAt;
  const result = publishedAt ? i.history.findLast((h) => h.result !== undefined)?.result : undefined;
  return {
    position: positionOf(i.id),
    inspectionId: i.id,
    enterpriseName: i.enterpriseName,
    uscc: i.uscc,
    licenceNo: i.licenceNo.toString(),
    team: [...(i.team ?? [])],
    ...(names ? { teamNames: (i.team ?? []).map((code) => names.get(code) ?? code) } : {}),
    state: result ? result.outcome : i.state === 'overdue' ? 'overdue' : 'scheduled',
    ...(result && publishedAt
      ? {
          result: {
            outcome: result.outcome,
            publishedAt,
            ...('checkedOn' in result && result.checkedOn ? { checkedOn: result.checkedOn } : {}),
            ...('findings' in result && result.findings ? { findings: result.findings } : {}),
            ...(result.outcome === 'fail' ? { action: result.action ?? 'suspend' } : {}),
          },
        }
      : {}),
  };
}

/**
 * A plan as the public sees it (never a draft: the use case refuses those).
 *
 * @example
 * publicPlanView(plan, checks).links.record; // set once drawn
 */
export function publicPlanView(
  p: PlanSnapshot,
  checks?: readonly InspectionSnapshot[],
  names?: ReadonlyMap<string, string>,
): z.input<typeof PublicPlanView> {
  return {
    ...planFields(p),
    ...(checks ? { checks: checks.map((c) => publicCheckView(c, names)) } : {}),
    links: publicLinks(p),
  };
}
