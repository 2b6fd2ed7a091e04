/**
 * Proofs read from tiles, and the sequencer's incremental tile step — the log served from its C2SP tlog-tiles
 * (`tiles.ts`) without ever holding all its leaves.
 *
 * - {@link rangeHashFromTiles}: MTH(D[start:end]) for any range the RFC 9162 recursion asks for, as the fold (right to
 *   left) of the greedy largest-power-of-two decomposition, each perfect subtree read from one tile.
 * - {@link inclusionProofFromTiles} / {@link consistencyProofFromTiles}: RFC 9162 §2.1.3.1 PATH and §2.1.4.1 PROOF,
 *   equal to `merkle.ts`'s `inclusionProof` / `consistencyProof` over all the leaves. Each element of a proof is the
 *   hash of one range of the recursion, so a proof is a list of ranges (computed from the sizes alone) read from tiles.
 * - {@link tilesNeeded} / {@link consistencyTilesNeeded}: the tiles those proofs read, from the sizes alone, so a
 *   caller can fetch them in one batch first.
 * - {@link extendTiles} / {@link partialTilesOf}: append leaf hashes to a tree given only its right-edge partial tiles;
 *   the tiles that are new or grew, and the new root.
 *
 * Every read names a tile with the width it has in the tree being read (a partial right-edge tile for the part of a
 * level past its last full tile), exactly as `rootFromTiles` does. A missing tile is `TLOG_TILE_MISSING`, one of the
 * wrong length `TLOG_TILE_INVALID`.
 *
 * @example
 * const proof = inclusionProofFromTiles(index, checkpoint.treeSize, (t) => fetched.get(tilePath(t)));
 * verifyInclusion({ index, treeSize: checkpoint.treeSize, leafHash, proof, root: checkpoint.root });
 */
import { ValidationError } from '../errors';
import { assertIndex, emptyRoot, HASH_SIZE, type Hash, nodeHash, rootOf, splitPoint } from './merkle';
import {
  decodeTile,
  encodeTile,
  perfectSubtreeRoot,
  perfectSubtreeTile,
  readTile,
  TILE_WIDTH,
  type TileCoordinates,
  type TileSource,
  tilePath,
} from './tiles';

/** A range of leaves [start, end). */
type Range = readonly [start: number, end: number];

/** One perfect subtree: 2^height leaves from `start`. */
interface PerfectSubtree {
  readonly start: number;
  readonly height: number;
}

/**
 * MTH(D[start:end]) of the tree of `treeSize` leaves, read from its tiles: the range splits greedily into perfect
 * subtrees, largest first (the RFC's split point is always the largest power of two below the size, so this is the
 * RFC's hash), each read from the one tile that holds it, folded right to left. The greedy pieces must each be aligned
 * to their own size — true of every range the RFC's PATH and SUBPROOF recursions ask for, since each starts at a
 * multiple of the smallest power of two not below its size — else `TLOG_TREE_SIZE_INVALID`, as is a range that is
 * empty or not inside the tree. `rangeHashFromTiles(0, n, n, getTile)` is `rootFromTiles(n, getTile)` for n > 0.
 *
 * @example
 * rangeHashFromTiles(65_536, 70_000, 70_000, getTile); // the right-hand child of the root of a 70,000-leaf tree
 */
export function rangeHashFromTiles(start: number, end: number, treeSize: number, getTile: TileSource): Hash {
  let hash: Hash | undefined;
  for (const subtree of perfectSubtreesOf([start, end], treeSize).reverse()) {
    const root = perfectSubtreeRoot(treeSize, subtree.start, subtree.height, getTile);
    hash = hash === undefined ? root : nodeHash(root, hash);
  }
  return hash as Hash;
}

/**
 * The inclusion proof (RFC 9162 §2.1.3.1 audit path, deepest sibling first) of leaf `index` in the tree of `treeSize`
 * leaves, read from its tiles; equal to `inclusionProof(allLeaves, index)`. Each tile is asked for once (the tiles are
 * exactly {@link tilesNeeded}). An index that is not an integer below the size is `TLOG_INDEX_OUT_OF_RANGE`, as in
 * `inclusionProof`.
 *
 * @example
 * const proof = inclusionProofFromTiles(5, 70_000, (t) => fetched.get(tilePath(t)));
 * verifyInclusion({ index: 5, treeSize: 70_000, leafHash, proof, root: checkpoint.root });
 */
export function inclusionProofFromTiles(index: number, treeSize: number, getTile: TileSource): Hash[] {
  assertIndex(index, treeSize);
  const read = onceEach(getTile);
  return inclusionRanges(index, treeSize).map(([start, end]) => rangeHashFromTiles(start, end, treeSize, read));
}

/**
 * The consistency proof (RFC 9162 §2.1.4.1) that the tree of `oldSize` leaves is a prefix of the tree of `newSize`
 * leaves, read from the tiles of the new tree; equal to `consistencyProof(allLeaves, oldSize)`, so empty when
 * `oldSize` is 0 or `newSize`. Sizes that are not integers with 0 ≤ oldSize ≤ newSize are `TLOG_TREE_SIZE_INVALID`, as
 * in `consistencyProof`. The tiles read are exactly {@link consistencyTilesNeeded}.
 *
 * @example
 * verifyConsistency({ oldSize, oldRoot, newSize, newRoot, proof: consistencyProofFromTiles(oldSize, newSize, getTile) });
 */
