import type { IssuedVersion } from '../domain/issued-version';
import type { LicenceNumber } from '../domain/licence-number';
import type { CertificateHead, CertificateRepository } from '../ports/certificate-repository';
import type { Clock } from '../ports/clock';
import type { RegisterReader } from '../ports/register-reader';

/** The production lifetime of a cached head. */
export const STATUS_CACHE_TTL_MS = 4000;
/** The freshness promise minus one second of margin: no configuration may cache a status longer. */
export const MAX_STATUS_CACHE_TTL_MS = 4000;
const DEFAULT_MAX_ENTRIES = 10_000;
/** Heads per batch read (DynamoDB's BatchGetItem takes 100 keys). */
const REFRESH_BATCH = 100;

/**
 * The reads the cache forwards to (the DynamoDB repository). With `headsOf`, the background re-reads due in one turn
 * of the event loop go out together as one batch read (up to 100 heads a call) instead of one read each.
 */
export type RegisterSource = Pick<CertificateRepository, 'get' | 'getVersion' | 'findVersionByPdfSha256'> &
  Partial<Pick<CertificateRepository, 'headsOf'>>;

export interface StatusCacheOptions {
  /** Lifetime of a cached head, ≤ {@link MAX_STATUS_CACHE_TTL_MS}; 0 disables caching. */
  readonly ttlMs?: number;
  /** Age from which a served head is re-read in the background; default ¾ of the lifetime (3 s). */
  readonly refreshAfterMs?: number;
  /**
   * Each licence refreshes at its own point within this many ms before `refreshAfterMs` (default ¼ of the lifetime
   * when `refreshAfterMs` is the default, else 0): entries read together are then not all re-read together — such
   * waves of reads show up as latency spikes.
   */
  readonly refreshSpreadMs?: number;
  /** Most heads (and, separately, versions) kept; the oldest go first. */
  readonly maxEntries?: number;
}

/** Counters since start (for the bench and metrics). */
export interface StatusCacheStats {
  /** Answered from the cache. */
  readonly hits: number;
  /** Waited for a register read. */
  readonly misses: number;
  /** Background re-reads started ahead of expiry. */
  readonly refreshes: number;
  /** Batch reads those re-reads went out in (with a source that reads heads together). */
  readonly refreshBatches: number;
}

/** A re-read waiting for the turn's batch. */
interface PendingRefresh {
  readonly licenceNo: LicenceNumber;
  readonly key: string;
  readonly old: HeadEntry;
  readonly now: number;
}

interface HeadEntry {
  /** Epoch ms when the read started. */
  readonly readAt: number;
  readonly value: Promise<CertificateHead | undefined>;
  /** A background re-read of this entry is under way. */
  refreshing?: boolean;
}

