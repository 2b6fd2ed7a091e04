/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the static layout the log is published in. A tile is up to 256
 * consecutive Merkle Tree Hashes at one level: at level 0 the leaf hashes, at level l > 0 each hash is the root of a
 * *full* tile at level l − 1 (so tile n at level l holds MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l]) for i in
 * 0‥255). The right edge of each level is a partial tile of `floor(size / 256^l) mod 256` hashes, never hashed into the
 * level above. Entry bundles hold the entries themselves, each prefixed by its big-endian uint16 length, bundled as
 * the level-0 tiles are.
 *
 * Paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, N in zero-padded 3-digit groups, all but the last
 * prefixed with `x` (1234067 → `x001/x234/067`).
 *
 * @example
 * tilePath({ level: 0, index: 1234067, width: 256 }); // 'tile/0/x001/x234/067'
 * tilesForTreeSize(70_000).length; // 273 + 1 + 1 + 1 + 1
 */
import { UnprocessableError, ValidationError } from '../errors';
import { equalHashes, HASH_SIZE, type Hash, nodeHash, rootOf } from './merkle';

/**
 * The number of hashes in a full tile (and entries in a full bundle).
 *
 * @example
 * TILE_WIDTH * HASH_SIZE; // 8192 bytes in a full tile
 */
export const TILE_WIDTH = 256;

/**
 * Where a tile sits: its level, its index within the level, and its width (256 for a full tile, 1–255 partial).
 *
 * @example
 * const tile: TileCoordinates = { level: 1, index: 0, width: 17 };
 */