export function consistencyProofFromTiles(oldSize: number, newSize: number, getTile: TileSource): Hash[] {
  assertSizes(oldSize, newSize);
  const read = onceEach(getTile);
  return consistencyRanges(oldSize, newSize).map(([start, end]) => rangeHashFromTiles(start, end, newSize, read));
}

/**
 * The tiles {@link inclusionProofFromTiles} reads for leaf `index` of the tree of `treeSize` leaves, from the sizes
 * alone (by level, then index; each once), so they can be fetched in one batch first. At most one tile per level and
 * proof element, typically one or two per level. Refuses what `inclusionProofFromTiles` refuses.
 *
 * @example
 * tilesNeeded(5, 70_000).map(tilePath); // ['tile/0/000', 'tile/0/273.p/112', 'tile/1/000', 'tile/1/001.p/17']
 */
export function tilesNeeded(index: number, treeSize: number): TileCoordinates[] {
  assertIndex(index, treeSize);
  return tilesOfRanges(inclusionRanges(index, treeSize), treeSize);
}

/**
 * The tiles {@link consistencyProofFromTiles} reads for `oldSize` → `newSize` (tiles of the new tree), from the sizes
 * alone (by level, then index; each once). Refuses what `consistencyProofFromTiles` refuses.
 *
 * @example
 * consistencyTilesNeeded(300, 70_000).map(tilePath); // ['tile/0/001', 'tile/0/273.p/112', 'tile/1/000', 'tile/1/001.p/17']
 */
export function consistencyTilesNeeded(oldSize: number, newSize: number): TileCoordinates[] {
  assertSizes(oldSize, newSize);
  return tilesOfRanges(consistencyRanges(oldSize, newSize), newSize);
}

/**
 * The right-edge partial tiles of a tree of `treeSize` leaves — at each level whose hash count ⌊treeSize / 256^level⌋
 * is not a multiple of 256, the tile of the remaining `count mod 256` hashes, bottom level first — exactly what
 * {@link extendTiles} reads. The empty tree has none; neither has a level ending on a tile boundary.
 *
 * @example
 * partialTilesOf(70_000); // [{ level: 0, index: 273, width: 112 }, { level: 1, index: 1, width: 17 }, { level: 2, index: 0, width: 1 }]
 */
export function partialTilesOf(treeSize: number): TileCoordinates[] {
  assertNatural(treeSize, 'treeSize');
  const tiles: TileCoordinates[] = [];
  for (let level = 0, count = treeSize; count > 0; level++, count = Math.floor(count / TILE_WIDTH)) {
    const width = count % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: Math.floor(count / TILE_WIDTH), width });
  }
  return tiles;
}

/**
 * One tile {@link extendTiles} produced: where it sits and its bytes.
 *
 * @example
 * for (const { coords, bytes } of extended.tiles.values()) await store.put(tilePath(coords), bytes);
 */
export interface TileWrite {
  readonly coords: TileCoordinates;
  readonly bytes: Uint8Array;
}

/**
 * What {@link extendTiles} produced: the tiles to write, by path, the new tree's size and root.
 *
 * @example
 * const { tiles, treeSize, root } = extendTiles(checkpoint.treeSize, getTile, leafHashes);
 */
export interface ExtendedTiles {
  readonly tiles: Map<string, TileWrite>;
  readonly treeSize: number;
  readonly root: Hash;
}

/**
 * A sequencer's incremental step: append `newLeafHashes` to the tree of `treeSize` leaves, reading only that tree's
 * right-edge partial tiles ({@link partialTilesOf}`(treeSize)`, each once, whether or not the appended leaves reach
 * its level — the untouched ones are still needed for the root). Returns, by path, every tile of the tree of
 * `treeSize + n` leaves that is new or grew: the full tiles the new leaves completed and the new partial right edge of
 * each level they reached (each equal to `tileFromLevels(tileLevels(allLeaves), coords)`), and the new root. Appending
 * nothing returns no tiles and the current root. A leaf hash that is not 32 bytes is `TLOG_HASH_LENGTH`.
 *
 * @example
 * const { tiles, root } = extendTiles(70_000, (t) => stored.get(tilePath(t)), [leafHash(encodeEntry(entry))]);
 * [...tiles.keys()]; // ['tile/0/273.p/113']
 */
