/**
 * The Token Status List encoding examples and test vectors of draft-ietf-oauth-status-list (the working group's
 * repository, `draft-ietf-oauth-status-list.md` and its `examples/`, as of its commit 2fb61cd), taken out of the draft
 * by a script rather than typed: the statuses set (every other entry is 0), the list size, the uncompressed bytes
 * where the draft prints them, and the `lst` value.
 *
 * @example
 * for (const v of STATUS_LIST_VECTORS) expect(StatusList.decode(v.lst, v.bits).get(v.entries[0].index)).toBe(…);
 */
import type { StatusEntry, StatusListBits } from '../../lambdas/domain/status-list/status-list';

export interface StatusListVector {
  readonly name: string;
  readonly bits: StatusListBits;
  readonly size: number;
  readonly entries: readonly StatusEntry[];
  /** The uncompressed byte array in hex, where the draft prints it. */
  readonly bytesHex?: string;
  readonly lst: string;
}

export const STATUS_LIST_VECTORS: readonly StatusListVector[] = [
  {
    name: 'the 1-bit example (section "Compressed Byte Array")',
    bits: 1,
    size: 16,
    entries: [
      { index: 0, status: 1 },
      { index: 1, status: 0 },
      { index: 2, status: 0 },
      { index: 3, status: 1 },
      { index: 4, status: 1 },
      { index: 5, status: 1 },
      { index: 6, status: 0 },
      { index: 7, status: 1 },
      { index: 8, status: 1 },
      { index: 9, status: 1 },
      { index: 10, status: 0 },
      { index: 11, status: 0 },
      { index: 12, status: 0 },
      { index: 13, status: 1 },
      { index: 14, status: 0 },
      { index: 15, status: 1 },
    ],
    bytesHex: 'b9a3',
    lst: 'eNrbuRgAAhcBXQ',
  },
  {
    name: 'the 2-bit example (section "Compressed Byte Array")',
    bits: 2,
    size: 12,
    entries: [
      { index: 0, status: 1 },
      { index: 1, status: 2 },
      { index: 2, status: 0 },
      { index: 3, status: 3 },
      { index: 4, status: 0 },
      { index: 5, status: 1 },
      { index: 6, status: 0 },
      { index: 7, status: 1 },
      { index: 8, status: 1 },
      { index: 9, status: 2 },
      { index: 10, status: 3 },
      { index: 11, status: 3 },
    ],
    bytesHex: 'c944f9',
    lst: 'eNo76fITAAPfAgc',
  },
  {
    name: 'test vector "1-bit Status List"',
    bits: 1,
    size: 2 ** 20,
    entries: [
      { index: 0, status: 1 },
      { index: 1993, status: 1 },
      { index: 25460, status: 1 },
      { index: 159495, status: 1 },
      { index: 495669, status: 1 },
      { index: 554353, status: 1 },
      { index: 645645, status: 1 },
      { index: 723232, status: 1 },
      { index: 854545, status: 1 },
      { index: 934534, status: 1 },
      { index: 1000345, status: 1 },
    ],
    lst: [
      'eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogEAAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAAA7KpLAAAAAAAAAAAAAAAAAAAA',
      'AJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAAACAZC8L2AEb',
    ].join(''),
  },
  {
    name: 'test vector "2-bit Status List"',
    bits: 2,
    size: 2 ** 20,
    entries: [
      { index: 0, status: 1 },
      { index: 1993, status: 2 },
      { index: 25460, status: 1 },
      { index: 159495, status: 3 },
      { index: 495669, status: 1 },
      { index: 554353, status: 1 },
      { index: 645645, status: 2 },
      { index: 723232, status: 1 },
      { index: 854545, status: 1 },
      { index: 934534, status: 2 },
      { index: 1000345, status: 3 },
    ],
    lst: [
      'eNrt2zENACEQAEEuoaBABP5VIO01fCjIHTMStt9ovGVIAAAAAABAbiEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEB5',
      'WwIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAID0ugQAAAAAAAAAAAAAAAAAQG12SgAAAAAAAAAAAAAAAAAAAAAAAAAAAOCSIQEAAAAAAAAAAAAAAAAAAAAAAAD8ExIA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwJEuAQAAAAAAAAAAAAAAAAAAAAAAAMB9SwIAAAAAAAAAAAAAAAAAAACoYUoA',
      'AAAAAAAAAAAAAEBqH81gAQw',
    ].join(''),
  },
  {
    name: 'test vector "4-bit Status List"',
    bits: 4,
    size: 2 ** 20,
    entries: [
      { index: 0, status: 1 },
      { index: 1993, status: 2 },
      { index: 35460, status: 3 },
      { index: 459495, status: 4 },
      { index: 595669, status: 5 },
      { index: 754353, status: 6 },
      { index: 845645, status: 7 },
      { index: 923232, status: 8 },
      { index: 924445, status: 9 },
      { index: 934534, status: 10 },
      { index: 1004534, status: 11 },
      { index: 1000345, status: 12 },
      { index: 1030203, status: 13 },
      { index: 1030204, status: 14 },
      { index: 1030205, status: 15 },
    ],
    lst: [
      'eNrt0EENgDAQADAIHwImkIIEJEwCUpCEBBQRHOy35Li1EjoOQGabAgAAAAAAAAAAAAAAAAAAACC1SQEAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABADrsCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADoxaEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIIoCgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'AAAAAAAAAACArpwKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAGhqVkAzlwIAAAAAiGVRAAAAAAAAAAAAAAAA',
      'AAAAAAAAAAAAAAAAAAAAAAAAAABx3AoAgLpVAQAAAAAAAAAAAAAAwM89rwMAAAAAAAAAAAjsA9xMBMA',
    ].join(''),
  },
];
