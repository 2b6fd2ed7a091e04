/**
 * The Merkle tree's own rules and properties: every inclusion proof verifies and any flipped bit fails; any two tree
 * sizes m ≤ n are consistent and a root of another tree of the same size is not; malformed claims are validation
 * errors with stable codes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  type Hash,
  inclusionProof,
  leafHash,
  rootOf,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from '../../../../lambdas/domain/transparency/merkle';
import { codeOf } from '../../../support/thrown';

const arbLeaves = (minLength = 1) =>
  fc.array(fc.uint8Array({ maxLength: 12 }), { minLength, maxLength: 70 }).map((data) => data.map(leafHash));

/** Flip one bit of one hash in a list. */
const flipBit = (hashes: readonly Hash[], which: number, bit: number): Hash[] =>
  hashes.map((h, i) => (i === which ? h.map((b, k) => (k === bit >> 3 ? b ^ (1 << (bit & 7)) : b)) : h));

describe('splitPoint', () => {
  it('is the largest power of two strictly below n', () => {
    expect([2, 3, 4, 5, 8, 9, 256, 257].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 128, 256]);
  });
});

describe('inclusion', () => {
  it('every leaf of every tree has a proof that verifies against the root', () => {
    fc.assert(
      fc.property(arbLeaves(), fc.nat(), (leaves, seed) => {
        // Prepare
        const index = seed % leaves.length;
        const root = rootOf(leaves);

        // Act
        const proof = inclusionProof(leaves, index);

        // Assess
        const claim = { index, treeSize: leaves.length, leafHash: leaves[index] as Hash, proof, root };
        expect(verifyInclusion(claim)).toEqual({ index, treeSize: leaves.length, leafHash: leaves[index], root });
      }),
    );
  });

  it('any flipped bit in the proof, the leaf or the root fails with TLOG_INCLUSION_PROOF_INVALID', () => {
    fc.assert(
      fc.property(arbLeaves(2), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (leaves, seed, pick, bit) => {
        // Prepare
        const index = seed % leaves.length;
        const proof = inclusionProof(leaves, index);
        const root = rootOf(leaves);
        const leaf = leaves[index] as Hash;
        const part = pick % (proof.length + 2);
        const claim = {
          index,
          treeSize: leaves.length,
          proof: part < proof.length ? flipBit(proof, part, bit) : proof,
          leafHash: part === proof.length ? (flipBit([leaf], 0, bit)[0] as Hash) : leaf,
          root: part === proof.length + 1 ? (flipBit([root], 0, bit)[0] as Hash) : root,
        };

        // Act
        const code = codeOf(() => verifyInclusion(claim));

        // Assess
        expect(code).toBe('TLOG_INCLUSION_PROOF_INVALID');
      }),
    );
  });

  it('refuses an index outside the tree and a hash of the wrong length', () => {
    const leaves = [leafHash(new Uint8Array([1])), leafHash(new Uint8Array([2]))];
    const root = rootOf(leaves);
    expect(codeOf(() => inclusionProof(leaves, 2))).toBe('TLOG_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => inclusionProof(leaves, -1))).toBe('TLOG_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => inclusionProof([], 0))).toBe('TLOG_INDEX_OUT_OF_RANGE');
    const claim = { index: 0, treeSize: 2, leafHash: leaves[0] as Hash, proof: [leaves[1] as Hash], root };
    expect(verifyInclusion(claim).index).toBe(0);
    expect(codeOf(() => verifyInclusion({ ...claim, index: 2 }))).toBe('TLOG_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => verifyInclusion({ ...claim, treeSize: 1.5 }))).toBe('TLOG_TREE_SIZE_INVALID');
    expect(codeOf(() => verifyInclusion({ ...claim, root: root.slice(1) }))).toBe('TLOG_HASH_LENGTH');
    expect(codeOf(() => verifyInclusion({ ...claim, proof: [new Uint8Array(31)] }))).toBe('TLOG_HASH_LENGTH');
  });
});

