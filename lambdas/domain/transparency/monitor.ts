/**
 * The monitor's judgement of a new checkpoint against the last one it accepted: the log may only grow, and what it
 * signed before must stay the prefix of what it signs now (RFC 9162 §2.1.4). Pure: the tiles of the new tree come in
 * through a {@link TileSource}, already fetched.
 *
 * - same size, another root → `TLOG_FORK` (the log showed two different trees of one size);
 * - a smaller size → `TLOG_ROLLBACK`;
 * - a larger size whose consistency proof, read from the new tiles, does not lead to the old root →
 *   `TLOG_CONSISTENCY_PROOF_INVALID` (history rewritten).
 *
 * @example
 * checkLogGrowth({ treeSize: 8, root: oldRoot }, checkpoint, (t) => fetched.get(tilePath(t)));
 */
import { UnprocessableError } from '../errors';
import { equalHashes, type Hash, verifyConsistency } from './merkle';
import { consistencyProofFromTiles } from './tile-proofs';
import type { TileSource } from './tiles';

/**
 * A tree head the monitor accepted before (or accepts now): its size and root.
 *
 * @example
 * const head: TreeHead = { treeSize: checkpoint.treeSize, root: checkpoint.root };
 */
export interface TreeHead {
  readonly treeSize: number;
  readonly root: Hash;
}

/**
 * How the log moved from the previous head to the current one, or a `TLOG_*` error when it did not move honestly.
 *
 * @example
 * checkLogGrowth(previous, current, getTile); // { grewBy: 3 }
 */
export function checkLogGrowth(
  previous: TreeHead,
  current: TreeHead,
  getTile: TileSource,
): { readonly grewBy: number } {
  const base64 = (h: Hash) => Buffer.from(h).toString('base64');
  if (current.treeSize < previous.treeSize) {
    throw new UnprocessableError(
      'TLOG_ROLLBACK',
      `the log shows size ${current.treeSize}, smaller than the size ${previous.treeSize} it signed before`,
      { oldSize: previous.treeSize, newSize: current.treeSize },
    );
  }
  if (current.treeSize === previous.treeSize) {
    if (!equalHashes(current.root, previous.root)) {
      throw new UnprocessableError(
        'TLOG_FORK',
        `two roots for size ${current.treeSize}: ${base64(previous.root)} before, ${base64(current.root)} now`,
        { treeSize: current.treeSize },
      );
    }
    return { grewBy: 0 };
  }
  const proof = consistencyProofFromTiles(previous.treeSize, current.treeSize, getTile);
  verifyConsistency({
    oldSize: previous.treeSize,
    oldRoot: previous.root,
    newSize: current.treeSize,
    newRoot: current.root,
    proof,
  });
  return { grewBy: current.treeSize - previous.treeSize };
}
