/**
 * Port: the transparency log's state in the table — the pending entries written with their events, the sequence (each
 * entry's index, fixed once), the mirrored tiles verifiers read proofs from, and the published checkpoint. Adapter:
 * `lambdas/adapters/dynamo/log-store.ts`. The sequencer (`lambdas/use-cases/transparency/sequencer.ts`) is its one
 * writer; the verify function only reads.
 */
import type { TileWrite } from '../domain/transparency/tile-proofs';
import type { TileCoordinates } from '../domain/transparency/tiles';
import type { OutboxMessage } from './transaction-parts';

/**
 * The most entries one {@link LogStore.sequence} call fixes: one DynamoDB transaction of at most 100 items — the head,
 * the batch itself, and per entry its pending item (its outbox message too) removed and its location written.
 *
 * @example
 * const pending = await store.pending(MAX_SEQUENCE_BATCH);
 */
export const MAX_SEQUENCE_BATCH = 49;

/**
 * An entry written with its event, waiting for the sequencer: its key (unique per event, see `log-entries.ts`), its
 * canonical bytes and the event's instant.
 *
 * @example
 * const p: PendingLogEntry = { key: 'issuance.42-XK13-001-00001.v1', entry, at: '2026-12-05T01:00:00.000Z' };
 */
export interface PendingLogEntry {
  readonly key: string;
  readonly entry: Uint8Array;
  readonly at: string;
}

/** An entry with the index the sequencer gave it. */
export interface SequencedEntry extends PendingLogEntry {
  readonly index: number;
}

/**
 * A signed checkpoint as published: the tree size and root it commits to and the signed note itself.
 *
 * @example
 * const c: PublishedCheckpoint = { treeSize: 8, root, note, publishedAt: '2026-12-05T01:00:01.000Z' };
 */
export interface PublishedCheckpoint {
  readonly treeSize: number;
  readonly root: Uint8Array;
  readonly note: string;
  readonly publishedAt: string;
}

/**
 * The head of the log: how many entries are sequenced (their indices fixed) and the latest published checkpoint
 * (never ahead of the sequence; behind it only between a sequencing and its publication, or after a crash there).
 *
 * @example
 * const { sequenced, checkpoint } = await store.head();
 */
export interface LogHead {
  readonly sequenced: number;
  readonly checkpoint?: PublishedCheckpoint;
  /** The log's verifier key (`name+keyid+base64`), stored with the first checkpoint and published beside the JWKS. */
  readonly verifierKey?: string;
  /** When the one-off backfill of certificates issued before the log finished (`backfill-log.ts`). */
  readonly backfilledAt?: string;
}

/**
 * Where an entry sits in the log, once sequenced, and its bytes (a verifier recomputes its leaf hash from them).
 *
 * @example
 * const located = await store.locate('issuance.42-XK13-001-00001.v1'); // { index: 17, entry } or undefined
 */
export interface EntryLocation {
  readonly index: number;
  readonly entry: Uint8Array;
}

/**
 * The table side of the log.
 *
 * @example
 * const head = await store.head();
 * const pending = await store.pending(MAX_SEQUENCE_BATCH);
 * if (await store.sequence(pending, head.sequenced, now)) { … }
 */
export interface LogStore {
  head(): Promise<LogHead>;
  /** The oldest pending entries (by event instant, then key), at most `limit`, read consistently. */
  pending(limit: number): Promise<readonly PendingLogEntry[]>;
  /**
   * Give `entries` the indices `fromSize`, `fromSize + 1`, … atomically: only if the head's sequenced size is still
   * `fromSize` and every entry is still pending. In the same write each entry leaves the pending list — which
   * completes its outbox message: from here on, finishing the work is the sequencer's own business (any later run
   * publishes what was sequenced) — and gets its location (see {@link locate}). False when another sequencer got
   * there first; nothing is written then. At most {@link MAX_SEQUENCE_BATCH} entries.
   */
  sequence(entries: readonly PendingLogEntry[], fromSize: number, at: Date): Promise<boolean>;
  /** The sequenced entries with index in [start, end), in index order (consistent reads). */
  sequencedRange(start: number, end: number): Promise<readonly SequencedEntry[]>;
  /** Where an entry sits, once sequenced (possibly before a checkpoint covers it). */
  locate(key: string): Promise<EntryLocation | undefined>;
  /**
   * Mirrored tiles, by tile path: each one's first `width` hashes when the stored tile has at least that many; absent
   * otherwise. Tiles only grow, so a tile read at a width stays valid forever.
   */
  tiles(coordinates: readonly TileCoordinates[]): Promise<ReadonlyMap<string, Uint8Array>>;
  /** Mirror tiles, never shrinking one that another writer grew further meanwhile. */
  putTiles(tiles: readonly TileWrite[]): Promise<void>;
  /**
   * Publish a checkpoint, only when it is larger than the one published (false otherwise); the verifier key is stored
   * with it.
   */
  publish(checkpoint: PublishedCheckpoint, verifierKey: string): Promise<boolean>;
  /**
   * The backfill's write: a pending entry (with its outbox message, the same item), only if the entry is neither
   * pending nor sequenced already (false then; nothing written).
   */
  enqueueUnlogged(pending: PendingLogEntry, message: OutboxMessage): Promise<boolean>;
  /** Record that the backfill finished. */
  markBackfilled(at: Date): Promise<void>;
}

/**
 * What a verifier reads of the log (the verify function: table reads only, no bucket): the head, an entry's location
 * and the mirrored tiles its inclusion proof is made from.
 *
 * @example
 * const reader: LogReader = new CachedLogReader(logStore(), clock);
 */
export type LogReader = Pick<LogStore, 'head' | 'locate' | 'tiles'>;