export interface TileCoordinates {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/**
 * A tile index in path form: zero-padded 3-digit groups, all but the last prefixed with `x`.
 *
 * @example
 * encodeTileIndex(1234067); // 'x001/x234/067'
 * encodeTileIndex(5); // '005'
 */
export function encodeTileIndex(index: number): string {
  assertNatural(index, 'index');
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

const widthSuffix = (width: number): string => (width === TILE_WIDTH ? '' : `.p/${width}`);

/**
 * The path of a Merkle tree tile, relative to the log's prefix.
 *
 * @example
 * tilePath({ level: 2, index: 0, width: 1 }); // 'tile/2/000.p/1'
 */
export function tilePath(tile: TileCoordinates): string {
  assertCoordinates(tile);
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${widthSuffix(tile.width)}`;
}

/**
 * The path of an entry bundle (the entries of level-0 tile `index`), relative to the log's prefix.
 *
 * @example
 * entryBundlePath({ index: 273, width: 112 }); // 'tile/entries/273.p/112'
 */
export function entryBundlePath(bundle: { readonly index: number; readonly width: number }): string {
  assertCoordinates({ level: 0, ...bundle });
  return `tile/entries/${encodeTileIndex(bundle.index)}${widthSuffix(bundle.width)}`;
}

/**
 * What a tile path names, or `undefined` for anything that is not exactly a path this layout produces (leading zeros,
 * a missing or extra `x`, a level above 63, a width outside 1–255), so the route answers 404 rather than guess.
 *
 * @example
 * parseTilePath('tile/0/x001/x234/067'); // { kind: 'tile', level: 0, index: 1234067, width: 256 }
 * parseTilePath('tile/entries/001.p/7'); // { kind: 'entries', level: 0, index: 1, width: 7 }
 * parseTilePath('tile/00/000'); // undefined
 */
export function parseTilePath(path: string): (TileCoordinates & { readonly kind: 'tile' | 'entries' }) | undefined {
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return undefined;
  const [, levelPart = '', indexPart = '', widthPart] = match;
  const level = levelPart === 'entries' ? 0 : Number(levelPart);
  const groups = indexPart.split('/');
  if (groups.length > 1 && groups[0] === 'x000') return undefined; // the shortest form only
  const index = groups.reduce((n, g) => n * 1000 + Number(g.replace('x', '')), 0);
  const width = widthPart === undefined ? TILE_WIDTH : Number(widthPart);
  if (level > 63 || (widthPart !== undefined && width >= TILE_WIDTH) || !Number.isSafeInteger(index)) return undefined;
  return { kind: levelPart === 'entries' ? 'entries' : 'tile', level, index, width };
}

/**
 * Every tile a tree of `treeSize` leaves consists of, level by level: the full tiles and, where the level does not end
 * on a tile boundary, the partial right-edge tile. The empty tree has none.
 *
 * @example
 * tilesForTreeSize(256); // [{ level: 0, index: 0, width: 256 }, { level: 1, index: 0, width: 1 }]
 */
export function tilesForTreeSize(treeSize: number): TileCoordinates[] {
  assertNatural(treeSize, 'treeSize');
  const tiles: TileCoordinates[] = [];
  for (let level = 0, hashes = treeSize; hashes > 0; level++, hashes = Math.floor(hashes / TILE_WIDTH)) {
    const full = Math.floor(hashes / TILE_WIDTH);
    for (let index = 0; index < full; index++) tiles.push({ level, index, width: TILE_WIDTH });
    const partial = hashes % TILE_WIDTH;
    if (partial > 0) tiles.push({ level, index: full, width: partial });
  }
  return tiles;
}

/**
 * The hashes of every level of the tiled tree over `leafHashes`: level 0 the leaf hashes, each level above the roots
 * of the full tiles below. A tile is a slice of one level (see {@link tileFromLevels}).
 *
 * @example
 * const levels = tileLevels(leaves); // levels[1][0] is the root of leaves[0:256]
 */
export function tileLevels(leafHashes: readonly Hash[]): Hash[][] {
  const levels: Hash[][] = [[...leafHashes]];
  for (let below = levels[0] as Hash[]; below.length >= TILE_WIDTH; ) {
    const above: Hash[] = [];
    for (let start = 0; start + TILE_WIDTH <= below.length; start += TILE_WIDTH) {
      above.push(rootOf(below.slice(start, start + TILE_WIDTH)));
    }
    levels.push(above);
    below = above;
  }
  return levels;
}

/**
 * The bytes of one tile: its hashes concatenated, taken from {@link tileLevels}.
 *
 * @example
 * tileFromLevels(tileLevels(leaves), { level: 0, index: 0, width: 256 }).length; // 8192
 */
export function tileFromLevels(levels: readonly (readonly Hash[])[], tile: TileCoordinates): Uint8Array {
  assertCoordinates(tile);
  const start = tile.index * TILE_WIDTH;
  const hashes = levels[tile.level]?.slice(start, start + tile.width) ?? [];
  if (hashes.length !== tile.width) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `the tree has no tile ${tilePath(tile)}`);
  }
  return encodeTile(hashes);
}

/**
 * A tile's bytes: the hashes concatenated, 32 bytes each.
 *
 * @example
 * encodeTile([h1, h2]).length; // 64
 */
export function encodeTile(hashes: readonly Hash[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  for (const [i, h] of hashes.entries()) out.set(h, i * HASH_SIZE);
  return out;
}

/**
 * A tile's hashes, refusing bytes that are not exactly `width` hashes (`TLOG_TILE_INVALID`).
 *
 * @example
 * decodeTile(bytes, 256)[0]; // the tile's first hash
 */
export function decodeTile(bytes: Uint8Array, width: number): Hash[] {
  assertTileLength(bytes, width);
  return Array.from({ length: width }, (_, i) => bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/**
 * An entry bundle's bytes: each entry prefixed by its length as a big-endian uint16 (entries of 1–65535 bytes).
 *
 * @example
 * encodeEntryBundle([new Uint8Array([7])]); // [0, 1, 7]
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const e of entries) {
    if (e.length > 0xffff) {
      throw new ValidationError('TLOG_ENTRY_MALFORMED', `an entry of ${e.length} bytes exceeds a bundle's 65535`);
    }
    length += 2 + e.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/**
 * The entries of a bundle, refusing a truncated length or entry (`TLOG_BUNDLE_INVALID`).
 *
 * @example
 * decodeEntryBundle(new Uint8Array([0, 1, 7])); // [Uint8Array [7]]
 */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw bundleInvalid('ends inside a length prefix');
    const length = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    if (at + 2 + length > bytes.length) throw bundleInvalid('ends inside an entry');
    entries.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}

const bundleInvalid = (why: string) => new UnprocessableError('TLOG_BUNDLE_INVALID', `the entry bundle ${why}`);

/**
 * What answers a tile's bytes by its coordinates: `undefined` when it has none (`TLOG_TILE_MISSING` to the reader).
 *
 * @example
 * const getTile: TileSource = (t) => fetched.get(tilePath(t));
 */
export type TileSource = (tile: TileCoordinates) => Uint8Array | undefined;

/**
 * The root of a tree of `treeSize` leaves, read from the fewest tiles: the size splits into perfect subtrees (largest
 * first, as the RFC's split does), each the root of consecutive hashes of one tile, folded right to left. `getTile`
 * answers a tile's bytes (or `undefined`, `TLOG_TILE_MISSING`); a tile of the wrong length is `TLOG_TILE_INVALID`.
 *
 * @example
 * equalHashes(rootFromTiles(checkpoint.treeSize, (t) => fetched.get(tilePath(t))), checkpoint.root);
 */
export function rootFromTiles(treeSize: number, getTile: TileSource): Hash {
  assertNatural(treeSize, 'treeSize');
  if (treeSize === 0) return rootOf([]);
  const subtrees: Hash[] = [];
  let start = 0;
  for (let height = Math.floor(Math.log2(treeSize)) + 1; height >= 0; height--) {
    const size = 2 ** height;
    if (start + size > treeSize) continue;
    subtrees.push(perfectSubtreeRoot(treeSize, start, height, getTile));
    start += size;
  }
  let root = subtrees.pop() as Hash;
  while (subtrees.length > 0) root = nodeHash(subtrees.pop() as Hash, root);
  return root;
}

/**
 * Where the root of the perfect subtree of 2^`height` leaves from leaf `start` (a multiple of 2^`height`) lies in the
 * tiles of a tree of `treeSize` leaves: `count` consecutive hashes from `offset` in one tile. The tile is at level
 * ⌊height / 8⌋ (each of its hashes the root of 256^level leaves), so `count` = 2^(height mod 8) ≤ 128 and the run never
 * crosses a tile boundary. The tile's width is that tile's width *in this tree* — the partial right edge of its level
 * when the subtree lies there. A subtree that is not aligned or not inside the tree is `TLOG_TREE_SIZE_INVALID`.
 *
 * @example
 * perfectSubtreeTile(70_000, 65_536, 11); // { tile: { level: 1, index: 1, width: 17 }, offset: 0, count: 8 }
 */
export function perfectSubtreeTile(
  treeSize: number,
  start: number,
  height: number,
): { readonly tile: TileCoordinates; readonly offset: number; readonly count: number } {
  assertNatural(treeSize, 'treeSize');
  assertNatural(start, 'start');
  if (!Number.isInteger(height) || height < 0 || height > 52 || start % 2 ** height !== 0) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `no perfect subtree of height ${height} starts at ${start}`);
  }
  if (start + 2 ** height > treeSize) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `the subtree at ${start} ends beyond tree size ${treeSize}`);
  }
  const level = Math.floor(height / 8);
  const span = TILE_WIDTH ** level;
  const first = start / span;
  const index = Math.floor(first / TILE_WIDTH);
  const levelHashes = Math.floor(treeSize / span);
  const width = index < Math.floor(levelHashes / TILE_WIDTH) ? TILE_WIDTH : levelHashes % TILE_WIDTH;
  return { tile: { level, index, width }, offset: first % TILE_WIDTH, count: 2 ** (height - 8 * level) };
}

