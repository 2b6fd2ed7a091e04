/**
 * Proofs read from tiles equal `merkle.ts`'s proofs over all the leaves (every size to 600, sizes around 65,536) and
 * verify; the tiles they read are exactly the ones `tilesNeeded` names beforehand; a log grown with `extendTiles` in
 * random batches has exactly the tiles `tileLevels` gives and the root `rootOf` gives at every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, u32 } from '../../../../lambdas/domain/encoding';
import {
  consistencyProof,
  type Hash,
  inclusionProof,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../../../lambdas/domain/transparency/merkle';
import {
  consistencyProofFromTiles,
  consistencyTilesNeeded,
  extendTiles,
  inclusionProofFromTiles,
  partialTilesOf,
  rangeHashFromTiles,
  tilesNeeded,
} from '../../../../lambdas/domain/transparency/tile-proofs';
import {
  rootFromTiles,
  type TileCoordinates,
  type TileSource,
  tileFromLevels,
  tileLevels,
  tilePath,
  tilesForTreeSize,
} from '../../../../lambdas/domain/transparency/tiles';
import { codeOf } from '../../../support/thrown';

// One log of synthetic leaf hashes (SHA-256 of the index), tiled once; any smaller tree is a prefix of it.
const MAX_SIZE = 70_000;
const leaves: Hash[] = Array.from({ length: MAX_SIZE }, (_, i) => sha256(u32(i)));
const levels = tileLevels(leaves);

/** Every perfect subtree root by height (`binary[h][i]` = MTH(leaves[i·2^h : (i+1)·2^h])), for cheap reference roots. */
const binary: Hash[][] = [leaves];
for (let below = leaves; below.length >= 2; ) {
  const above = Array.from({ length: Math.floor(below.length / 2) }, (_, i) =>
    nodeHash(below[2 * i] as Hash, below[2 * i + 1] as Hash),
  );
  binary.push(above);
  below = above;
}

/** rootOf(leaves.slice(0, size)) without rehashing: the RFC's perfect subtrees, largest first, folded right to left. */
function referenceRoot(size: number): Hash {
  const subtrees: Hash[] = [];
  for (let height = binary.length - 1, start = 0; height >= 0; height--) {
    if (start + 2 ** height > size) continue;
    subtrees.push(binary[height]?.[start / 2 ** height] as Hash);
    start += 2 ** height;
  }
  let root = subtrees.pop() as Hash;
  while (subtrees.length > 0) root = nodeHash(subtrees.pop() as Hash, root);
  return root;
}

/** A tile store holding exactly the tiles of the tree of `size` leaves (so a tile of the wrong width is missing). */
function tilesOf(size: number): TileSource {
  const paths = new Set(tilesForTreeSize(size).map(tilePath));
  return (t) => (paths.has(tilePath(t)) ? tileFromLevels(levels, t) : undefined);
}

/** A tile source that records what is asked of it. */
function recording(source: TileSource): { source: TileSource; read: string[] } {
  const read: string[] = [];
  return {
    read,
    source: (t) => {
      read.push(tilePath(t));
      return source(t);
    },
  };
}

const paths = (tiles: readonly TileCoordinates[]): string[] => tiles.map(tilePath).sort();

/** Bytes as hex: vitest's deep equality walks a Uint8Array byte by byte, far too slowly for thousands of tiles. */
const hex = (bytes: Uint8Array | undefined): string | undefined =>
  bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const hexes = (hashes: readonly Hash[]): (string | undefined)[] => hashes.map(hex);

/** Indices (or old sizes) from `from` to try in a tree of `size`: all when few, else both edges and pseudo-random ones. */
function sample(size: number, from: number, count: number): number[] {
  if (size - from <= 40) return Array.from({ length: size - from }, (_, i) => from + i);
  const picks = new Set([from, size - 1]);
  let x = size;
  while (picks.size < count) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    picks.add(from + (x % (size - from)));
  }
  return [...picks];
}

describe('the reference fixtures', () => {
  it('the reference root is rootOf, and the tiles read back to it', () => {
    for (const size of [1, 2, 3, 7, 255, 256, 257, 600, 1000]) {
      expect(hex(referenceRoot(size))).toBe(hex(rootOf(leaves.slice(0, size))));
      expect(hex(rootFromTiles(size, tilesOf(size)))).toBe(hex(referenceRoot(size)));
    }
    expect(hex(referenceRoot(MAX_SIZE))).toBe(hex(rootOf(leaves)));
  });
});

