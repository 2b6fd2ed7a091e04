/**
 * A small transparency log in memory, for unit tests of what reads the log: entries, their tiles, a checkpoint signed
 * with a fresh Ed25519 key, and a {@link LogReader} over them (with call counts).
 *
 * @example
 * const log = await memoryLog([entryA, entryB]);
 * const reader = log.reader(); // head(), locate(key), tiles(coords)
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  ed25519KeyId,
  formatCheckpoint,
  formatVerifierKey,
  type NoteVerifier,
  signNote,
} from '../../lambdas/domain/transparency/checkpoint';
import { encodeEntry, type LogEntry } from '../../lambdas/domain/transparency/entries';
import { leafHash, rootOf } from '../../lambdas/domain/transparency/merkle';
import { tileFromLevels, tileLevels, tilePath, tilesForTreeSize } from '../../lambdas/domain/transparency/tiles';
import type { LogHead, LogReader } from '../../lambdas/ports/log-store';

export const TEST_LOG_ORIGIN = 'permit.test/log';

export interface MemoryLog {
  readonly head: LogHead;
  readonly verifier: NoteVerifier;
  readonly verifierKey: string;
  /** A reader over the log; `calls` counts its reads by method. */
  reader(): LogReader & { readonly calls: Record<'head' | 'locate' | 'tiles', number> };
}

/**
 * A log holding `entries` under keys `key-0`, `key-1`, … (or the given keys), its checkpoint covering the first
 * `published` of them (all by default).
 */
export async function memoryLog(
  entries: readonly LogEntry[],
  options: { readonly keys?: readonly string[]; readonly published?: number } = {},
): Promise<MemoryLog> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }).subarray(-32));
  const keyId = ed25519KeyId(TEST_LOG_ORIGIN, raw);
  const bytes = entries.map(encodeEntry);
  const size = options.published ?? bytes.length;
  const leaves = bytes.slice(0, size).map(leafHash);
  const root = rootOf(leaves);
  const note = await signNote(formatCheckpoint({ origin: TEST_LOG_ORIGIN, treeSize: size, root, extensions: [] }), [
    { name: TEST_LOG_ORIGIN, keyId, sign: async (m) => new Uint8Array(sign(null, m, privateKey)) },
  ]);
  const levels = tileLevels(leaves);
  const tiles = new Map(tilesForTreeSize(size).map((t) => [tilePath(t), tileFromLevels(levels, t)]));
  const head: LogHead = {
    sequenced: bytes.length,
    checkpoint: { treeSize: size, root, note, publishedAt: '2026-12-05T00:00:00.000Z' },
    verifierKey: formatVerifierKey(TEST_LOG_ORIGIN, raw),
  };
  const keys = options.keys ?? bytes.map((_, i) => `key-${i}`);
  return {
    head,
    verifier: { name: TEST_LOG_ORIGIN, keyId, verify: (m, s) => verify(null, m, publicKey, s) },
    verifierKey: formatVerifierKey(TEST_LOG_ORIGIN, raw),
    reader() {
      const calls = { head: 0, locate: 0, tiles: 0 };
      return {
        calls,
        head: async () => {
          calls.head++;
          return head;
        },
        locate: async (key) => {
          calls.locate++;
          const index = keys.indexOf(key);
          return index < 0 ? undefined : { index, entry: bytes[index] as Uint8Array };
        },
        tiles: async (coordinates) => {
          calls.tiles++;
          return new Map(
            coordinates.flatMap((c) => {
              const t = tiles.get(tilePath(c));
              return t ? [[tilePath(c), t] as const] : [];
            }),
          );
        },
      };
    },
  };
}
