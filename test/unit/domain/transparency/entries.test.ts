/**
 * Log entries: a fixed byte layout (checked by hand for one entry of each type), decode(encode(x)) = x for any valid
 * entry, and refusal of anything else — unknown version or type, truncation, trailing bytes, bad fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_STATUSES } from '../../../../lambdas/domain/certificate-status';
import { decodeEntry, encodeEntry, type LogEntry } from '../../../../lambdas/domain/transparency/entries';
import { codeOf } from '../../../support/thrown';

const H1 = '11'.repeat(32);
const H2 = '22'.repeat(32);
const licence = '(鄂)XK13-001-00001';
const time = '2026-05-01T02:03:04.567Z';

/** text(s) by hand: u32 big-endian length ‖ UTF-8. */
const text = (s: string): number[] => {
  const b = [...Buffer.from(s, 'utf8')];
  return [0, 0, b.length >> 8, b.length & 0xff, ...b];
};
const hash = (h: string): number[] => [...Buffer.from(h, 'hex')];

const issuance: LogEntry = {
  type: 'issuance',
  licenceNumber: licence,
  version: 3,
  qrRecordSha256: H1,
  pdfSha256: H2,
  kid: 'k1',
  time,
};
const reissue: LogEntry = { type: 'paper-reissue', licenceNumber: licence, version: 3, paperSerial: 'P0000123', time };
const status: LogEntry = {
  type: 'status-change',
  licenceNumber: licence,
  from: 'valid',
  to: 'suspended',
  time,
  reasonSha256: H1,
};

const arbText = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => s.trim() === s && s !== '');
const arbTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const arbHash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const arbStatusPair = fc
  .tuple(fc.constantFrom(...CERTIFICATE_STATUSES), fc.constantFrom(...CERTIFICATE_STATUSES))
  .filter(([a, b]) => a !== b);
const arbEntry: fc.Arbitrary<LogEntry> = fc.oneof(
  fc.record({
    type: fc.constant('issuance' as const),
    licenceNumber: arbText,
    version: fc.integer({ min: 1, max: 0xffffffff }),
    qrRecordSha256: arbHash,
    pdfSha256: arbHash,
    kid: arbText,
    time: arbTime,
  }),
  fc.record({
    type: fc.constant('paper-reissue' as const),
    licenceNumber: arbText,
    version: fc.integer({ min: 1, max: 0xffffffff }),
    paperSerial: arbText,
    time: arbTime,
  }),
  fc
    .record({ licenceNumber: arbText, pair: arbStatusPair, time: arbTime, reasonSha256: arbHash })
    .map(({ pair: [from, to], ...rest }) => ({ type: 'status-change' as const, from, to, ...rest })),
);

describe('encodeEntry', () => {
  it('lays out each type as documented: version, type, then its fields length-prefixed in order', () => {
    expect([...encodeEntry(issuance)]).toEqual([
      1,
      1,
      ...text(licence),
      0,
      0,
      0,
      3,
      ...hash(H1),
      ...hash(H2),
      ...text('k1'),
      ...text(time),
    ]);
    expect([...encodeEntry(reissue)]).toEqual([1, 2, ...text(licence), 0, 0, 0, 3, ...text('P0000123'), ...text(time)]);
    expect([...encodeEntry(status)]).toEqual([
      1,
      3,
      ...text(licence),
      ...text('valid'),
      ...text('suspended'),
      ...text(time),
      ...hash(H1),
    ]);
  });

  it('refuses bad fields', () => {
    const bad: LogEntry[] = [
      { ...issuance, version: 0 },
      { ...issuance, version: 1.5 },
      { ...issuance, qrRecordSha256: 'AB'.repeat(32) },
      { ...issuance, pdfSha256: 'ab' },
      { ...issuance, kid: '' },
      { ...issuance, licenceNumber: ' padded' },
      { ...issuance, time: '2026-05-01 02:03:04Z' },
      { ...issuance, time: '2026-13-01T02:03:04Z' },
      { ...reissue, paperSerial: '\ud800' },
      { ...status, to: 'valid' },
      { ...status, from: 'expired' as 'valid' },
    ];
    expect(bad.map((e) => codeOf(() => encodeEntry(e)))).toEqual(bad.map(() => 'TLOG_ENTRY_MALFORMED'));
  });
});

describe('decodeEntry', () => {
  it('decode(encode(x)) = x for any valid entry', () => {
    fc.assert(
      fc.property(arbEntry, (entry) => {
        expect(decodeEntry(encodeEntry(entry))).toEqual(entry);
      }),
    );
  });

  it('refuses an unknown version or type, any truncation, and trailing bytes', () => {
    // Prepare
    const bytes = encodeEntry(status);
    const cut = Array.from({ length: bytes.length }, (_, n) => bytes.slice(0, n));
    const bad = [
      Uint8Array.of(2, ...bytes.slice(1)),
      Uint8Array.of(1, 4, ...bytes.slice(2)),
      Uint8Array.of(...bytes, 0),
      Uint8Array.of(1, 2, ...text(licence), 0, 0, 0, 0, ...text('P1'), ...text(time)),
      Uint8Array.of(1, 2, ...text(licence), 0, 0, 0, 1, 0, 0, 0, 1, 0xff, ...text(time)),
      ...cut,
    ];

    // Act / Assess
    expect(bad.map((b) => codeOf(() => decodeEntry(b)))).toEqual(bad.map(() => 'TLOG_ENTRY_MALFORMED'));
  });
});
