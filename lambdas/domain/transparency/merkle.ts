/**
 * RFC 9162 §2.1 Merkle tree hashing for Permit's transparency log: leaf and node hashes, the Merkle Tree Hash (MTH) of
 * a list, inclusion proofs (PATH, §2.1.3) and consistency proofs (SUBPROOF, §2.1.4), with the RFC's verification
 * algorithms (§2.1.3.2, §2.1.4.2). SHA-256 throughout, so a proof checks with any RFC 6962 / 9162 implementation.
 *
 * Proof generation works from the list of leaf hashes (the level-0 tiles hold exactly these); verification needs
 * only the proof, sizes and roots. Tree sizes and indexes are JavaScript safe integers (below 2⁵³), far beyond any
 * licence log; the algorithms shift with arithmetic, not 32-bit bit operators, for that reason.
 *
 * @example
 * const leaves = entries.map(leafHash);
 * const proof = inclusionProof(leaves, 3);
 * verifyInclusion({ index: 3, treeSize: leaves.length, leafHash: leaves[3], proof, root: rootOf(leaves) });
 */

import { sha256 } from '../encoding';
import { UnprocessableError, ValidationError } from '../errors';

/**
 * A SHA-256 hash as the log uses it (32 bytes).
 *
 * @example
 * const h: Hash = leafHash(new Uint8Array());
 */
export type Hash = Uint8Array;

/**
 * The length of every hash in the tree, in bytes.
 *
 * @example
 * tile.length / HASH_SIZE; // the tile's width
 */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/**
 * The hash of one leaf: SHA-256(0x00 ‖ data).
 *
 * @example
 * toHex(leafHash(new Uint8Array())); // '6e340b9c…a01d'
 */
export const leafHash = (data: Uint8Array): Hash => sha256(LEAF_PREFIX, data);

/**
 * The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
 *
 * @example
 * nodeHash(leafHash(a), leafHash(b)); // the root of the two-leaf tree [a, b]
 */
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE_PREFIX, left, right);

/**
 * The root of the empty tree: SHA-256 of no bytes.
 *
 * @example
 * toHex(emptyRoot()); // 'e3b0c442…b855'
 */
export const emptyRoot = (): Hash => sha256();

/**
 * The largest power of two strictly below n (n ≥ 2): the RFC's split point k.
 *
 * @example
 * splitPoint(5); // 4
 * splitPoint(8); // 4
 */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) over leaf hashes (end > start). */
