/**
 * The status list byte array against draft-ietf-oauth-status-list: its examples and test vectors decode to the
 * statuses the draft lists, building them gives the draft's byte arrays, and every malformed `lst` is refused with a
 * stable code. A DEFLATE stream is not unique: the draft's `lst` values come from another zlib build at level 9, and
 * Node's zlib reproduces the worked examples and the 2-bit and 4-bit vectors byte for byte but compresses the 1-bit
 * vector differently (to the same bytes) — so the byte arrays are compared for every vector and the `lst` text where
 * it is the same stream.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  STATUS_LIST_MAX_BYTES,
  STATUS_LIST_SIZE,
  StatusList,
} from '../../../../lambdas/domain/status-list/status-list';
import { STATUS_LIST_VECTORS } from '../../../support/status-list-vectors';
import { codeOf, issuesOf } from '../../../support/thrown';

/** Vectors whose `lst` Node's zlib reproduces exactly (see above). */
const SAME_STREAM = new Set(
  STATUS_LIST_VECTORS.map((v) => v.name).filter((name) => !name.startsWith('test vector "1-bit')),
);

const nonZeroCount = (list: StatusList): number => {
  let n = 0;
  for (let i = 0; i < list.size; i++) if (list.get(i) !== 0) n++;
  return n;
};

describe('the draft’s examples and test vectors', () => {
  for (const vector of STATUS_LIST_VECTORS) {
    it(`decodes ${vector.name}: the statuses it lists, every other entry 0`, () => {
      // Act
      const list = StatusList.decode(vector.lst, vector.bits);

      // Assess
      expect(list.size).toBe(vector.size);
      for (const { index, status } of vector.entries) expect(list.get(index), `index ${index}`).toBe(status);
      expect(nonZeroCount(list)).toBe(vector.entries.filter((e) => e.status !== 0).length);
    });

    it(`encodes ${vector.name} to the draft’s byte array${SAME_STREAM.has(vector.name) ? ' and lst' : ''}`, () => {
      // Act
      const list = StatusList.fromEntries(vector.size, vector.entries, vector.bits);
      const lst = list.encode();

      // Assess
      if (vector.bytesHex) expect(Buffer.from(list.bytes()).toString('hex')).toBe(vector.bytesHex);
      expect(list.bytes()).toEqual(StatusList.decode(vector.lst, vector.bits).bytes());
      expect(StatusList.decode(lst, vector.bits).bytes()).toEqual(list.bytes());
      if (SAME_STREAM.has(vector.name)) expect(list.toJSON()).toEqual({ bits: vector.bits, lst: vector.lst });
    });
  }
});

describe('building a list', () => {
  it('packs 2-bit entries from the least significant bit up, a later pair for an index winning', () => {
    // Act
    const list = StatusList.fromEntries(8, [
      { index: 0, status: 3 },
      { index: 3, status: 1 },
      { index: 5, status: 2 },
      { index: 0, status: 1 },
    ]);

    // Assess
    expect([...list.bytes()]).toEqual([0b01_00_00_01, 0b00_00_10_00]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => list.get(i))).toEqual([1, 0, 0, 1, 0, 2, 0, 0]);
  });

  it('builds Permit’s full-size list: 131,072 entries in 32 KiB, all valid when nothing is set', () => {
    // Act
    const list = StatusList.fromEntries(STATUS_LIST_SIZE, []);

    // Assess
    expect(STATUS_LIST_SIZE).toBe(131_072);
    expect(list.bits).toBe(2);
    expect(list.size).toBe(131_072);
    expect(list.bytes().length).toBe(32_768);
    expect(StatusList.decode(list.encode(), 2).bytes()).toEqual(new Uint8Array(32_768));
  });

  it.each([
    ['an index past the end', 8, { index: 8, status: 1 }, 'index'],
    ['a negative index', 8, { index: -1, status: 1 }, 'index'],
    ['a fractional index', 8, { index: 1.5, status: 1 }, 'index'],
    ['a status too wide for 2 bits', 8, { index: 1, status: 4 }, 'status'],
    ['a negative status', 8, { index: 1, status: -1 }, 'status'],
    ['a size that does not fill whole bytes', 6, { index: 1, status: 1 }, 'size'],
    ['a size of zero', 0, { index: 0, status: 1 }, 'size'],
  ])('refuses %s with STATUS_LIST_ENTRY_INVALID', (_name, size, entry, field) => {
    // Act
    const thrown = issuesOf(() => StatusList.fromEntries(size, [entry]));

    // Assess
    expect(thrown).toEqual({ code: 'STATUS_LIST_ENTRY_INVALID', fields: [field] });
  });

  it('refuses a number of bits the draft does not allow', () => {
    // Act
    const thrown = issuesOf(() => StatusList.fromEntries(8, [], 3 as never));

    // Assess
    expect(thrown).toEqual({ code: 'STATUS_LIST_ENTRY_INVALID', fields: ['status_list.bits'] });
  });
});

