/**
 * The transparency log's sequencer (the `log-sequencer` function, woken by the log queue): integrates every pending
 * entry, in order, exactly once, and publishes a signed checkpoint covering it.
 *
 * 1. **Sequence** — the oldest pending entries (by event instant) get the next indices in one conditional write on the
 *    head (`LogStore.sequence`): the head's size must still be the one read and every entry still pending, so two
 *    sequencers never give one index twice nor one entry two indices. This is the commit point: the same write
 *    records each entry's location and completes its outbox message.
 * 2. **Integrate** — from the sequenced entries, deterministically: the tiles that grew (from the right edge of the
 *    published tree) and the entry bundles — to the public copy and the table's mirror. Writing them twice writes the
 *    same bytes.
 * 3. **Publish** — the checkpoint of the new size, signed with the log key, stored only if larger than the published
 *    one, then copied to the public copy.
 *
 * After a crash anywhere, the next run first integrates and publishes what was sequenced but not published, starting
 * from the published checkpoint — and refuses to go on if the mirrored tiles do not hash to that checkpoint's root,
 * so it never forks its own log. What wakes that next run: another entry's message, or the sequencer's own schedule
 * (every minute) — an entry's outbox message is completed when it is sequenced, so until then the relay re-sends it.
 *
 * @example
 * const { integrated, treeSize } = await integrateLog(deps);
 */
import {
  ed25519KeyId,
  formatCheckpoint,
  formatVerifierKey,
  type NoteSigner,
  signNote,
} from '../../domain/transparency/checkpoint';
import { equalHashes, leafHash } from '../../domain/transparency/merkle';
import { extendTiles, partialTilesOf } from '../../domain/transparency/tile-proofs';
import {
  encodeEntryBundle,
  entryBundlePath,
  rootFromTiles,
  TILE_WIDTH,
  type TileCoordinates,
  tilePath,
} from '../../domain/transparency/tiles';
import type { Clock } from '../../ports/clock';
import type { LogPublication } from '../../ports/log-publication';
import type { LogSigner } from '../../ports/log-signer';
import {
  type LogStore,
  MAX_SEQUENCE_BATCH,
  type PublishedCheckpoint,
  type SequencedEntry,
} from '../../ports/log-store';
import { logger } from '../../shared/logger';

export interface SequencerDeps {
  readonly store: LogStore;
  readonly publication: LogPublication;
  readonly signer: LogSigner;
  /** The log's origin: the first line of every checkpoint and the name of its key. */
  readonly origin: string;
  readonly clock: Clock;
}

export interface IntegrationResult {
  /** Entries this run sequenced. */
  readonly integrated: number;
  /** The size of the published checkpoint after the run. */
  readonly treeSize: number;
}

/** How many sequenced entries may wait for a checkpoint while a backlog is worked through. */
export const PUBLISH_EVERY = 1024;
/** Sequencing races lost in one run before it leaves the rest to the winner. */
const MAX_CONFLICTS = 20;
/** Pending entries read at once, in sequencing batches: one consistent Query feeds this many transactions. */
const READ_AHEAD = 16;
/** Resources written to the public copy at once. */
const PARALLEL_PUTS = 8;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Integrate every pending entry (at most `maxEntries` in this run) and publish a checkpoint covering them.
 *
 * @example
 * await integrateLog(sequencerDeps());
 */
export async function integrateLog(
  deps: SequencerDeps,
  options: { readonly maxEntries?: number } = {},
): Promise<IntegrationResult> {
  const max = options.maxEntries ?? Number.POSITIVE_INFINITY;
  const key = await logKeyOf(deps);
  let sequenced = (await deps.store.head()).sequenced;
  let published = await publishUpTo(deps, key, sequenced);
  let integrated = 0;
  let conflicts = 0;
  while (integrated < max && conflicts <= MAX_CONFLICTS) {
    const pending = await deps.store.pending(Math.min(MAX_SEQUENCE_BATCH * READ_AHEAD, max - integrated));
    if (pending.length === 0) break;
    for (let at = 0; at < pending.length; at += MAX_SEQUENCE_BATCH) {
      const batch = pending.slice(at, at + MAX_SEQUENCE_BATCH);
      if (!(await deps.store.sequence(batch, sequenced, deps.clock.now()))) {
        // Another sequencer took these indices (or these entries): carry on from where it left the head.
        conflicts++;
        sequenced = (await deps.store.head()).sequenced;
        break;
      }
      sequenced += batch.length;
      integrated += batch.length;
      if (sequenced - (published?.treeSize ?? 0) >= PUBLISH_EVERY) {
        published = await publishUpTo(deps, key, sequenced);
      }
    }
  }
  published = await publishUpTo(deps, key, sequenced);
  if (integrated > 0) logger.info('log integrated', { integrated, treeSize: published?.treeSize ?? 0 });
  return { integrated, treeSize: published?.treeSize ?? 0 };
}

