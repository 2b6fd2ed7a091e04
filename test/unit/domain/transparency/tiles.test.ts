/**
 * C2SP tlog-tiles: the spec's path and size examples, tiles built from a tree and read back to its root, and any
 * changed byte in a tile or an entry bundle found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Hash, leafHash, rootOf } from '../../../../lambdas/domain/transparency/merkle';
import {
  decodeEntryBundle,
  decodeTile,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  parseTilePath,
  rootFromTiles,
  type TileCoordinates,
  tileFromLevels,
  tileLevels,
  tilePath,
  tilesForTreeSize,
  verifyTiles,
} from '../../../../lambdas/domain/transparency/tiles';
import { codeOf } from '../../../support/thrown';

const entry = (i: number): Uint8Array => new Uint8Array(Buffer.from(`entry ${i}`, 'utf8'));

/** Every resource of a log of `size` entries, by path, as a sequencer would publish them. */
function publish(size: number): Map<string, Uint8Array> {
  const entries = Array.from({ length: size }, (_, i) => entry(i));
  const levels = tileLevels(entries.map(leafHash));
  const resources = new Map<string, Uint8Array>();
  for (const t of tilesForTreeSize(size)) {
    resources.set(tilePath(t), tileFromLevels(levels, t));
    if (t.level === 0) {
      const first = t.index * 256;
      resources.set(entryBundlePath(t), encodeEntryBundle(entries.slice(first, first + t.width)));
    }
  }
  return resources;
}
const rootOfSize = (size: number): Hash => rootOf(Array.from({ length: size }, (_, i) => leafHash(entry(i))));

describe('paths', () => {
  it('encodes the index in x-prefixed 3-digit groups, as the spec’s example', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
  });

  it('names full and partial tiles and entry bundles, and parses exactly those names back', () => {
    // Prepare
    const cases: [TileCoordinates, string][] = [
      [{ level: 0, index: 1234067, width: 256 }, 'tile/0/x001/x234/067'],
      [{ level: 1, index: 1, width: 17 }, 'tile/1/001.p/17'],
      [{ level: 63, index: 0, width: 1 }, 'tile/63/000.p/1'],
    ];

    // Act / Assess
    for (const [tile, path] of cases) {
      expect(tilePath(tile)).toBe(path);
      expect(parseTilePath(path)).toEqual({ kind: 'tile', ...tile });
    }
    expect(entryBundlePath({ index: 273, width: 112 })).toBe('tile/entries/273.p/112');
    expect(parseTilePath('tile/entries/x001/x234/067')).toEqual({
      kind: 'entries',
      level: 0,
      index: 1234067,
      width: 256,
    });
  });

  it('refuses anything the layout would not produce', () => {
    const bad = [
      'tile/00/000',
      'tile/64/000',
      'tile/0/0',
      'tile/0/x000/001',
      'tile/0/001/002',
      'tile/0/000.p/0',
      'tile/0/000.p/256',
      'tile/0/000.p/07',
      'tile/0/000/',
      'tile/entries/000.p/',
      '/tile/0/000',
      'tile/0/x1234/000',
    ];
    expect(bad.map(parseTilePath)).toEqual(bad.map(() => undefined));
  });

  it('round-trips any tile', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(tilePath({ level, index, width }))).toEqual({ kind: 'tile', level, index, width });
        },
      ),
    );
  });
});

describe('tilesForTreeSize', () => {
  it('gives the spec’s example: size 70,000 is 273 full and one 112-wide level-0 tiles, 1 full and one 17-wide at level 1, one 1-wide at level 2', () => {
    // Act
    const tiles = tilesForTreeSize(70_000);

    // Assess
    const at = (level: number) => tiles.filter((t) => t.level === level);
    expect(at(0)).toHaveLength(274);
    expect(at(0).filter((t) => t.width === 256)).toHaveLength(273);
    expect(at(0).at(-1)).toEqual({ level: 0, index: 273, width: 112 });
    expect(at(1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(at(2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles).toHaveLength(277);
  });

  it('gives a full level-0 and a 1-wide level-1 tile for size 256, and none for the empty tree', () => {
    expect(tilesForTreeSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForTreeSize(0)).toEqual([]);
  });
});

describe('reading the root back', () => {
  it.each([1, 2, 3, 255, 256, 257, 511, 513, 1000, 65_536 + 257])(
    'recomputes the root of size %i from its tiles',
    (size) => {
      // Prepare
      const resources = publish(size);

      // Act
      const root = rootFromTiles(size, (t) => resources.get(tilePath(t)));

      // Assess
      expect(root).toEqual(rootOfSize(size));
      expect(verifyTiles(size, root, (p) => resources.get(p), leafHash)).toHaveLength(size);
    },
  );

  it('the empty tree’s root needs no tile', () => {
    expect(rootFromTiles(0, () => undefined)).toEqual(rootOf([]));
  });

  it('any changed byte in a tile or entry bundle is detected', () => {
    const size = 600;
    const resources = publish(size);
    const root = rootOfSize(size);
    const paths = [...resources.keys()];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (pick, at, mask) => {
        // Prepare
        const path = paths[pick % paths.length] as string;
        const original = resources.get(path) as Uint8Array;
        const tampered = original.slice();
        const i = at % tampered.length;
        tampered[i] = (tampered[i] as number) ^ mask;

        // Act
        const code = codeOf(() => verifyTiles(size, root, (p) => (p === path ? tampered : resources.get(p)), leafHash));

        // Assess
        expect(code).toMatch(/^TLOG_(TILE|BUNDLE)_INVALID$/);
      }),
    );
  });

  it('reports a missing tile and a tile of the wrong length', () => {
    const resources = publish(300);
    expect(codeOf(() => rootFromTiles(300, () => undefined))).toBe('TLOG_TILE_MISSING');
    expect(codeOf(() => rootFromTiles(300, () => new Uint8Array(32)))).toBe('TLOG_TILE_INVALID');
    expect(
      codeOf(() => verifyTiles(300, rootOfSize(300), (p) => (p.startsWith('tile/1') ? undefined : resources.get(p)))),
    ).toBe('TLOG_TILE_MISSING');
    expect(codeOf(() => verifyTiles(300, rootOfSize(299), (p) => resources.get(p)))).toBe('TLOG_TILE_INVALID');
  });
});

describe('tile and bundle encodings', () => {
  it('a tile is its hashes concatenated; a bundle, its entries each after a big-endian uint16 length', () => {
    const hashes = [leafHash(entry(1)), leafHash(entry(2))];
    expect(decodeTile(tileFromLevels(tileLevels(hashes), { level: 0, index: 0, width: 2 }), 2)).toEqual(hashes);
    const bundle = encodeEntryBundle([new Uint8Array([7]), new Uint8Array(0), new Uint8Array(300)]);
    expect([...bundle.slice(0, 5)]).toEqual([0, 1, 7, 0, 0]);
    expect([...bundle.slice(5, 7)]).toEqual([1, 44]);
    expect(decodeEntryBundle(bundle).map((e) => e.length)).toEqual([1, 0, 300]);
  });

  it('refuses truncated bundles and oversized entries', () => {
    expect(codeOf(() => decodeEntryBundle(new Uint8Array([0])))).toBe('TLOG_BUNDLE_INVALID');
    expect(codeOf(() => decodeEntryBundle(new Uint8Array([0, 2, 1])))).toBe('TLOG_BUNDLE_INVALID');
    expect(codeOf(() => encodeEntryBundle([new Uint8Array(65_536)]))).toBe('TLOG_ENTRY_MALFORMED');
  });
});