describe('rangeHashFromTiles', () => {
  it('is rootFromTiles for the whole tree', () => {
    for (const size of [1, 5, 256, 257, 65_536, 65_537, MAX_SIZE]) {
      expect(hex(rangeHashFromTiles(0, size, size, tilesOf(size)))).toBe(hex(rootFromTiles(size, tilesOf(size))));
    }
  });

  it('is MTH of the range for ranges aligned as the RFC’s recursion makes them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.nat(), (size, a, b) => {
        // Prepare: a range [s, e) whose start is a multiple of the smallest power of two ≥ its length
        let length = 1 + (a % size);
        let span = 1;
        while (span < length) span *= 2;
        const start = span * (b % Math.max(1, Math.floor(size / span)));
        length = Math.min(length, size - start);

        // Act
        const hash = rangeHashFromTiles(start, start + length, size, tilesOf(size));

        // Assess
        expect(hex(hash)).toBe(hex(rootOf(leaves.slice(start, start + length))));
      }),
    );
  });
});

describe('inclusionProofFromTiles', () => {
  it('equals inclusionProof over all the leaves, verifies, and reads exactly tilesNeeded — every size 1..600', () => {
    for (let size = 1; size <= 600; size++) {
      // Prepare
      const prefix = leaves.slice(0, size);
      const root = referenceRoot(size);
      for (const index of sample(size, 0, 3)) {
        const tiles = recording(tilesOf(size));

        // Act
        const proof = inclusionProofFromTiles(index, size, tiles.source);

        // Assess
        expect(hexes(proof)).toEqual(hexes(inclusionProof(prefix, index)));
        expect(verifyInclusion({ index, treeSize: size, leafHash: prefix[index] as Hash, proof, root }).index).toBe(
          index,
        );
        expect(tiles.read.sort()).toEqual(paths(tilesNeeded(index, size)));
      }
    }
  });

  it.each([65_535, 65_536, 65_536 + 259])('equals inclusionProof around 65,536 leaves (size %i)', (size) => {
    // Prepare
    const prefix = leaves.slice(0, size);
    const root = referenceRoot(size);
    const compared = [size - 1];

    for (const index of [...compared, ...sample(size, 0, 12)]) {
      // Act
      const proof = inclusionProofFromTiles(index, size, tilesOf(size));

      // Assess
      if (compared.includes(index)) expect(hexes(proof)).toEqual(hexes(inclusionProof(prefix, index)));
      expect(verifyInclusion({ index, treeSize: size, leafHash: prefix[index] as Hash, proof, root }).index).toBe(
        index,
      );
    }
  });

  it('asks for each tile once, only the tiles named beforehand, for any leaf of any tree up to 70,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SIZE }), fc.nat(), (size, seed) => {
        // Prepare
        const index = seed % size;
        const tiles = recording(tilesOf(size));

        // Act
        const proof = inclusionProofFromTiles(index, size, tiles.source);

        // Assess
        expect(tiles.read.sort()).toEqual(paths(tilesNeeded(index, size)));
        const claim = { index, treeSize: size, leafHash: leaves[index] as Hash, proof, root: referenceRoot(size) };
        expect(verifyInclusion(claim).treeSize).toBe(size);
      }),
    );
  });
});

