/**
 * The Token Status List byte array of draft-ietf-oauth-status-list (section "Compressed Byte Array"): `bits` bits an
 * entry, entries packed into bytes from the least significant bit up (entry 0 in bits 0–1 of byte 0 when `bits` is
 * 2), the array compressed with DEFLATE in the ZLIB format (RFC 1950, highest level) and base64url-encoded without
 * padding as the `lst` member. Pure: node:zlib only.
 *
 * Error codes: `STATUS_LIST_ENTRY_INVALID` (building), `STATUS_LIST_MALFORMED` (decoding),
 * `STATUS_LIST_INDEX_OUT_OF_RANGE` (reading).
 */
import { deflateSync, inflateSync, constants as zlib } from 'node:zlib';
import { type ErrorCodeOf, ValidationError } from '../errors';

/** Entries in every list Permit publishes: large enough that fetching it says nothing of the licence looked up. @example new Uint8Array(STATUS_LIST_SIZE / 4) */
export const STATUS_LIST_SIZE = 131_072;
/** Bits an entry in Permit's lists (valid, revoked, suspended, cancelled). @example { bits: STATUS_LIST_BITS, lst } */
export const STATUS_LIST_BITS = 2;
/**
 * Largest decompressed array a decoder accepts (1 MiB: the draft's largest test vector, 2^20 entries of 8 bits); a
 * larger one is refused before it is allocated, so a small `lst` cannot inflate into gigabytes.
 *
 * @example STATUS_LIST_MAX_BYTES // 1_048_576
 */
export const STATUS_LIST_MAX_BYTES = 1 << 20;

/** Bits an entry, as the draft allows. @example const bits: StatusListBits = 2; */
export type StatusListBits = 1 | 2 | 4 | 8;

/** One entry to set: its index and its status value (`0 ≤ status < 2^bits`). @example { index: 4711, status: 2 } */
export interface StatusEntry {
  readonly index: number;
  readonly status: number;
}

const ALLOWED_BITS: readonly number[] = [1, 2, 4, 8];
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * A status list: `size` entries of `bits` bits, every entry not set being 0 (VALID). Immutable once built.
 *
 * @example
 * const list = StatusList.fromEntries(STATUS_LIST_SIZE, [{ index: 4711, status: 1 }]);
 * const lst = list.encode(); // 'eNrt…'
 * StatusList.decode(lst, 2).get(4711); // 1
 */
export class StatusList {
  readonly #bytes: Uint8Array;

  private constructor(
    readonly bits: StatusListBits,
    bytes: Uint8Array,
  ) {
    this.#bytes = bytes;
  }

  /**
   * Build a list of `size` entries from (index → status) pairs; a later pair for the same index wins. Throws
   * `ValidationError` `STATUS_LIST_ENTRY_INVALID` for a size that does not fill whole bytes, an index outside
   * `0..size-1` or a status that does not fit in `bits`.
   *
   * @example
   * const list = StatusList.fromEntries(131_072, [{ index: 0, status: 1 }, { index: 9, status: 2 }]);
   */
  static fromEntries(
    size: number,
    entries: Iterable<StatusEntry>,
    bits: StatusListBits = STATUS_LIST_BITS,
  ): StatusList {
    checkBits(bits, 'STATUS_LIST_ENTRY_INVALID');
    const perByte = 8 / bits;
    if (!Number.isSafeInteger(size) || size <= 0 || size % perByte !== 0 || size / perByte > STATUS_LIST_MAX_BYTES) {
      throw entryError(
        'size',
        `size ${size} is not a positive multiple of ${perByte} up to ${STATUS_LIST_MAX_BYTES * perByte}`,
      );
    }
    return new StatusList(bits, new Uint8Array(size / perByte)).with(entries);
  }