/**
 * The root of the perfect subtree of 2^`height` leaves from leaf `start`, read from the one tile
 * {@link perfectSubtreeTile} names (only the hashes it needs are looked at). A missing tile is `TLOG_TILE_MISSING`,
 * one of the wrong length `TLOG_TILE_INVALID`.
 *
 * @example
 * perfectSubtreeRoot(70_000, 0, 16, getTile); // MTH(D[0:65536]), the one hash of tile/2/000.p/1
 */
export function perfectSubtreeRoot(treeSize: number, start: number, height: number, getTile: TileSource): Hash {
  const { tile, offset, count } = perfectSubtreeTile(treeSize, start, height);
  const bytes = readTile(getTile, tile);
  const hashes = Array.from({ length: count }, (_, i) =>
    bytes.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE),
  );
  const root = rootOf(hashes);
  return count === 1 ? root.slice() : root; // a copy, not a view into the caller's tile
}

/**
 * A tile's bytes from `getTile`: `TLOG_TILE_MISSING` when it has none, `TLOG_TILE_INVALID` when they are not exactly
 * `tile.width` hashes.
 *
 * @example
 * decodeTile(readTile(getTile, tile), tile.width);
 */
export function readTile(getTile: TileSource, tile: TileCoordinates): Uint8Array {
  const bytes = getTile(tile);
  if (bytes === undefined) {
    throw new UnprocessableError('TLOG_TILE_MISSING', `tile ${tilePath(tile)} is missing`, { path: tilePath(tile) });
  }
  assertTileLength(bytes, tile.width);
  return bytes;
}

