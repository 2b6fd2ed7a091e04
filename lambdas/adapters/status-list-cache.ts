/**
 * The verify function's view of the status list: {@link StatusListReader} over the table with in-process caches.
 * - the published list is kept {@link STATUS_LIST_CACHE_TTL_MS}, one read at a time however many ask — so the route
 *   serves a list at most a second older than the table's, within the 5 s promise from change to download;
 * - a slot once held is held for good (slots are never given back), so "allocated" is kept; "not allocated" is not
 *   (the next issuance may take it).
 *
 * @example
 * const reader = new CachedStatusListReader(new DynamoStatusListStore(client, tableName), clock);
 * const list = await reader.published();
 */
import type { Clock } from '../ports/clock';
import type { PublishedStatusList, StatusListReader } from '../ports/status-list-store';
import { ExpiringValue } from './expiring-value';

/** How long the published list is served from memory. */
export const STATUS_LIST_CACHE_TTL_MS = 1000;

export class CachedStatusListReader implements StatusListReader {
  readonly #published: ExpiringValue<PublishedStatusList | undefined>;
  readonly #allocated = new Set<number>();

  constructor(
    private readonly source: StatusListReader,
    clock: Clock,
  ) {
    this.#published = new ExpiringValue(() => source.published(), clock, STATUS_LIST_CACHE_TTL_MS);
  }

  published(): Promise<PublishedStatusList | undefined> {
    return this.#published.get();
  }

  async isAllocated(index: number): Promise<boolean> {
    if (this.#allocated.has(index)) return true;
    const allocated = await this.source.isAllocated(index);
    if (allocated) this.#allocated.add(index);
    return allocated;
  }
}
