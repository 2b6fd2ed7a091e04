/**
 * Post-issuance reviews: the list (due / overdue), the result a reviewer records, and the scheduled job that marks
 * reviews overdue. A **failed** review revokes the licence through `changeCertificateStatus` as a system action
 * (`post-issuance-review`) citing the review as the legal basis, whoever recorded the result; where configured, an
 * overdue review suspends the licence the same way (`inspection-overdue-job`).
 *
 * Idempotency: a result or a mark is a conditional write on the review's revision; re-running the job finds nothing
 * left to mark; a failed review whose revocation did not happen (crash between the writes) is completed when the
 * same `fail` is recorded again; the job suspends before it marks, so a crash between the two is completed by the
 * next run.
 *
 * Error codes: `INSPECTION_NOT_FOUND` (404), `INSPECTION_TRANSITION_INVALID` (409), `INSPECTION_RESULT_INVALID` (400).
 *
 * @example
 * await recordInspectionResult(deps, { inspectionId, result: { outcome: 'fail', findings, inspectors }, actor });
 */
import { localDateOf } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { Inspection, type InspectionResult, type InspectionSnapshot } from '../../domain/inspection';
import type { LicenceNumber } from '../../domain/licence-number';
import type { Page } from '../../ports/page';
import { changeCertificateStatus, type StatusChangeDeps } from '../change-certificate-status';
import type { ApplicationDeps } from './deps';

export interface InspectionDeps extends Pick<ApplicationDeps, 'inspections' | 'certificates' | 'clock'> {
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
  if (!stored) throw new NotFoundError('INSPECTION_NOT_FOUND', `no review ${input.inspectionId}`);
  if (stored.state === 'failed' && input.result.outcome === 'fail') {
    // A retry completes an interrupted revocation, citing the findings recorded, not the retry's wording.
    await revokeFor(deps, stored, recordedFindings(stored) ?? input.result.findings);
    return stored;
  }
  const next = Inspection.rehydrate(stored).record(input.result, { actor: input.actor, at: deps.clock.now() });
  await deps.inspections.save(next.toSnapshot(), stored.revision);
  if (input.result.outcome === 'fail') await revokeFor(deps, next.toSnapshot(), input.result.findings);
  return next.toSnapshot();
}

/**
 * The scheduled job: marks every review past its due (or rectification) date overdue; with `suspendLicence`, also
 * suspends the licence (a valid one only). Returns what it marked.
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
        if (options.suspendLicence && (await suspendFor(deps, snapshot))) suspended.push(snapshot.licenceNo);
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
