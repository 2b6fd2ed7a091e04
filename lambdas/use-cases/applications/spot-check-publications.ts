/**
 * 一公开: a spot check's result must be public within 20 working days of the check. Recording a result starts the
 * clock (`publication.dueBy`, see `Inspection.record`); an officer marks the result published here, which the
 * inspection's history records (who, when); staff list the results still unpublished — all of them, or those past
 * their due date by the injected clock (flagged). Each list is one Query on the sparse pending-publication index.
 *
 * Error codes: `INSPECTION_NOT_FOUND` (404), `INSPECTION_TRANSITION_INVALID` (409: not a spot check, no result yet,
 * or already published), `CONCURRENT_MODIFICATION` (409).
 *
 * @example
 * await publishSpotCheckResult(deps, { inspectionId: 'INSP-PLAN-20261205-K3M9Q2ZT7A-00001', actor });
 * await listPublications(deps, { state: 'overdue' });
 */
import { today } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { Inspection, type InspectionSnapshot } from '../../domain/inspection';
import type { Page } from '../../ports/page';
import type { InspectionDeps } from './inspections';

/**
 * Mark a spot check's latest result published, in its history; a later result makes it pending again.
 *
 * @example
 * const published = await publishSpotCheckResult(deps, { inspectionId, actor: { id: 'officer-1', role: 'officer' } });
 * published.publication; // { dueBy: '2027-01-13', publishedAt: '2026-12-16T02:00:00.000Z', publishedBy: 'officer-1' }
 */
export async function publishSpotCheckResult(
  deps: Pick<InspectionDeps, 'inspections' | 'clock'>,
  input: { inspectionId: string; actor: { id: string; role: string } },
): Promise<InspectionSnapshot> {
  const stored = await deps.inspections.get(input.inspectionId);
  if (!stored) throw new NotFoundError('INSPECTION_NOT_FOUND', `no inspection ${input.inspectionId}`);
  const next = Inspection.rehydrate(stored).publish({ actor: input.actor, at: deps.clock.now() });
  await deps.inspections.save(next.toSnapshot(), stored.revision);
  return next.toSnapshot();
}

/**
 * Spot checks whose latest result is not yet public, by publication due date: `pending` (all) or `overdue` (due
 * before today, Asia/Shanghai, by the injected clock).
 *
 * @example
 * const { items, cursor } = await listPublications(deps, { state: 'overdue', limit: 50 });
 */
export async function listPublications(
  deps: Pick<InspectionDeps, 'inspections' | 'clock'>,
  input: { state: 'pending' | 'overdue'; cursor?: string; limit?: number },
): Promise<Page<InspectionSnapshot>> {
  return deps.inspections.listPublications(input.state === 'overdue' ? { dueBefore: today(deps.clock) } : {}, {
    ...(input.cursor ? { cursor: input.cursor } : {}),
    ...(input.limit ? { limit: input.limit } : {}),
  });
}
