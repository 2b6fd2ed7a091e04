/**
 * Port: 执法检查人员名录库, the inspectors' registry an admin keeps. Adapter:
 * `lambdas/adapters/dynamo/inspector-registry.ts`.
 */

import type { InspectorSnapshot } from '../domain/supervision/inspector';
import type { Page, PageRequest } from './page';

/**
 * The inspectors' registry.
 *
 * @example
 * await registry.add(Inspector.register(input, ctx).toSnapshot()); // SUPERVISION_INSPECTOR_EXISTS if the id is taken
 */
export interface InspectorRegistry {
  get(id: string): Promise<InspectorSnapshot | undefined>;
  /** A new inspector; throws `SUPERVISION_INSPECTOR_EXISTS` (409) when the id is registered already. */
  add(inspector: InspectorSnapshot): Promise<void>;
  /** Throws `CONCURRENT_MODIFICATION` (409) unless the stored revision is `expectedRevision`. */
  save(inspector: InspectorSnapshot, expectedRevision: number): Promise<void>;
  /** All inspectors, by id. */
  list(page: PageRequest): Promise<Page<InspectorSnapshot>>;
}