export function extendTiles(treeSize: number, getTile: TileSource, newLeafHashes: readonly Hash[]): ExtendedTiles {
  assertNatural(treeSize, 'treeSize');
  for (const [i, h] of newLeafHashes.entries()) {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw new ValidationError('TLOG_HASH_LENGTH', `new leaf hash ${i} is not a ${HASH_SIZE}-byte SHA-256 hash`, [
        { field: `newLeafHashes.${i}`, message: `must be ${HASH_SIZE} bytes` },
      ]);
    }
  }
  // edges[level]: the hashes of that level's right-edge partial tile (none when the level ends on a tile boundary).
  const edges: Hash[][] = [];
  for (const tile of partialTilesOf(treeSize)) edges[tile.level] = decodeTile(readTile(getTile, tile), tile.width);
  const tiles = new Map<string, TileWrite>();
  let appended: readonly Hash[] = newLeafHashes;
  for (let level = 0; appended.length > 0; level++) {
    const firstIndex = Math.floor(Math.floor(treeSize / TILE_WIDTH ** level) / TILE_WIDTH);
    const run = [...(edges[level] ?? []), ...appended];
    const completed: Hash[] = [];
    for (let at = 0; at < run.length; at += TILE_WIDTH) {
      const hashes = run.slice(at, at + TILE_WIDTH);
      const coords = { level, index: firstIndex + at / TILE_WIDTH, width: hashes.length };
      tiles.set(tilePath(coords), { coords, bytes: encodeTile(hashes) });
      if (hashes.length === TILE_WIDTH) completed.push(rootOf(hashes));
    }
    edges[level] = run.slice(run.length - (run.length % TILE_WIDTH));
    appended = completed;
  }
  return { tiles, treeSize: treeSize + newLeafHashes.length, root: rootFromEdges(edges) };
}

/**
 * The root from the right-edge partial tiles of every level: a tree's perfect subtrees, largest first, are the binary
 * digits of each level's partial width, top level first (256^level · 2^bit leaves each), as rootFromTiles reads them.
 */
function rootFromEdges(edges: readonly (readonly Hash[] | undefined)[]): Hash {
  const subtrees: Hash[] = [];
  for (let level = edges.length - 1; level >= 0; level--) {
    const edge = edges[level] ?? [];
    let offset = 0;
    for (let size = TILE_WIDTH / 2; size >= 1; size /= 2) {
      if ((edge.length & size) === 0) continue;
      subtrees.push(rootOf(edge.slice(offset, offset + size)));
      offset += size;
    }
  }
  let root = subtrees.pop();
  if (root === undefined) return emptyRoot();
  while (subtrees.length > 0) root = nodeHash(subtrees.pop() as Hash, root);
  return root;
}

/** PATH(index, D[0:treeSize])'s elements as ranges, deepest sibling first (the recursion of merkle.ts, unrolled). */
function inclusionRanges(index: number, treeSize: number): Range[] {
  const ranges: Range[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return ranges.reverse();
}

/** PROOF(oldSize, D[0:newSize]) = SUBPROOF(oldSize, D[0:newSize], true)'s elements as ranges, deepest first. */
function consistencyRanges(oldSize: number, newSize: number): Range[] {
  if (oldSize === 0 || oldSize === newSize) return [];
  const ranges: Range[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let wholeOldTree = true; // the RFC's b: the subtree so far is the old tree itself, whose root the verifier has
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      m -= k;
      start += k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) ranges.push([start, end]);
  return ranges.reverse();
}

/** The greedy decomposition of a range into perfect subtrees, largest first, each refused unless aligned. */
function perfectSubtreesOf([start, end]: Range, treeSize: number): PerfectSubtree[] {
  assertNatural(treeSize, 'treeSize');
  assertNatural(start, 'start');
  assertNatural(end, 'end');
  if (start >= end || end > treeSize) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `[${start}, ${end}) is not a range of a tree of ${treeSize}`);
  }
  const subtrees: PerfectSubtree[] = [];
  for (let at = start; at < end; ) {
    let height = 0;
    while (2 ** (height + 1) <= end - at) height++;
    if (at % 2 ** height !== 0) {
      throw new ValidationError(
        'TLOG_TREE_SIZE_INVALID',
        `[${start}, ${end}) does not split into aligned perfect subtrees (2^${height} leaves at ${at})`,
      );
    }
    subtrees.push({ start: at, height });
    at += 2 ** height;
  }
  return subtrees;
}

/** The tiles holding the perfect subtrees of some ranges, each once, by level then index. */
function tilesOfRanges(ranges: readonly Range[], treeSize: number): TileCoordinates[] {
  const tiles = new Map<string, TileCoordinates>();
  for (const range of ranges) {
    for (const { start, height } of perfectSubtreesOf(range, treeSize)) {
      const { tile } = perfectSubtreeTile(treeSize, start, height);
      tiles.set(tilePath(tile), tile);
    }
  }
  return [...tiles.values()].sort((a, b) => a.level - b.level || a.index - b.index);
}

/** A tile source that asks `getTile` at most once per tile (a proof reads a tile for several of its elements). */
function onceEach(getTile: TileSource): TileSource {
  const seen = new Map<string, Uint8Array | undefined>();
  return (tile) => {
    const key = `${tile.level}/${tile.index}/${tile.width}`;
    if (!seen.has(key)) seen.set(key, getTile(tile));
    return seen.get(key);
  };
}

function assertSizes(oldSize: number, newSize: number): void {
  assertNatural(newSize, 'newSize');
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `old tree size ${oldSize} is not between 0 and ${newSize}`);
  }
}

function assertNatural(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `${field} must be a non-negative integer`, [
      { field, message: 'not a non-negative integer' },
    ]);
  }
}
