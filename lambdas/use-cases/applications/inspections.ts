/**
 * Inspections — post-issuance reviews and supervision spot checks: the list (due / overdue), the result a reviewer
 * records, and the scheduled job that marks inspections overdue. A **failed** review revokes the licence through
 * `changeCertificateStatus` as a system action (`post-issuance-review`) citing the review as the legal basis, whoever
 * recorded the result; a **failed spot check** suspends it (or revokes it when the result names `revoke`) the same
 * way (`supervision-spot-check`, citing the plan and the check). Where configured, an overdue review suspends the
 * licence (`inspection-overdue-job`); an overdue spot check is only marked (flagged to staff), never suspended.
 * A spot check's result starts its publication clock (20 working days from the check, the stored working-day
 * calendar): see `spot-check-publications.ts`.
 *
 * Idempotency: a result or a mark is a conditional write on the inspection's revision; re-running the job finds
 * nothing left to mark; a failed inspection whose licence action did not happen (crash between the writes) is
 * completed when `fail` is recorded again (the recorded action and findings, not the retry's); the job suspends before
 * it marks, so a crash between the two is completed by the next run.
 *
 * Error codes: `INSPECTION_NOT_FOUND` (404), `INSPECTION_TRANSITION_INVALID` (409), `INSPECTION_RESULT_INVALID` (400).
 *
 * @example
 * await recordInspectionResult(deps, { inspectionId, result: { outcome: 'fail', findings, inspectors }, actor });
 */
import { allowedActions } from '../../domain/certificate-status';
import { localDateOf } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { Inspection, type InspectionResult, type InspectionSnapshot } from '../../domain/inspection';
import type { LicenceNumber } from '../../domain/licence-number';
import type { Page } from '../../ports/page';
import { changeCertificateStatus, type StatusChangeDeps } from '../change-certificate-status';
import { workingCalendar } from './calendar';
import type { ApplicationDeps } from './deps';

export interface InspectionDeps extends Pick<ApplicationDeps, 'inspections' | 'certificates' | 'clock' | 'calendars'> {
  readonly statusChange: StatusChangeDeps;
}

export async function listInspections(
  deps: Pick<ApplicationDeps, 'inspections' | 'clock'>,
  input: { state: 'due' | 'overdue'; before?: string; cursor?: string; limit?: number },
): Promise<Page<InspectionSnapshot>> {
  return deps.inspections.list(
    {
      state: input.state === 'due' ? 'scheduled' : 'overdue',
      ...(input.before ? { before: input.before } : {}),
    },
    { ...(input.cursor ? { cursor: input.cursor } : {}), ...(input.limit ? { limit: input.limit } : {}) },
  );
}

async function revokeFor(deps: InspectionDeps, inspection: InspectionSnapshot, findings: string): Promise<void> {
  const head = await deps.certificates.get(inspection.licenceNo);
  if (!head || head.certificate.status === 'revoked' || head.certificate.status === 'cancelled') return;
  await changeCertificateStatus(deps.statusChange, {
    licenceNo: inspection.licenceNo,
    action: 'revoke',
    actor: { type: 'system', id: 'post-issuance-review' },
    publicReason: `现场审查不合格 / Post-issuance review failed: ${findings}`.slice(0, 500),
    legalBasis: `《工业产品生产许可证管理条例》；证后审查 ${inspection.id} 不合格`,
  });
}

/**
 * A failed spot check's action on the licence — the recorded one (suspend unless `revoke` was named) — when the
 * licence's status still allows it: a retry after the action happened changes nothing.
 */
async function actForSpotCheck(deps: InspectionDeps, inspection: InspectionSnapshot, findings: string): Promise<void> {
  const action = Inspection.rehydrate(inspection).failAction ?? 'suspend';
  const head = await deps.certificates.get(inspection.licenceNo);
  if (!head || !allowedActions(head.certificate.status).includes(action)) return;
  await changeCertificateStatus(deps.statusChange, {
    licenceNo: inspection.licenceNo,
    action,
    actor: { type: 'system', id: 'supervision-spot-check' },
    publicReason: `双随机抽查不合格 / Random spot check failed: ${findings}`.slice(0, 500),
    legalBasis: `双随机抽查 ${inspection.plan?.id ?? ''} / 检查 ${inspection.id} 不合格`,
  });
}

