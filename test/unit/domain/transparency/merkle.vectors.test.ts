/**
 * The Merkle tree against the reference vectors of transparency-dev/merkle (test/support/transparency-vectors.ts):
 * hashes, roots, generated proofs equal to the known ones, the known proofs verify, and the corruptions
 * transparency-dev probes (wrong index, size, leaf or root; garbage before or after; a flipped bit; a missing or an
 * inserted node) are all refused.
 */
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  type Hash,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../../../lambdas/domain/transparency/merkle';
import {
  CONSISTENCY_VECTORS,
  EMPTY_ROOT,
  HASHER_VECTORS,
  INCLUSION_VECTORS,
  MERKLE_LEAF_INPUTS,
  MERKLE_ROOTS,
} from '../../../support/transparency-vectors';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const bytes = (h: string): Hash => new Uint8Array(Buffer.from(h, 'hex'));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const leaves = MERKLE_LEAF_INPUTS.map(leafHash);
const rootAt = (size: number): Hash => bytes(MERKLE_ROOTS[size - 1] as string);
const someHash = bytes('abacaba000000000000000000000000000000000000000000060061e00123456');
const flip = (proof: readonly Hash[], i: number, mask: number): Hash[] =>
  proof.map((p, j) => (j === i ? p.map((b, k) => (k === 0 ? b ^ mask : b)) : p));

const throwsCode = (attempt: () => unknown): string | undefined => {
  try {
    attempt();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code ?? 'NO_CODE';
  }
};

describe('hashes', () => {
  it('hashes leaves and nodes as RFC 6962 / 9162 does', () => {
    expect(hex(emptyRoot())).toBe(EMPTY_ROOT);
    expect(hex(leafHash(new Uint8Array()))).toBe(MERKLE_ROOTS[0]);
    expect(hex(leafHash(utf8(HASHER_VECTORS.leaf.data)))).toBe(HASHER_VECTORS.leaf.hash);
    expect(hex(nodeHash(utf8(HASHER_VECTORS.node.left), utf8(HASHER_VECTORS.node.right)))).toBe(
      HASHER_VECTORS.node.hash,
    );
  });

  it('computes the known root of every prefix of the eight inputs, and the empty root for none', () => {
    MERKLE_ROOTS.forEach((root, i) => {
      expect(hex(rootOf(leaves.slice(0, i + 1)))).toBe(root);
    });
    expect(hex(rootOf([]))).toBe(EMPTY_ROOT);
  });
});

describe.each(INCLUSION_VECTORS)(
  'inclusion of leaf $index in the tree of size $treeSize',
  ({ index, treeSize, proof }) => {
    const known = proof.map(bytes);
    const leaf = leaves[index] as Hash;
    const root = rootAt(treeSize);

    it('generates the known proof, which verifies', () => {
      // Act
      const generated = inclusionProof(leaves.slice(0, treeSize), index);

      // Assess
      expect(generated.map(hex)).toEqual(proof);
      expect(verifyInclusion({ index, treeSize, leafHash: leaf, proof: known, root })).toMatchObject({
        index,
        treeSize,
      });
    });

    it('refuses every corruption of the claim', () => {
      // Prepare
      const probes = [
        { index: index - 1 },
        { index: index + 1 },
        { index: index ^ 2 },
        { treeSize: treeSize * 2 },
        { treeSize: Math.floor(treeSize / 2) },
        { leafHash: leafHash(utf8('WrongLeaf')) },
        { root: bytes(EMPTY_ROOT) },
        { root: someHash },
        { proof: [...known, root] },
        { proof: [root, ...known] },
        ...known.map((_, i) => ({ proof: flip(known, i, 8) })),
        ...(known.length > 0 ? [{ proof: known.slice(0, -1) }] : []),
        ...(known.length > 1 ? [{ proof: [known[0] as Hash, someHash, ...known.slice(1)] }] : []),
      ];

      // Act
      const accepted = probes.filter(
        (probe) =>
          throwsCode(() => verifyInclusion({ index, treeSize, leafHash: leaf, proof: known, root, ...probe })) ===
          undefined,
      );

      // Assess
      expect(accepted).toEqual([]);
    });
  },
);

describe.each(CONSISTENCY_VECTORS)('consistency of sizes $oldSize → $newSize', ({ oldSize, newSize, proof }) => {
  const known = proof.map(bytes);
  const oldRoot = rootAt(oldSize);
  const newRoot = rootAt(newSize);

  it('generates the known proof, which verifies', () => {
    // Act
    const generated = consistencyProof(leaves.slice(0, newSize), oldSize);

    // Assess
    expect(generated.map(hex)).toEqual(proof);
    expect(verifyConsistency({ oldSize, oldRoot, newSize, newRoot, proof: known })).toMatchObject({ oldSize, newSize });
  });

  it('refuses every corruption of the claim', () => {
    // Prepare
    const probes = [
      { oldSize: oldSize - 1 },
      { oldSize: oldSize + 1 },
      { oldSize: oldSize ^ 2 },
      { newSize: newSize * 2 },
      { newSize: Math.floor(newSize / 2) },
      { oldRoot: someHash },
      { newRoot: someHash },
      ...(oldSize < newSize ? [{ oldRoot: newRoot, newRoot: oldRoot }, { proof: [] }] : []),
      { proof: [...known, oldRoot] },
      { proof: [...known, newRoot] },
      { proof: [oldRoot, ...known] },
      { proof: [newRoot, ...known] },
      ...(known.length > 0 ? [{ proof: [known[0] as Hash, ...known] }, { proof: known.slice(0, -1) }] : []),
      ...known.map((_, i) => ({ proof: flip(known, i, 16) })),
    ];

    // Act
    const accepted = probes.filter(
      (probe) =>
        throwsCode(() => verifyConsistency({ oldSize, oldRoot, newSize, newRoot, proof: known, ...probe })) ===
        undefined,
    );

    // Assess
    expect(accepted).toEqual([]);
  });
});