describe('consistency', () => {
  it('any two tree sizes m ≤ n of one log are consistent', () => {
    fc.assert(
      fc.property(arbLeaves(0), fc.nat(), (leaves, seed) => {
        // Prepare
        const oldSize = seed % (leaves.length + 1);
        const oldRoot = rootOf(leaves.slice(0, oldSize));
        const newRoot = rootOf(leaves);

        // Act
        const proof = consistencyProof(leaves, oldSize);

        // Assess
        const claim = { oldSize, oldRoot, newSize: leaves.length, newRoot, proof };
        expect(verifyConsistency(claim)).toEqual({ oldSize, oldRoot, newSize: leaves.length, newRoot });
      }),
    );
  });

  it('a root of another tree of the same size fails (a fork), as does any flipped bit in the proof', () => {
    fc.assert(
      fc.property(arbLeaves(2), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (leaves, seed, pick, bit) => {
        // Prepare
        const oldSize = 1 + (seed % leaves.length);
        const proof = consistencyProof(leaves, oldSize);
        const honest = {
          oldSize,
          oldRoot: rootOf(leaves.slice(0, oldSize)),
          newSize: leaves.length,
          newRoot: rootOf(leaves),
        };
        const forked = leaves.map((l, i) => (i === pick % leaves.length ? leafHash(l) : l));
        const forkedOld = { ...honest, oldRoot: rootOf(forked.slice(0, oldSize)) };
        const forkedNew = { ...honest, newRoot: rootOf(forked) };

        // Act
        const codes = [
          codeOf(() => verifyConsistency({ ...forkedNew, proof })),
          ...(pick % leaves.length < oldSize ? [codeOf(() => verifyConsistency({ ...forkedOld, proof }))] : []),
          ...(proof.length > 0
            ? [codeOf(() => verifyConsistency({ ...honest, proof: flipBit(proof, pick % proof.length, bit) }))]
            : []),
        ];

        // Assess
        expect(codes.every((c) => c === 'TLOG_CONSISTENCY_PROOF_INVALID')).toBe(true);
      }),
    );
  });

  it('equal sizes need equal roots and an empty proof; size 0 needs the empty root; sizes must be in order', () => {
    const leaves = [1, 2, 3].map((n) => leafHash(new Uint8Array([n])));
    const root = rootOf(leaves);
    const other = rootOf(leaves.slice(0, 2));
    expect(verifyConsistency({ oldSize: 3, oldRoot: root, newSize: 3, newRoot: root, proof: [] }).newSize).toBe(3);
    expect(codeOf(() => verifyConsistency({ oldSize: 3, oldRoot: other, newSize: 3, newRoot: root, proof: [] }))).toBe(
      'TLOG_CONSISTENCY_PROOF_INVALID',
    );
    expect(
      codeOf(() => verifyConsistency({ oldSize: 3, oldRoot: root, newSize: 3, newRoot: root, proof: [root] })),
    ).toBe('TLOG_CONSISTENCY_PROOF_INVALID');
    expect(verifyConsistency({ oldSize: 0, oldRoot: emptyRoot(), newSize: 3, newRoot: root, proof: [] }).oldSize).toBe(
      0,
    );
    expect(codeOf(() => verifyConsistency({ oldSize: 0, oldRoot: root, newSize: 3, newRoot: root, proof: [] }))).toBe(
      'TLOG_CONSISTENCY_PROOF_INVALID',
    );
    expect(codeOf(() => verifyConsistency({ oldSize: 3, oldRoot: root, newSize: 2, newRoot: other, proof: [] }))).toBe(
      'TLOG_TREE_SIZE_INVALID',
    );
    expect(codeOf(() => consistencyProof(leaves, 4))).toBe('TLOG_TREE_SIZE_INVALID');
    expect(
      codeOf(() => verifyConsistency({ oldSize: 1, oldRoot: root, newSize: 3, newRoot: root, proof: [root.slice(2)] })),
    ).toBe('TLOG_HASH_LENGTH');
  });
});
