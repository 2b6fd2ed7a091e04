/**
 * Port: spot-check plans, the candidate lists they froze, and each enterprise's last inspection team (the draw's
 * "previous pairing" rule). Adapter: `lambdas/adapters/dynamo/plan-repository.ts`.
 */

import type { DrawEnterprise, DrawInspector } from '../domain/supervision/candidates';
import type { PlanSnapshot } from '../domain/supervision/plan';
import type { Page, PageRequest } from './page';

/** Both frozen candidate lists, in canonical order. */
export interface FrozenLists {
  readonly enterprises: readonly DrawEnterprise[];
  readonly inspectors: readonly DrawInspector[];
}

/** The team that went on an enterprise's most recent drawn check. */
export interface LastTeam {
  readonly uscc: string;
  readonly team: readonly string[];
  readonly planId: string;
}

/**
 * Spot-check plans.
 *
 * @example
 * await plans.freeze(frozen.toSnapshot(), lists, draft.revision);
 */
export interface PlanRepository {
  get(id: string): Promise<PlanSnapshot | undefined>;
  /** A new plan (the id is new: a clash is a bug, not a client error). */
  add(plan: PlanSnapshot): Promise<void>;
  /** Throws `CONCURRENT_MODIFICATION` (409) unless the stored revision is `expectedRevision`. */
  save(plan: PlanSnapshot, expectedRevision: number): Promise<void>;
  /**
   * Store the frozen lists, then the frozen plan (conditioned on `expectedRevision`): a crash between the two leaves
   * the plan a draft with lists nothing points to, and freezing again starts afresh.
   */
  freeze(plan: PlanSnapshot, lists: FrozenLists, expectedRevision: number): Promise<void>;
  /** The lists a frozen plan committed to (by its digests); undefined for a draft. */
  frozenLists(plan: PlanSnapshot): Promise<FrozenLists | undefined>;
  /** Newest first; `visibility: 'public'` lists frozen and drawn plans only. */
  list(visibility: 'staff' | 'public', page: PageRequest): Promise<Page<PlanSnapshot>>;
  /** Every enterprise's last team (the previous-pairing rule reads them all when a plan is frozen). */
  lastTeams(): Promise<ReadonlyMap<string, LastTeam>>;
  /** Replace the last teams of the drawn enterprises (idempotent). */
  recordTeams(teams: readonly LastTeam[]): Promise<void>;
}