function subtreeRoot(leaves: readonly Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leaves[start] as Hash;
  const k = splitPoint(end - start);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/**
 * The Merkle Tree Hash of a list of leaf hashes (RFC 9162 §2.1.1): the empty root for none, the leaf hash itself for
 * one, else the node hash of the roots of the first k and the remaining leaves (k the largest power of two below n).
 *
 * @example
 * rootOf([leafHash(a), leafHash(b), leafHash(c)]);
 */
export function rootOf(leafHashes: readonly Hash[]): Hash {
  return leafHashes.length === 0 ? emptyRoot() : subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** PATH(m, D[start:end]): the audit path, deepest sibling first. */
function path(leaves: readonly Hash[], m: number, start: number, end: number, out: Hash[]): void {
  if (end - start === 1) return;
  const k = splitPoint(end - start);
  if (m < k) {
    path(leaves, m, start, start + k, out);
    out.push(subtreeRoot(leaves, start + k, end));
  } else {
    path(leaves, m - k, start + k, end, out);
    out.push(subtreeRoot(leaves, start, start + k));
  }
}

/**
 * The inclusion proof (audit path, RFC 9162 §2.1.3.1) of the leaf at `index` in the tree of all `leafHashes`.
 *
 * @example
 * inclusionProof(leaves, 0); // [leaves[1], MTH(leaves[2:4]), MTH(leaves[4:8])] for 8 leaves
 */
export function inclusionProof(leafHashes: readonly Hash[], index: number): Hash[] {
  assertIndex(index, leafHashes.length);
  const out: Hash[] = [];
  path(leafHashes, index, 0, leafHashes.length, out);
  return out;
}

/** SUBPROOF(m, D[start:end], b). */
function subproof(leaves: readonly Hash[], m: number, start: number, end: number, b: boolean, out: Hash[]): void {
  const n = end - start;
  if (m === n) {
    if (!b) out.push(subtreeRoot(leaves, start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(leaves, m, start, start + k, b, out);
    out.push(subtreeRoot(leaves, start + k, end));
  } else {
    subproof(leaves, m - k, start + k, end, false, out);
    out.push(subtreeRoot(leaves, start, start + k));
  }
}

/**
 * The consistency proof (RFC 9162 §2.1.4.1) that the tree of the first `oldSize` leaves is a prefix of the tree of all
 * `leafHashes`: empty when `oldSize` is 0 or the whole list.
 *
 * @example
 * consistencyProof(leaves, 6); // proves MTH(leaves[0:6]) is a prefix of MTH(leaves)
 */
export function consistencyProof(leafHashes: readonly Hash[], oldSize: number): Hash[] {
  const newSize = leafHashes.length;
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `old tree size ${oldSize} is not between 0 and ${newSize}`);
  }
  const out: Hash[] = [];
  if (oldSize > 0 && oldSize < newSize) subproof(leafHashes, oldSize, 0, newSize, true, out);
  return out;
}

/**
 * What an inclusion check proved: the leaf at `index` is in the tree of `treeSize` leaves with root `root`.
 *
 * @example
 * const { index, treeSize } = verifyInclusion(claim);
 */
export interface InclusionVerified {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: Hash;
  readonly root: Hash;
}

/**
 * An inclusion claim: a leaf hash, its index, the tree size and root it claims to be in, and the audit path.
 *
 * @example
 * const claim: InclusionClaim = { index: 5, treeSize: 8, leafHash, proof, root };
 */
export interface InclusionClaim {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: Hash;
  readonly proof: readonly Hash[];
  readonly root: Hash;
}

/**
 * The root an audit path leads to from a leaf (RFC 9162 §2.1.3.2 steps 1–4), or `undefined` when the path cannot
 * belong to a tree of that size (too long or too short). Throws `TLOG_*` validation errors for a malformed claim.
 *
 * @example
 * equalHashes(rootFromInclusionProof(claim) ?? new Uint8Array(), claim.root);
 */
export function rootFromInclusionProof(claim: Omit<InclusionClaim, 'root'>): Hash | undefined {
  assertIndex(claim.index, claim.treeSize);
  assertHash(claim.leafHash, 'leafHash');
  assertProof(claim.proof);
  let fn = claim.index;
  let sn = claim.treeSize - 1;
  let r = claim.leafHash;
  for (const p of claim.proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/**
 * Verify an inclusion proof (RFC 9162 §2.1.3.2). Returns what it proved, or throws `TLOG_INCLUSION_PROOF_INVALID`
 * (unprocessable) when the path does not lead to the root; a malformed claim (index not below the size, a hash not
 * 32 bytes) is a `TLOG_*` validation error.
 *
 * @example
 * verifyInclusion({ index: 0, treeSize: 1, leafHash: h, proof: [], root: h }); // { index: 0, treeSize: 1, … }
 */
export function verifyInclusion(claim: InclusionClaim): InclusionVerified {
  assertHash(claim.root, 'root');
  const root = rootFromInclusionProof(claim);
  if (root === undefined || !equalHashes(root, claim.root)) {
    throw new UnprocessableError(
      'TLOG_INCLUSION_PROOF_INVALID',
      `the proof does not place leaf ${claim.index} in the tree of size ${claim.treeSize} with this root`,
      { index: claim.index, treeSize: claim.treeSize },
    );
  }
  return { index: claim.index, treeSize: claim.treeSize, leafHash: claim.leafHash, root: claim.root };
}

/**
 * A consistency claim: the tree of `oldSize` leaves with `oldRoot` is a prefix of the tree of `newSize` leaves with
 * `newRoot`, and `proof` shows it.
 *
 * @example
 * const claim: ConsistencyClaim = { oldSize: 6, oldRoot, newSize: 8, newRoot, proof };
 */
export interface ConsistencyClaim {
  readonly oldSize: number;
  readonly oldRoot: Hash;
  readonly newSize: number;
  readonly newRoot: Hash;
  readonly proof: readonly Hash[];
}

/**
 * What a consistency check proved.
 *
 * @example
 * const { oldSize, newSize } = verifyConsistency(claim);
 */
export interface ConsistencyVerified {
  readonly oldSize: number;
  readonly oldRoot: Hash;
  readonly newSize: number;
  readonly newRoot: Hash;
}

/**
 * Verify a consistency proof (RFC 9162 §2.1.4.2). Equal sizes are consistent only with an empty proof and equal roots
 * (two roots of one size are a fork); size 0 only with an empty proof and the empty tree's root. Returns what it
 * proved, or throws `TLOG_CONSISTENCY_PROOF_INVALID` (unprocessable); sizes out of order or a hash not 32 bytes is a
 * `TLOG_*` validation error.
 *
 * @example
 * verifyConsistency({ oldSize: 6, oldRoot, newSize: 8, newRoot, proof: consistencyProof(leaves, 6) });
 */
export function verifyConsistency(claim: ConsistencyClaim): ConsistencyVerified {
  const { oldSize, newSize, oldRoot, newRoot, proof } = claim;
  assertSize(oldSize, 'oldSize');
  assertSize(newSize, 'newSize');
  if (oldSize > newSize) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `old tree size ${oldSize} exceeds new tree size ${newSize}`);
  }
  assertHash(oldRoot, 'oldRoot');
  assertHash(newRoot, 'newRoot');
  assertProof(proof);
  if (!consistent(claim)) {
    throw new UnprocessableError(
      'TLOG_CONSISTENCY_PROOF_INVALID',
      `the proof does not show the tree of size ${oldSize} is a prefix of the tree of size ${newSize}`,
      { oldSize, newSize },
    );
  }
  return { oldSize, oldRoot, newSize, newRoot };
}

function consistent({ oldSize, newSize, oldRoot, newRoot, proof }: ConsistencyClaim): boolean {
  if (oldSize === 0) return proof.length === 0 && equalHashes(oldRoot, emptyRoot());
  if (oldSize === newSize) return proof.length === 0 && equalHashes(oldRoot, newRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Hash;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHashes(fr, oldRoot) && equalHashes(sr, newRoot);
}

/**
 * Whether two hashes are the same bytes.
 *
 * @example
 * equalHashes(rootOf(leaves), checkpoint.root); // true when the tiles match the checkpoint
 */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const half = (n: number): number => Math.floor(n / 2);
const isPowerOfTwo = (n: number): boolean => n > 0 && splitPoint(n * 2) === n;

function assertSize(size: number, field: string): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new ValidationError('TLOG_TREE_SIZE_INVALID', `${field} must be a non-negative integer`, [
      { field, message: 'not a tree size' },
    ]);
  }
}

/**
 * Refuse a tree size that is not a non-negative safe integer (`TLOG_TREE_SIZE_INVALID`) and a leaf index that is not
 * an integer below it (`TLOG_INDEX_OUT_OF_RANGE`): the checks every inclusion proof makes, shared so proofs read from
 * tiles refuse exactly what {@link inclusionProof} refuses.
 *
 * @example
 * assertIndex(8, 8); // throws TLOG_INDEX_OUT_OF_RANGE
 */
export function assertIndex(index: number, treeSize: number): void {
  assertSize(treeSize, 'treeSize');
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new ValidationError('TLOG_INDEX_OUT_OF_RANGE', `leaf index ${index} is not in a tree of size ${treeSize}`, [
      { field: 'index', message: `must be below ${treeSize}` },
    ]);
  }
}

function assertHash(hash: Uint8Array, field: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new ValidationError('TLOG_HASH_LENGTH', `${field} is not a ${HASH_SIZE}-byte SHA-256 hash`, [
      { field, message: `must be ${HASH_SIZE} bytes` },
    ]);
  }
}

function assertProof(proof: readonly Hash[]): void {
  for (const [i, p] of proof.entries()) assertHash(p, `proof.${i}`);
}