interface LogKey {
  readonly signer: NoteSigner;
  readonly verifierKey: string;
}

async function logKeyOf(deps: SequencerDeps): Promise<LogKey> {
  const publicKey = await deps.signer.publicKey();
  return {
    signer: { name: deps.origin, keyId: ed25519KeyId(deps.origin, publicKey), sign: (m) => deps.signer.sign(m) },
    verifierKey: formatVerifierKey(deps.origin, publicKey),
  };
}

/**
 * Integrate and publish the sequenced entries up to `treeSize`, from the published checkpoint on (nothing when it
 * already covers them). Returns the published checkpoint after it.
 */
async function publishUpTo(
  deps: SequencerDeps,
  key: LogKey,
  treeSize: number,
): Promise<PublishedCheckpoint | undefined> {
  const head = await deps.store.head();
  const current = head.checkpoint;
  const from = current?.treeSize ?? 0;
  if (current && from >= treeSize) return current;

  const bundleStart = from - (from % TILE_WIDTH);
  const entries = await deps.store.sequencedRange(bundleStart, treeSize);
  if (entries.length !== treeSize - bundleStart || entries.some((e, i) => e.index !== bundleStart + i)) {
    throw new Error(`the sequence from ${bundleStart} to ${treeSize} has gaps: refusing to publish`);
  }
  const fresh = entries.slice(from - bundleStart);

  const edge = await deps.store.tiles(partialTilesOf(from));
  const getTile = (t: TileCoordinates) => edge.get(tilePath(t));
  if (current && !equalHashes(rootFromTiles(from, getTile), current.root)) {
    throw new Error(`the mirrored tiles do not hash to the published checkpoint of size ${from}: refusing to fork`);
  }
  const extended = extendTiles(
    from,
    getTile,
    fresh.map((e) => leafHash(e.entry)),
  );
  const tiles = [...extended.tiles.values()];
  await putAll(deps.publication, [
    ...tiles.map((t) => ({ path: tilePath(t.coords), bytes: t.bytes })),
    ...entryBundles(entries, bundleStart, treeSize),
  ]);
  await deps.store.putTiles(tiles);

  const note = await signNote(
    formatCheckpoint({ origin: deps.origin, treeSize, root: extended.root, extensions: [] }),
    [key.signer],
  );
  const checkpoint: PublishedCheckpoint = {
    treeSize,
    root: extended.root,
    note,
    publishedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.publish(checkpoint, key.verifierKey))) return (await deps.store.head()).checkpoint;
  await deps.publication.put('checkpoint', utf8(note));
  // A concurrent sequencer may have published a larger checkpoint and copied it before this copy: copy the latest.
  const latest = (await deps.store.head()).checkpoint;
  if (latest && latest.treeSize > treeSize) await deps.publication.put('checkpoint', utf8(latest.note));
  return latest ?? checkpoint;
}

/** The entry bundles of the level-0 tiles from `bundleStart` (a tile boundary) to `treeSize`. */
function entryBundles(
  entries: readonly SequencedEntry[],
  bundleStart: number,
  treeSize: number,
): { path: string; bytes: Uint8Array }[] {
  const bundles: { path: string; bytes: Uint8Array }[] = [];
  for (let start = bundleStart; start < treeSize; start += TILE_WIDTH) {
    const slice = entries.slice(start - bundleStart, Math.min(treeSize, start + TILE_WIDTH) - bundleStart);
    bundles.push({
      path: entryBundlePath({ index: start / TILE_WIDTH, width: slice.length }),
      bytes: encodeEntryBundle(slice.map((e) => e.entry)),
    });
  }
  return bundles;
}

async function putAll(publication: LogPublication, resources: readonly { path: string; bytes: Uint8Array }[]) {
  for (let i = 0; i < resources.length; i += PARALLEL_PUTS) {
    await Promise.all(resources.slice(i, i + PARALLEL_PUTS).map((r) => publication.put(r.path, r.bytes)));
  }
}
