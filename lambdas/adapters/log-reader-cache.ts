/**
 * The verify function's view of the transparency log: {@link LogReader} over the table with in-process caches, so a
 * warm verification costs no log read at all.
 * - the head (the latest checkpoint) is kept {@link LOG_HEAD_TTL_MS}, one read at a time however many ask;
 * - an entry's location, once found, never changes (kept, up to a bound); "not found" is kept
 *   {@link LOG_MISS_TTL_MS};
 * - a tile read at a width never changes either (tiles only grow; a proof asks for the width of its tree), so tiles
 *   are kept by path, up to a bound.
 *
 * @example
 * const reader = new CachedLogReader(logStore(), clock);
 * const { checkpoint } = await reader.head();
 */
import { type TileCoordinates, tilePath } from '../domain/transparency/tiles';
import type { Clock } from '../ports/clock';
import type { EntryLocation, LogHead, LogReader } from '../ports/log-store';
import { ExpiringValue } from './expiring-value';

/** How long the latest checkpoint is served from memory (the checkpoint route itself is cacheable 5 s). */
export const LOG_HEAD_TTL_MS = 2000;
/** How long "no such entry yet" is served from memory. */
export const LOG_MISS_TTL_MS = 1000;
const MAX_LOCATIONS = 100_000;
const MAX_TILES = 4096;

/** A map that forgets its oldest entries beyond `max`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

export class CachedLogReader implements LogReader {
  readonly #head: ExpiringValue<LogHead>;
  readonly #located = new Map<string, EntryLocation>();
  readonly #misses = new Map<string, number>();
  readonly #tiles = new Map<string, Uint8Array>();

  constructor(
    private readonly source: LogReader,
    private readonly clock: Clock,
  ) {
    this.#head = new ExpiringValue(() => source.head(), clock, LOG_HEAD_TTL_MS);
  }

  head(): Promise<LogHead> {
    return this.#head.get();
  }

  async locate(key: string): Promise<EntryLocation | undefined> {
    const known = this.#located.get(key);
    if (known) return known;
    const now = this.clock.now().getTime();
    const missedAt = this.#misses.get(key);
    if (missedAt !== undefined && now - missedAt < LOG_MISS_TTL_MS) return undefined;
    const found = await this.source.locate(key);
    if (found) {
      this.#misses.delete(key);
      remember(this.#located, key, found, MAX_LOCATIONS);
    } else {
      remember(this.#misses, key, now, MAX_LOCATIONS);
    }
    return found;
  }

  async tiles(coordinates: readonly TileCoordinates[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    const missing: TileCoordinates[] = [];
    for (const c of coordinates) {
      const bytes = this.#tiles.get(tilePath(c));
      if (bytes) found.set(tilePath(c), bytes);
      else missing.push(c);
    }
    if (missing.length === 0) return found;
    for (const [path, bytes] of await this.source.tiles(missing)) {
      found.set(path, bytes);
      remember(this.#tiles, path, bytes, MAX_TILES);
    }
    return found;
  }
}
