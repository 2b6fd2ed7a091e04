/**
 * Port: post-issuance inspections. Adapter: `lambdas/adapters/dynamo/inspection-repository.ts`.
 */

import type { InspectionSnapshot, InspectionState } from '../domain/inspection';
import type { Page, PageRequest } from './page';

/**
 * Inspections: post-issuance reviews and supervision spot checks.
 *
 * @example
 * await inspections.list({ state: 'scheduled', before: '2026-12-31' }, { limit: 25 });
 */
export interface InspectionRepository {
  get(id: string): Promise<InspectionSnapshot | undefined>;
  /**
   * A new inspection, written only if its id is not stored yet: `'exists'` (nothing written, not an error) when it
   * is, so a retried draw creating the same spot checks again changes nothing.
   */
  create(inspection: InspectionSnapshot): Promise<'created' | 'exists'>;
  /** Create each of these that does not exist yet (idempotent: a retried draw creates what is missing, no more). */
  createAll(inspections: readonly InspectionSnapshot[]): Promise<void>;
  save(inspection: InspectionSnapshot, expectedRevision: number): Promise<void>;
  /** By state, ordered by due date (or rectification date); `before`: only those due on or before that date. */
  list(filter: { state: InspectionState; before?: string }, page: PageRequest): Promise<Page<InspectionSnapshot>>;
  /** A plan's spot checks in draw order (their ids end with the 5-digit position). */
  listByPlan(planId: string, page: PageRequest): Promise<Page<InspectionSnapshot>>;
  /**
   * Spot checks whose latest result awaits publication, ordered by publication due date; `dueBefore`: only those due
   * strictly before that date (overdue when it is today).
   */
  listPublications(filter: { dueBefore?: string }, page: PageRequest): Promise<Page<InspectionSnapshot>>;
}
