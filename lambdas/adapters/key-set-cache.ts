import { KeySet } from '../domain/signing/key-set';
import type { KeyRecord } from '../domain/signing/keys';
import type { Clock } from '../ports/clock';
import type { KeyRecordSource } from '../ports/key-record-source';
import type { KeySetProvider } from '../ports/key-set-provider';

export interface KeySetCacheOptions {
  /** How long a read key set is used before it is read again. */
  readonly ttlMs: number;
  /** Least time between two early refreshes (unknown key references must not hammer the source). Default 1 s. */
  readonly refreshCooldownMs?: number;
  /** How long a key set may still be used when reading a new one fails. Default 300 s (the JWKS `max-age`). */
  readonly maxStaleMs?: number;
}

interface Loaded {
  readonly keySet: KeySet;
  readonly records: string;
  /** Epoch ms when the read started. */
  readonly loadedAt: number;
}

export class CachedKeySet implements KeySetProvider {
  #loaded: Loaded | undefined;
  #loading: Promise<KeySet> | undefined;
  #lastRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly source: KeyRecordSource,
    private readonly clock: Clock,
    private readonly options: KeySetCacheOptions,
  ) {}

  /**
   * The key set; throws the source's error when it cannot be read and no copy is recent enough.
   *
   * @example
   * const found = (await keys.get()).findByRef(decoded.keyRef);
   */
  async get(): Promise<KeySet> {
    const now = this.#now();
    const loaded = this.#loaded;
    if (loaded && now - loaded.loadedAt < this.options.ttlMs && now >= loaded.loadedAt) return loaded.keySet;
    try {
      return await this.#load();
    } catch (error) {
      if (loaded && now - loaded.loadedAt < (this.options.maxStaleMs ?? 300_000)) return loaded.keySet;
      throw error;
    }
  }

  /**
   * Read the key set now, at most once per cooldown; undefined when refused or the read fails.
   *
   * @example
   * const fresh = await keys.refresh(); // after KEY_UNKNOWN
   */
  async refresh(): Promise<KeySet | undefined> {
    if (this.#loading) return this.#loading.catch(() => undefined);
    const now = this.#now();
    if (now - this.#lastRefresh < (this.options.refreshCooldownMs ?? 1000)) return undefined;
    this.#lastRefresh = now;
    return this.#load().catch(() => undefined);
  }

  #load(): Promise<KeySet> {
    this.#loading ??= (async () => {
      const startedAt = this.#now();
      const records: readonly KeyRecord[] = await this.source.keyRecords();
      const text = JSON.stringify(records);
      // Unchanged records keep the same KeySet object (no re-import, and callers can tell nothing changed).
      const keySet = this.#loaded?.records === text ? this.#loaded.keySet : await KeySet.fromRecords(records);
      this.#loaded = { keySet, records: text, loadedAt: startedAt };
      return keySet;
    })().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  #now(): number {
    return this.clock.now().getTime();
  }
}
