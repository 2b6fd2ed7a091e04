/**
 * 计数器随机流 — the SHA-256 counter stream the draw takes its random numbers from (`docs/supervision-draw.md` §5).
 *
 * Block `c` (c = 0, 1, 2, …) of the stream labelled `L` is `SHA-256(seed ‖ text(L) ‖ u32(c))`; the stream is the
 * blocks one after another, read 4 bytes at a time as big-endian unsigned integers. A number below `n` comes by
 * **rejection**: with `limit = 2³² − (2³² mod n)`, a word `x ≥ limit` is thrown away and the next word read; else the
 * number is `x mod n`. Every residue then has exactly `limit / n` words behind it: no modulo bias.
 */
import { concat, sha256, text, u32 } from '../encoding';

const TWO_POW_32 = 2 ** 32;

/**
 * A deterministic stream of uniform integers from a 32-byte seed and a label.
 *
 * @example
 * const stream = new CounterStream(seed, 'shuffle');
 * stream.below(10); // 0–9, the same for the same seed and label every time
 */
export class CounterStream {
  readonly #prefix: Uint8Array;
  #block: Uint8Array = new Uint8Array(0);
  #offset = 0;
  #counter = 0;

  constructor(seed: Uint8Array, label: string) {
    this.#prefix = concat(seed, text(label));
  }

  /**
   * The next 32-bit word of the stream.
   *
   * @example
   * new CounterStream(seed, 'shuffle').word(); // 0 … 2³² − 1
   */
  word(): number {
    if (this.#offset + 4 > this.#block.length) {
      this.#block = sha256(this.#prefix, u32(this.#counter));
      this.#counter += 1;
      this.#offset = 0;
    }
    const at = this.#offset;
    this.#offset += 4;
    const b = this.#block;
    return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
  }

  /**
   * A uniform integer in `[0, n)` (1 ≤ n ≤ 2³²), by rejection sampling.
   *
   * @example
   * new CounterStream(seed, 'assign').below(6); // 0 … 5
   */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`below(${n}): need 1 ≤ n ≤ 2^32`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.word();
      if (x < limit) return x % n;
    }
  }
}