describe('reading an index', () => {
  const list = StatusList.fromEntries(STATUS_LIST_SIZE, [{ index: STATUS_LIST_SIZE - 1, status: 3 }]);

  it('reads the first and the last entry', () => {
    // Act
    const [first, last] = [list.get(0), list.get(STATUS_LIST_SIZE - 1)];

    // Assess
    expect([first, last]).toEqual([0, 3]);
  });

  it.each([[STATUS_LIST_SIZE], [-1], [1.5], [Number.NaN], [2 ** 53]])(
    'refuses index %s with STATUS_LIST_INDEX_OUT_OF_RANGE',
    (index) => {
      // Act
      const thrown = issuesOf(() => list.get(index));

      // Assess
      expect(thrown).toEqual({ code: 'STATUS_LIST_INDEX_OUT_OF_RANGE', fields: ['index'] });
    },
  );
});

describe('decoding a malformed lst', () => {
  const valid = StatusList.fromEntries(16, [{ index: 3, status: 2 }]).encode();

  it.each([
    ['padded base64', `${valid}=`],
    ['standard base64 characters', `${valid.slice(0, -1)}+`],
    ['an impossible base64url length', `${valid}A`],
    ['a truncated stream', valid.slice(0, -4)],
    [
      'raw DEFLATE without the ZLIB header',
      deflateSync(new Uint8Array(4), { level: 9 }).subarray(2).toString('base64url'),
    ],
    [
      'a stream whose Adler-32 does not match',
      (() => {
        const bytes = Buffer.from(valid, 'base64url');
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
        return bytes.toString('base64url');
      })(),
    ],
    ['an empty list', deflateSync(new Uint8Array(0)).toString('base64url')],
    ['nothing', ''],
  ])('refuses %s with STATUS_LIST_MALFORMED', (_name, lst) => {
    // Act
    const code = codeOf(() => StatusList.decode(lst, 2));

    // Assess
    expect(code).toBe('STATUS_LIST_MALFORMED');
  });

  it('refuses a small lst that inflates past the cap, without inflating it all', () => {
    // Prepare: 64 MiB of zeros deflate to about 64 KiB
    const bomb = deflateSync(Buffer.alloc(64 * STATUS_LIST_MAX_BYTES), { level: 9 }).toString('base64url');

    // Act
    const thrown = issuesOf(() => StatusList.decode(bomb, 2));

    // Assess
    expect(bomb.length).toBeLessThan(STATUS_LIST_MAX_BYTES);
    expect(thrown).toEqual({ code: 'STATUS_LIST_MALFORMED', fields: ['status_list.lst'] });
  });

  it('accepts a list of exactly the cap', () => {
    // Prepare
    const lst = deflateSync(Buffer.alloc(STATUS_LIST_MAX_BYTES)).toString('base64url');

    // Act
    const list = StatusList.decode(lst, 8);

    // Assess
    expect(list.size).toBe(STATUS_LIST_MAX_BYTES);
  });

  it('refuses bits other than 1, 2, 4 or 8', () => {
    // Act
    const code = codeOf(() => StatusList.decode(valid, 3));

    // Assess
    expect(code).toBe('STATUS_LIST_MALFORMED');
  });
});