describe('consistencyProofFromTiles', () => {
  it('equals consistencyProof over all the leaves, verifies, and reads exactly consistencyTilesNeeded — every size 1..600', () => {
    for (let size = 1; size <= 600; size++) {
      // Prepare
      const prefix = leaves.slice(0, size);
      const newRoot = referenceRoot(size);
      for (const oldSize of [...sample(size, 1, 3), size]) {
        const tiles = recording(tilesOf(size));

        // Act
        const proof = consistencyProofFromTiles(oldSize, size, tiles.source);

        // Assess
        expect(hexes(proof)).toEqual(hexes(consistencyProof(prefix, oldSize)));
        const claim = { oldSize, oldRoot: referenceRoot(oldSize), newSize: size, newRoot, proof };
        expect(verifyConsistency(claim).oldSize).toBe(oldSize);
        expect(tiles.read.sort()).toEqual(paths(consistencyTilesNeeded(oldSize, size)));
      }
    }
  });

  it('is empty from size 0, as consistencyProof is', () => {
    expect(consistencyProofFromTiles(0, 300, () => undefined)).toEqual([]);
    expect(consistencyTilesNeeded(0, 300)).toEqual([]);
  });

  it.each([65_535, 65_536, 65_536 + 259])('equals consistencyProof around 65,536 leaves (size %i)', (size) => {
    // Prepare
    const prefix = leaves.slice(0, size);
    const newRoot = referenceRoot(size);
    const compared = [300];

    for (const oldSize of [...compared, 1, 256, 65_535, 65_536, size - 1, ...sample(size, 1, 10)]) {
      if (oldSize > size) continue;
      // Act
      const proof = consistencyProofFromTiles(oldSize, size, tilesOf(size));

      // Assess
      if (compared.includes(oldSize)) expect(hexes(proof)).toEqual(hexes(consistencyProof(prefix, oldSize)));
      const claim = { oldSize, oldRoot: referenceRoot(oldSize), newSize: size, newRoot, proof };
      expect(verifyConsistency(claim).newSize).toBe(size);
    }
  });

  it('reads only the tiles named beforehand, for any two sizes up to 70,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SIZE }), fc.nat(), (newSize, seed) => {
        // Prepare
        const oldSize = 1 + (seed % newSize);
        const tiles = recording(tilesOf(newSize));

        // Act
        const proof = consistencyProofFromTiles(oldSize, newSize, tiles.source);

        // Assess
        expect(tiles.read.sort()).toEqual(paths(consistencyTilesNeeded(oldSize, newSize)));
        const claim = { oldSize, oldRoot: referenceRoot(oldSize), newSize, newRoot: referenceRoot(newSize), proof };
        expect(verifyConsistency(claim).oldSize).toBe(oldSize);
      }),
    );
  });
});

describe('tilesNeeded', () => {
  it('names the documented tiles', () => {
    expect(tilesNeeded(5, 70_000).map(tilePath)).toEqual([
      'tile/0/000',
      'tile/0/273.p/112',
      'tile/1/000',
      'tile/1/001.p/17',
    ]);
    expect(consistencyTilesNeeded(300, 70_000).map(tilePath)).toEqual([
      'tile/0/001',
      'tile/0/273.p/112',
      'tile/1/000',
      'tile/1/001.p/17',
    ]);
    expect(tilesNeeded(0, 1)).toEqual([]);
  });
});