/** The licence action of a failed inspection: a review revokes, a spot check suspends or revokes. */
async function actOnFailure(deps: InspectionDeps, inspection: InspectionSnapshot, findings: string): Promise<void> {
  if (inspection.kind === 'spot-check') await actForSpotCheck(deps, inspection, findings);
  else await revokeFor(deps, inspection, findings);
}

/** The findings of a failed review's recorded result. */
function recordedFindings(inspection: InspectionSnapshot): string | undefined {
  const result = inspection.history.findLast((h) => h.event === 'fail')?.result;
  return result?.outcome === 'fail' ? result.findings : undefined;
}

export async function recordInspectionResult(
  deps: InspectionDeps,
  input: { inspectionId: string; result: InspectionResult; actor: { id: string; role: string } },
): Promise<InspectionSnapshot> {
  const stored = await deps.inspections.get(input.inspectionId);
  if (!stored) throw new NotFoundError('INSPECTION_NOT_FOUND', `no inspection ${input.inspectionId}`);
  if (stored.state === 'failed' && input.result.outcome === 'fail') {
    // A retry completes an interrupted licence action, citing the findings recorded, not the retry's wording.
    await actOnFailure(deps, stored, recordedFindings(stored) ?? input.result.findings);
    return stored;
  }
  // A spot check's publication falls due in working days after the check: the calendar with the loaded schedules.
  const calendar = stored.kind === 'spot-check' ? await workingCalendar(deps) : undefined;
  const next = Inspection.rehydrate(stored).record(input.result, {
    actor: input.actor,
    at: deps.clock.now(),
    ...(calendar ? { calendar } : {}),
  });
  await deps.inspections.save(next.toSnapshot(), stored.revision);
  if (input.result.outcome === 'fail') await actOnFailure(deps, next.toSnapshot(), input.result.findings);
  return next.toSnapshot();
}

/**
 * The scheduled job: marks every inspection past its due (or rectification) date overdue; with `suspendLicence`, also
 * suspends the licence of an overdue review (a valid one only) — never of a spot check, which is only flagged (a late
 * check is the authority's, not the enterprise's). Returns what it marked.
 *
 * @example
 * await markOverdueInspections(deps, { suspendLicence: false }); // { marked: ['INSP-…'], suspended: [] }
 */
export async function markOverdueInspections(
  deps: InspectionDeps,
  options: { suspendLicence: boolean },
): Promise<{ marked: string[]; suspended: LicenceNumber[] }> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  const marked: string[] = [];
  const suspended: LicenceNumber[] = [];
  for (const state of ['scheduled', 'rectifying'] as const) {
    let cursor: string | undefined;
    do {
      // `before` is inclusive; yesterday's date keeps reviews due today off the list.
      const page = await deps.inspections.list(
        { state, before: localDateOf(new Date(now.getTime() - 86_400_000)) },
        { limit: 100, ...(cursor ? { cursor } : {}) },
      );
      for (const snapshot of page.items) {
        const inspection = Inspection.rehydrate(snapshot);
        if (!inspection.isPastDue(today)) continue;
        // The suspension first, then the mark: a crash between them leaves the review unmarked, so the next run finds
        // it again and marks it (the licence, already suspended, is left as it is). The other order would leave a
        // review marked overdue whose licence was never suspended, and no later run would look at it again.
        if (options.suspendLicence && snapshot.kind !== 'spot-check' && (await suspendFor(deps, snapshot))) {
          suspended.push(snapshot.licenceNo);
        }
        await deps.inspections.save(inspection.markOverdue(now).toSnapshot(), snapshot.revision);
        marked.push(snapshot.id);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { marked, suspended };
}

async function suspendFor(deps: InspectionDeps, inspection: InspectionSnapshot): Promise<boolean> {
  const head = await deps.certificates.get(inspection.licenceNo);
  if (head?.certificate.status !== 'valid') return false;
  await changeCertificateStatus(deps.statusChange, {
    licenceNo: inspection.licenceNo,
    action: 'suspend',
    actor: { type: 'system', id: 'inspection-overdue-job' },
    publicReason: '证后审查逾期未完成 / Post-issuance review overdue',
    legalBasis: `《工业产品生产许可证管理条例》；证后审查 ${inspection.id} 逾期`,
  });
  return true;
}
