import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CounterStream } from '../../../../lambdas/domain/supervision/random-stream';

/** Block c of a stream, written out by hand from the specification (not through the module's encoding helpers). */
function specBlock(seed: Uint8Array, label: string, counter: number): Buffer {
  const labelBytes = Buffer.from(label, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(labelBytes.length);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(counter);
  return createHash('sha256').update(seed).update(length).update(labelBytes).update(c).digest();
}

describe('CounterStream', () => {
  it('reads SHA-256(seed ‖ text(label) ‖ u32(counter)) as big-endian words, block after block', () => {
    // Prepare
    const seed = new Uint8Array(32).fill(7);
    const expected = [0, 1].flatMap((c) => {
      const block = specBlock(seed, 'shuffle', c);
      return Array.from({ length: 8 }, (_, w) => block.readUInt32BE(w * 4));
    });

    // Act
    const stream = new CounterStream(seed, 'shuffle');
    const words = Array.from({ length: 16 }, () => stream.word());

    // Assess
    expect(words).toEqual(expected);
  });

  it('matches the documented vector of the all-zero seed', () => {
    // Act
    const stream = new CounterStream(new Uint8Array(32), 'shuffle');

    // Assess
    expect([stream.word(), stream.word(), stream.below(10), stream.below(3)]).toEqual([2978690318, 1564982883, 4, 0]);
  });

  it('gives streams with different labels different words', () => {
    // Act
    const seed = new Uint8Array(32);

    // Assess
    expect(new CounterStream(seed, 'shuffle').word()).not.toBe(new CounterStream(seed, 'assign').word());
  });

  it('rejects words at or above the limit instead of folding them (no modulo bias)', () => {
    // Prepare: n = 3·2³⁰ leaves limit = 3·2³⁰; words ≥ limit (about 1 in 4) must be skipped, never returned mod n
    const seed = new Uint8Array(32).fill(1);
    const n = 3 * 2 ** 30;
    const words = new CounterStream(seed, 'assign');
    const draws = new CounterStream(seed, 'assign');
    const raw = Array.from({ length: 400 }, () => words.word());
    const accepted = raw.filter((x) => x < n);

    // Act
    const results = accepted.slice(0, 100).map(() => draws.below(n));

    // Assess: exactly the accepted words, in order — rejected ones consumed and dropped
    expect(raw.some((x) => x >= n)).toBe(true);
    expect(results).toEqual(accepted.slice(0, 100));
  });

  it('reads a word even for below(1), which is always 0', () => {
    // Prepare
    const a = new CounterStream(new Uint8Array(32), 'x');
    const b = new CounterStream(new Uint8Array(32), 'x');

    // Act
    a.below(1);

    // Assess
    b.word();
    expect(a.word()).toBe(b.word());
  });

  it('refuses a bound outside 1 … 2³²', () => {
    const stream = new CounterStream(new Uint8Array(32), 'x');
    expect(() => stream.below(0)).toThrow(RangeError);
    expect(() => stream.below(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => stream.below(1.5)).toThrow(RangeError);
  });
});
