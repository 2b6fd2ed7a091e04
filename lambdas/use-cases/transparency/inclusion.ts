/**
 * A version's place in the transparency log, for a verification answer: its issuance entry, the inclusion proof
 * against the latest checkpoint (made from the tiles mirrored in the table, so the verify function needs no bucket),
 * or why there is none. Never throws: a log that cannot be read is `unavailable`.
 *
 * A version not yet in a checkpoint is `pending` for {@link LOG_GRACE_MS} after it was issued (the sequencer runs
 * within seconds); after that it is `missing` — as is an entry that does not record the register's version — and
 * `onMissing` raises the alarm (a log line the alarm counts).
 *
 * @example
 * const log = await versionInclusion(deps, { licenceNo, version: 1, jws, issuedAt: '2026-12-05T01:00:00.000Z' });
 */
import type { LicenceNumber } from '../../domain/licence-number';
import { decodeEntry, qrRecordSha256 } from '../../domain/transparency/entries';
import { type Hash, leafHash, verifyInclusion } from '../../domain/transparency/merkle';
import { inclusionProofFromTiles, tilesNeeded } from '../../domain/transparency/tile-proofs';
import { tilePath } from '../../domain/transparency/tiles';
import { logInclusionText, recordsIssuance } from '../../domain/verification/log-inclusion';
import type { LogInclusion } from '../../domain/verification/model';
import type { Clock } from '../../ports/clock';
import type { LogReader, PublishedCheckpoint } from '../../ports/log-store';
import { issuanceEntryKey } from './log-entries';

/**
 * The log line a missing entry is reported with (`onMissing` in the verify composition): the cloud's alarm counts it
 * (`lib/stacks/stateless-stack.ts`).
 */
export const LOG_ENTRY_MISSING = 'transparency log entry missing';

/** How long after its issuance a version may be absent from the log before the answer says so. */
export const LOG_GRACE_MS = 60_000;

export interface InclusionDeps {
  readonly log: LogReader;
  readonly clock: Clock;
  /**
   * Answers already made for included versions, by `entry key@tree size` (a checkpoint's proofs never change), with
   * the signed record they were checked against; kept by the caller's map, bounded here.
   */
  readonly answers?: Map<string, { readonly jws: string; readonly answer: LogInclusion }>;
  /** Told when a version is missing from the log, or the log disagrees with the register (the alarm). */
  readonly onMissing?: (details: { readonly key: string; readonly why: string }) => void;
  /** Told when the log could not be read. */
  readonly onError?: (error: unknown) => void;
}

/** The version a verification is about: its licence, number, signed QR record and issuance instant. */
export interface IssuedForLog {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly jws: string;
  readonly issuedAt: string;
}

const MAX_ANSWERS = 50_000;
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * The version's inclusion in the log.
 *
 * @example
 * (await versionInclusion(deps, issued)).state; // 'included' | 'pending' | 'missing' | 'unavailable'
 */
export async function versionInclusion(deps: InclusionDeps, issued: IssuedForLog): Promise<LogInclusion> {
  const key = issuanceEntryKey(issued.licenceNo, issued.version);
  try {
    const checkpoint = (await deps.log.head()).checkpoint;
    const cacheKey = `${key}@${checkpoint?.treeSize ?? 0}`;
    const known = deps.answers?.get(cacheKey);
    if (known && known.jws === issued.jws) return known.answer;
    const located = await deps.log.locate(key);
    if (!located || !checkpoint || located.index >= checkpoint.treeSize) {
      if (deps.clock.now().getTime() - Date.parse(issued.issuedAt) < LOG_GRACE_MS) {
        return { state: 'pending', text: logInclusionText('pending') };
      }
      return missing(deps, key, 'not in the latest checkpoint a minute after issuance');
    }
    const expected = {
      licenceNumber: issued.licenceNo.toString(),
      version: issued.version,
      qrRecordSha256: qrRecordSha256(issued.jws),
    };
    if (!recordsIssuance(decodeEntry(located.entry), expected)) {
      return missing(deps, key, 'the logged entry does not record the version the register holds');
    }
    const proof = await proofOf(deps, located.index, located.entry, checkpoint);
    const answer: LogInclusion = {
      state: 'included',
      index: located.index,
      treeSize: checkpoint.treeSize,
      entry: base64(located.entry),
      proof: proof.map(base64),
      checkpoint: checkpoint.note,
      text: logInclusionText('included', located.index),
    };
    if (deps.answers) {
      if (deps.answers.size >= MAX_ANSWERS) deps.answers.clear();
      deps.answers.set(cacheKey, { jws: issued.jws, answer });
    }
    return answer;
  } catch (error) {
    deps.onError?.(error);
    return { state: 'unavailable', text: logInclusionText('unavailable') };
  }
}

function missing(deps: InclusionDeps, key: string, why: string): LogInclusion {
  deps.onMissing?.({ key, why });
  return { state: 'missing', text: logInclusionText('missing') };
}

/** The audit path from the mirrored tiles, checked against the checkpoint's root before it is served. */
async function proofOf(
  deps: InclusionDeps,
  index: number,
  entry: Uint8Array,
  checkpoint: PublishedCheckpoint,
): Promise<readonly Hash[]> {
  const tiles = await deps.log.tiles(tilesNeeded(index, checkpoint.treeSize));
  const proof = inclusionProofFromTiles(index, checkpoint.treeSize, (t) => tiles.get(tilePath(t)));
  verifyInclusion({ index, treeSize: checkpoint.treeSize, leafHash: leafHash(entry), proof, root: checkpoint.root });
  return proof;
}