/**
 * Check every tile and entry bundle of a tree against each other and a root: the entries hash to the level-0 tiles,
 * each level's tiles are exactly the roots of the full tiles below, and the leaves' root is `root`. Throws
 * `TLOG_TILE_INVALID` / `TLOG_BUNDLE_INVALID` naming the first path that differs, `TLOG_TILE_MISSING` for a missing
 * one; returns the leaf hashes. This is the monitor's full recomputation (linear in the tree size).
 *
 * @example
 * const leaves = verifyTiles(checkpoint.treeSize, checkpoint.root, (path) => fetched.get(path));
 */
export function verifyTiles(
  treeSize: number,
  root: Hash,
  getResource: (path: string) => Uint8Array | undefined,
  leafHash?: (entry: Uint8Array) => Hash,
): Hash[] {
  const read = (path: string): Uint8Array => {
    const bytes = getResource(path);
    if (bytes === undefined) throw new UnprocessableError('TLOG_TILE_MISSING', `${path} is missing`, { path });
    return bytes;
  };
  const levelZero = tilesForTreeSize(treeSize).filter((t) => t.level === 0);
  const leaves = levelZero.flatMap((t) => decodeTile(read(tilePath(t)), t.width));
  if (leafHash) {
    for (const t of levelZero) {
      const path = entryBundlePath(t);
      const entries = decodeEntryBundle(read(path));
      const expected = leaves.slice(t.index * TILE_WIDTH, t.index * TILE_WIDTH + t.width);
      if (entries.length !== t.width || entries.some((e, i) => !equalHashes(leafHash(e), expected[i] as Hash))) {
        throw new UnprocessableError('TLOG_BUNDLE_INVALID', `${path} does not hash to its tile`, { path });
      }
    }
  }
  const levels = tileLevels(leaves);
  for (const t of tilesForTreeSize(treeSize).filter((c) => c.level > 0)) {
    const path = tilePath(t);
    if (!equalHashes(read(path), tileFromLevels(levels, t))) {
      throw new UnprocessableError('TLOG_TILE_INVALID', `${path} is not the roots of the tiles below it`, { path });
    }
  }
  if (!equalHashes(rootOf(leaves), root)) {
    throw new UnprocessableError('TLOG_TILE_INVALID', `the tiles of size ${treeSize} do not hash to the root`, {
      treeSize,
    });
  }
  return leaves;
}

function assertNatural(n: number, field: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `${field} must be a non-negative integer`, [
      { field, message: 'not a non-negative integer' },
    ]);
  }
}

function assertCoordinates(tile: TileCoordinates): void {
  assertNatural(tile.index, 'index');
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > 63) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `tile level ${tile.level} is not 0–63`);
  }
  if (!Number.isInteger(tile.width) || tile.width < 1 || tile.width > TILE_WIDTH) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `tile width ${tile.width} is not 1–256`);
  }
}

function assertTileLength(bytes: Uint8Array, width: number): void {
  if (bytes.length !== width * HASH_SIZE) {
    throw new UnprocessableError(
      'TLOG_TILE_INVALID',
      `a tile of width ${width} is ${width * HASH_SIZE} bytes, not ${bytes.length}`,
    );
  }
}