  /**
   * Decode an `lst` value (base64url of a ZLIB stream) of a list with `bits` bits an entry. Throws `ValidationError`
   * `STATUS_LIST_MALFORMED` when it is not base64url, not a complete ZLIB stream, empty, or larger than
   * {@link STATUS_LIST_MAX_BYTES} once inflated.
   *
   * @example
   * StatusList.decode('eNo76fITAAPfAgc', 2).get(3); // 3
   */
  static decode(lst: string, bits: number): StatusList {
    checkBits(bits, 'STATUS_LIST_MALFORMED');
    if (typeof lst !== 'string' || !BASE64URL.test(lst) || lst.length % 4 === 1) {
      throw malformed('status_list.lst', 'lst is not unpadded base64url');
    }
    const compressed = Buffer.from(lst, 'base64url');
    if (compressed.length > STATUS_LIST_MAX_BYTES) throw malformed('status_list.lst', 'lst is too long');
    let bytes: Buffer;
    try {
      // zlib format (RFC 1950): header and Adler-32 checked; a stream that would inflate past the cap stops there.
      bytes = inflateSync(compressed, { maxOutputLength: STATUS_LIST_MAX_BYTES });
    } catch (e) {
      const tooLarge = e instanceof RangeError; // Node's ERR_BUFFER_TOO_LARGE: maxOutputLength reached
      const message = tooLarge ? `lst inflates past ${STATUS_LIST_MAX_BYTES} bytes` : 'lst is not a ZLIB stream';
      throw new ValidationError(
        'STATUS_LIST_MALFORMED',
        `malformed status list: ${message}`,
        [{ field: 'status_list.lst', message }],
        { cause: e },
      );
    }
    if (bytes.length === 0) throw malformed('status_list.lst', 'lst holds no entries');
    return new StatusList(bits as StatusListBits, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  }

  /**
   * A copy of this list with `entries` set (a later pair for the same index wins); this list is left as it is. Throws
   * `STATUS_LIST_ENTRY_INVALID` like {@link fromEntries}.
   *
   * @example
   * const next = list.with([{ index: 4711, status: 2 }]);
   */
  with(entries: Iterable<StatusEntry>): StatusList {
    const bytes = this.#bytes.slice();
    const perByte = 8 / this.bits;
    const max = (1 << this.bits) - 1;
    for (const { index, status } of entries) {
      if (!Number.isInteger(index) || index < 0 || index >= this.size) {
        throw entryError('index', `index ${index} is not an integer in 0..${this.size - 1}`);
      }
      if (!Number.isInteger(status) || status < 0 || status > max) {
        throw entryError('status', `status ${status} at index ${index} does not fit in ${this.bits} bits`);
      }
      const at = Math.floor(index / perByte);
      const shift = (index % perByte) * this.bits;
      bytes[at] = ((bytes[at] as number) & ~(max << shift)) | (status << shift);
    }
    return new StatusList(this.bits, bytes);
  }

  /** Entries in the list (bytes × 8 / bits). @example list.size // 131072 */
  get size(): number {
    return (this.#bytes.length * 8) / this.bits;
  }

  /** The uncompressed byte array (a copy). @example list.bytes()[0] // 0xc9 */
  bytes(): Uint8Array {
    return this.#bytes.slice();
  }

  /**
   * The status value at `index`. Throws `ValidationError` `STATUS_LIST_INDEX_OUT_OF_RANGE` for an index that is not
   * an integer in `0..size-1` (the draft: no statement can be made, the token is rejected).
   *
   * @example
   * list.get(4711); // 0, 1, 2 or 3
   */
  get(index: number): number {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      const message = `index ${index} is not an integer in 0..${this.size - 1}`;
      throw new ValidationError('STATUS_LIST_INDEX_OUT_OF_RANGE', `status list ${message}`, [
        { field: 'index', message },
      ]);
    }
    const perByte = 8 / this.bits;
    const shift = (index % perByte) * this.bits;
    return ((this.#bytes[Math.floor(index / perByte)] as number) >> shift) & ((1 << this.bits) - 1);
  }

  /**
   * The `lst` value: the byte array deflated at the highest level in the ZLIB format, base64url without padding.
   *
   * @example
   * StatusList.fromEntries(12, entries).encode(); // 'eNo76fITAAPfAgc' (the draft's 2-bit example)
   */
  encode(): string {
    return deflateSync(this.#bytes, { level: zlib.Z_BEST_COMPRESSION }).toString('base64url');
  }

  /** The JSON `status_list` member. @example payload.status_list = list.toJSON(); // { bits: 2, lst: '…' } */
  toJSON(): { readonly bits: StatusListBits; readonly lst: string } {
    return { bits: this.bits, lst: this.encode() };
  }
}

function checkBits(bits: number, code: ErrorCodeOf<'invalid'>): void {
  if (ALLOWED_BITS.includes(bits)) return;
  const message = `bits ${String(bits)} is not 1, 2, 4 or 8`;
  throw new ValidationError(code, `invalid status list: ${message}`, [{ field: 'status_list.bits', message }]);
}

const entryError = (field: string, message: string) =>
  new ValidationError('STATUS_LIST_ENTRY_INVALID', `invalid status list entry: ${message}`, [{ field, message }]);

const malformed = (field: string, message: string) =>
  new ValidationError('STATUS_LIST_MALFORMED', `malformed status list: ${message}`, [{ field, message }]);