describe('extendTiles', () => {
  /** One step checked: the tiles read, the tiles returned (exactly the new or grown ones, right bytes), the root. */
  function extendAndCheck(size: number, getTile: TileSource, count: number) {
    const tiles = recording(getTile);
    const extended = extendTiles(size, tiles.source, leaves.slice(size, size + count));
    const before = new Set(tilesForTreeSize(size).map(tilePath));
    const grown = tilesForTreeSize(size + count).filter((t) => !before.has(tilePath(t)));
    expect(tiles.read.sort()).toEqual(paths(partialTilesOf(size)));
    expect([...extended.tiles.keys()].sort()).toEqual(paths(grown));
    for (const [path, { coords, bytes }] of extended.tiles) {
      expect(tilePath(coords)).toBe(path);
      expect(hex(bytes)).toBe(hex(tileFromLevels(levels, coords)));
    }
    expect(extended.treeSize).toBe(size + count);
    expect(hex(extended.root)).toBe(hex(referenceRoot(size + count)));
    return extended;
  }

  it('grows a log from 0 to 70,000 leaves in random batches of 1..700 to exactly its tiles and roots', () => {
    // Prepare
    const store = new Map<string, Uint8Array>();
    let size = 0;
    let seed = 15;

    while (size < MAX_SIZE) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const count = Math.min(1 + (seed % 700), MAX_SIZE - size);

      // Act
      const extended = extendAndCheck(size, (t) => store.get(tilePath(t)), count);

      for (const [path, { bytes }] of extended.tiles) store.set(path, bytes);
      size = extended.treeSize;
    }

    // Assess
    for (const t of tilesForTreeSize(MAX_SIZE))
      expect(hex(store.get(tilePath(t)))).toBe(hex(tileFromLevels(levels, t)));
    expect(hex(extendTiles(size, (t) => store.get(tilePath(t)), []).root)).toBe(hex(rootOf(leaves)));
  });

  it('any tree, any split of the appended leaves into batches: the same tiles and roots', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_SIZE - 1 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        (start, batches) => {
          // Prepare
          const written = new Map<string, Uint8Array>();
          const initial = tilesOf(start);
          let size = start;

          for (const batch of batches) {
            const count = Math.min(batch, MAX_SIZE - size);
            // Act / Assess
            const extended = extendAndCheck(size, (t) => written.get(tilePath(t)) ?? initial(t), count);
            for (const [path, { bytes }] of extended.tiles) written.set(path, bytes);
            size = extended.treeSize;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads the partial right edge of each level, and appending nothing gives nothing new and the same root', () => {
    expect(partialTilesOf(70_000)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(partialTilesOf(65_536)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(partialTilesOf(0)).toEqual([]);
    const unchanged = extendTiles(70_000, tilesOf(70_000), []);
    expect(unchanged.tiles.size).toBe(0);
    expect(hex(unchanged.root)).toBe(hex(referenceRoot(70_000)));
    expect(extendTiles(0, () => undefined, []).root).toEqual(rootOf([]));
    expect([...extendTiles(70_000, tilesOf(70_000), [leaves[0] as Hash]).tiles.keys()]).toEqual(['tile/0/273.p/113']);
  });
});

describe('errors', () => {
  it('a missing tile is TLOG_TILE_MISSING, one of the wrong length TLOG_TILE_INVALID', () => {
    const missing = () => undefined;
    const short = () => new Uint8Array(31);
    for (const source of [missing, short]) {
      const code = source === missing ? 'TLOG_TILE_MISSING' : 'TLOG_TILE_INVALID';
      expect(codeOf(() => inclusionProofFromTiles(3, 300, source))).toBe(code);
      expect(codeOf(() => consistencyProofFromTiles(3, 300, source))).toBe(code);
      expect(codeOf(() => rangeHashFromTiles(0, 300, 300, source))).toBe(code);
      expect(codeOf(() => extendTiles(300, source, [leaves[0] as Hash]))).toBe(code);
    }
    const withoutLevel1 = (t: TileCoordinates) => (t.level === 1 ? undefined : tilesOf(70_000)(t));
    expect(codeOf(() => inclusionProofFromTiles(5, 70_000, withoutLevel1))).toBe('TLOG_TILE_MISSING');
  });

  it('refuses what inclusionProof and consistencyProof refuse, with the same codes', () => {
    const prefix = leaves.slice(0, 10);
    for (const index of [10, 11, -1, 1.5, Number.NaN]) {
      const code = codeOf(() => inclusionProof(prefix, index));
      expect(code).toBe('TLOG_INDEX_OUT_OF_RANGE');
      expect(codeOf(() => inclusionProofFromTiles(index, 10, tilesOf(10)))).toBe(code);
      expect(codeOf(() => tilesNeeded(index, 10))).toBe(code);
    }
    expect(codeOf(() => inclusionProofFromTiles(0, 0, tilesOf(0)))).toBe('TLOG_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => inclusionProofFromTiles(0, -1, tilesOf(0)))).toBe('TLOG_TREE_SIZE_INVALID');
    for (const oldSize of [11, -1, 2.5]) {
      const code = codeOf(() => consistencyProof(prefix, oldSize));
      expect(code).toBe('TLOG_TREE_SIZE_INVALID');
      expect(codeOf(() => consistencyProofFromTiles(oldSize, 10, tilesOf(10)))).toBe(code);
      expect(codeOf(() => consistencyTilesNeeded(oldSize, 10))).toBe(code);
    }
    expect(codeOf(() => consistencyProofFromTiles(1, 1.5, tilesOf(10)))).toBe('TLOG_TREE_SIZE_INVALID');
  });

  it('refuses a range that does not split into aligned perfect subtrees or is not inside the tree', () => {
    expect(codeOf(() => rangeHashFromTiles(1, 3, 10, tilesOf(10)))).toBe('TLOG_TREE_SIZE_INVALID');
    expect(codeOf(() => rangeHashFromTiles(4, 4, 10, tilesOf(10)))).toBe('TLOG_TREE_SIZE_INVALID');
    expect(codeOf(() => rangeHashFromTiles(8, 12, 10, tilesOf(10)))).toBe('TLOG_TREE_SIZE_INVALID');
  });

  it('refuses a leaf hash that is not 32 bytes and a tree size that is not one', () => {
    expect(codeOf(() => extendTiles(0, () => undefined, [new Uint8Array(31)]))).toBe('TLOG_HASH_LENGTH');
    expect(codeOf(() => extendTiles(-1, () => undefined, []))).toBe('TLOG_TREE_SIZE_INVALID');
    expect(codeOf(() => partialTilesOf(0.5))).toBe('TLOG_TREE_SIZE_INVALID');
  });
});