export class StatusCache implements RegisterReader {
  readonly ttlMs: number;
  readonly #refreshAfterMs: number;
  readonly #refreshSpreadMs: number;
  readonly #maxEntries: number;
  readonly #heads = new Map<string, HeadEntry>();
  readonly #versions = new Map<string, IssuedVersion>();
  #hits = 0;
  #misses = 0;
  #refreshes = 0;
  #refreshBatches = 0;
  /** Re-reads due this turn, sent together once it ends. */
  #pending: PendingRefresh[] = [];
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: RegisterSource,
    private readonly clock: Clock,
    options: StatusCacheOptions = {},
  ) {
    const ttlMs = options.ttlMs ?? STATUS_CACHE_TTL_MS;
    if (!(ttlMs >= 0 && ttlMs <= MAX_STATUS_CACHE_TTL_MS)) {
      throw new RangeError(
        `status cache TTL ${ttlMs} ms breaks the 5 s freshness promise (max ${MAX_STATUS_CACHE_TTL_MS})`,
      );
    }
    this.ttlMs = ttlMs;
    this.#refreshAfterMs = Math.min(options.refreshAfterMs ?? (ttlMs * 3) / 4, ttlMs);
    const spread = options.refreshSpreadMs ?? (options.refreshAfterMs === undefined ? ttlMs / 4 : 0);
    this.#refreshSpreadMs = Math.max(0, Math.min(spread, this.#refreshAfterMs));
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  /**
   * The head of a licence and when it was read from the register. Entries are kept by the printed number (the cache
   * holds the heads as read: nothing is parsed again on a hit).
   *
   * @example
   * const { head, readAt } = await cache.head(licenceNo);
   */
  async head(licenceNo: LicenceNumber): Promise<{ head: CertificateHead | undefined; readAt: Date }> {
    const now = this.clock.now().getTime();
    const key = licenceNo.toString();
    const cached = this.#heads.get(key);
    const age = cached ? now - cached.readAt : Number.NaN;
    let entry: HeadEntry;
    if (cached && age >= 0 && age < this.ttlMs) {
      this.#hits++;
      entry = cached;
      if (age >= this.#refreshPoint(key) && !cached.refreshing) this.#refreshAhead(licenceNo, key, cached, now);
    } else {
      this.#misses++;
      entry = { readAt: now, value: this.source.get(licenceNo) };
      this.#remember(this.#heads, key, entry);
      entry.value.catch(() => {
        if (this.#heads.get(key) === entry) this.#heads.delete(key);
      });
    }
    return { head: await entry.value, readAt: new Date(entry.readAt) };
  }

  /**
   * The age (ms) at which a served entry of this licence is re-read in the background: fixed per licence, within
   * `(refreshAfterMs − refreshSpreadMs, refreshAfterMs]`.
   *
   * @example
   * cache.refreshPointOf(licenceNo); // e.g. 2417 with the production settings
   */
  refreshPointOf(licenceNo: LicenceNumber): number {
    return this.#refreshPoint(licenceNo.toString());
  }

  /** {@link refreshPointOf} by the printed number (the cache's key). */
  #refreshPoint(key: string): number {
    return this.#refreshAfterMs - this.#refreshSpreadMs * (fnv1a(key) / 0x1_0000_0000);
  }

  /** Re-read in the background; the new entry (read time `now`) replaces the old one only once it succeeded. */
  #refreshAhead(licenceNo: LicenceNumber, key: string, old: HeadEntry, now: number): void {
    old.refreshing = true;
    this.#refreshes++;
    if (this.source.headsOf) {
      // Gathered for the turn: requests served side by side share one batch read.
      if (this.#pending.length === 0)
        this.#flushing = new Promise((resolve) => setImmediate(() => resolve(this.#flush())));
      this.#pending.push({ licenceNo, key, old, now });
      return;
    }
    this.#replaceWhenRead(key, old, now, this.source.get(licenceNo));
  }

  /** The turn's re-reads, 100 heads a batch read; each replaces its entry as {@link #refreshAhead} says. */
  async #flush(): Promise<void> {
    const due = this.#pending;
    this.#pending = [];
    const headsOf = this.source.headsOf?.bind(this.source);
    if (!headsOf) return;
    for (let i = 0; i < due.length; i += REFRESH_BATCH) {
      const slice = due.slice(i, i + REFRESH_BATCH);
      this.#refreshBatches++;
      const read = headsOf(slice.map((r) => r.licenceNo));
      for (const r of slice) {
        this.#replaceWhenRead(
          r.key,
          r.old,
          r.now,
          read.then((heads) => heads.get(r.key)),
        );
      }
      await read.catch(() => undefined);
    }
  }

  #replaceWhenRead(key: string, old: HeadEntry, now: number, value: Promise<CertificateHead | undefined>): void {
    value.then(
      () => {
        if (this.#heads.get(key) === old) this.#remember(this.#heads, key, { readAt: now, value });
      },
      () => {
        old.refreshing = false; // the old entry serves until it expires; the next request tries again
      },
    );
  }

  /**
   * Resolves once the background re-reads started so far have been read and applied (tests move a ManualClock on
   * only after them; production never waits).
   *
   * @example
   * await cache.settled();
   */
  async settled(): Promise<void> {
    // Each replacement is chained on its read before the flush moves on, so it has run once the flush has.
    await this.#flushing;
  }

  /**
   * An issued version (immutable, so cached without expiry).
   *
   * @example
   * const issued = await cache.version(licenceNo, claims.version);
   */
  async version(licenceNo: LicenceNumber, version: number): Promise<IssuedVersion | undefined> {
    const key = `${licenceNo}#${version}`;
    const cached = this.#versions.get(key);
    if (cached) {
      this.#remember(this.#versions, key, cached); // most recently used goes last
      return cached;
    }
    const found = await this.source.getVersion(licenceNo, version);
    if (found) this.#remember(this.#versions, key, found);
    return found;
  }

  /**
   * Which issued version has this PDF digest (not cached).
   *
   * @example
   * await cache.versionByPdfSha256(sha256); // { licenceNo, version } | undefined
   */
  versionByPdfSha256(sha256: string): Promise<{ licenceNo: LicenceNumber; version: number } | undefined> {
    return this.source.findVersionByPdfSha256(sha256);
  }

  /** Hit and miss counts of head reads. @example cache.stats().hits */
  stats(): StatusCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      refreshes: this.#refreshes,
      refreshBatches: this.#refreshBatches,
    };
  }

  #remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.#maxEntries) {
      const oldest = map.keys().next().value as string;
      map.delete(oldest);
    }
  }
}

/**
 * 32-bit FNV-1a of a string's UTF-16 code units with a final avalanche (MurmurHash3's fmix32), so numbers that
 * differ only in their last digits still land far apart: a cheap, stable spread, not a security hash.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
