/**
 * Port: post-issuance inspections. Adapter: `lambdas/adapters/dynamo/inspection-repository.ts`.
 */

import type { InspectionSnapshot, InspectionState } from '../domain/inspection';
import type { Page, PageRequest } from './page';

/**
 * Post-issuance inspections.
 *
 * @example
 * await inspections.list({ state: 'scheduled', before: '2026-12-31' }, { limit: 25 });
 */
export interface InspectionRepository {
  get(id: string): Promise<InspectionSnapshot | undefined>;
  save(inspection: InspectionSnapshot, expectedRevision: number): Promise<void>;
  /** By state, ordered by due date (or rectification date); `before`: only those due on or before that date. */
  list(filter: { state: InspectionState; before?: string }, page: PageRequest): Promise<Page<InspectionSnapshot>>;
}
