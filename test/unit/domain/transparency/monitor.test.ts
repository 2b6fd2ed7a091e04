/**
 * The monitor's judgement of a new checkpoint against the last accepted one: honest growth passes (the consistency
 * proof read from the new tree's tiles), and a fork, a rollback or a rewritten prefix is refused with its own code.
 */
import { describe, expect, it } from 'vitest';
import { type Hash, leafHash, rootOf } from '../../../../lambdas/domain/transparency/merkle';
import { checkLogGrowth } from '../../../../lambdas/domain/transparency/monitor';
import { type TileSource, tileFromLevels, tileLevels } from '../../../../lambdas/domain/transparency/tiles';
import { codeOf } from '../../../support/thrown';

const leaves: Hash[] = Array.from({ length: 600 }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
const head = (size: number, of: readonly Hash[] = leaves) => ({ treeSize: size, root: rootOf(of.slice(0, size)) });
/** The tiles of the tree of the first `size` leaves. */
const tilesOf = (size: number, of: readonly Hash[] = leaves): TileSource => {
  const levels = tileLevels(of.slice(0, size));
  return (t) => tileFromLevels(levels, t);
};

describe('checkLogGrowth', () => {
  it.each([
    [0, 5],
    [7, 8],
    [255, 256],
    [256, 513],
    [300, 600],
  ])('accepts honest growth from %i to %i leaves', (from, to) => {
    // Act
    const result = checkLogGrowth(head(from), head(to), tilesOf(to));
    // Assess
    expect(result).toEqual({ grewBy: to - from });
  });

  it('accepts the same checkpoint again', () => {
    expect(checkLogGrowth(head(40), head(40), tilesOf(40))).toEqual({ grewBy: 0 });
  });

  it('refuses another root for the same size as a fork', () => {
    expect(codeOf(() => checkLogGrowth(head(40), { treeSize: 40, root: head(39).root }, tilesOf(40)))).toBe(
      'TLOG_FORK',
    );
  });

  it('refuses a smaller tree as a rollback', () => {
    expect(codeOf(() => checkLogGrowth(head(300), head(299), tilesOf(299)))).toBe('TLOG_ROLLBACK');
  });

  it('refuses a larger tree that does not extend the accepted one (an entry rewritten)', () => {
    // Prepare: the same log but entry 3 replaced
    const rewritten = leaves.map((h, i) => (i === 3 ? leafHash(new TextEncoder().encode('another entry')) : h));
    // Act
    const code = codeOf(() => checkLogGrowth(head(10), head(300, rewritten), tilesOf(300, rewritten)));
    // Assess
    expect(code).toBe('TLOG_CONSISTENCY_PROOF_INVALID');
  });

  it('refuses when a tile the proof needs is missing', () => {
    expect(codeOf(() => checkLogGrowth(head(10), head(300), () => undefined))).toBe('TLOG_TILE_MISSING');
  });
});
