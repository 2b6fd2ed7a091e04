/**
 * In-memory {@link StatusListStore} on the shared {@link FakeTable}, with the adapter's condition: a list is stored
 * only at the version after the stored one (the first only when there is none), so a publisher that lost a race gets
 * false and nothing is written; a slot is allocated when a licence holds it in the table.
 *
 * @example
 * const store = new FakeStatusListStore(world.table);
 * await store.publish({ version: 1, jwt, iat, exp }); // true
 */
import type { PublishedStatusList, StatusListStore } from '../../../lambdas/ports/status-list-store';
import { FakeTable } from './table';

export class FakeStatusListStore implements StatusListStore {
  /** Lists stored, in order (tests count publications). */
  readonly stored: PublishedStatusList[] = [];

  constructor(readonly table: FakeTable = new FakeTable()) {}

  async published(): Promise<PublishedStatusList | undefined> {
    return this.table.statusList;
  }

  async isAllocated(index: number): Promise<boolean> {
    return this.table.statusSlots.has(index);
  }

  async publish(list: PublishedStatusList): Promise<boolean> {
    if (list.version !== (this.table.statusList?.version ?? 0) + 1) return false;
    this.table.statusList = list;
    this.stored.push(list);
    return true;
  }
}
