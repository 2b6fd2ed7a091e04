import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAPER_SEQUENCE, PaperSerial } from '../../../lambdas/domain/paper-serial';

describe('PaperSerial', () => {
  it('formats as the year and a 7-digit sequence', () => {
    expect(PaperSerial.of(2026, 1).toString()).toBe('20260000001');
    expect(PaperSerial.of(2026, MAX_PAPER_SEQUENCE).toString()).toBe('20269999999');
    expect(JSON.stringify(PaperSerial.of(2027, 42))).toBe('"20270000042"');
  });

  it('parses and refuses bad input', () => {
    expect(PaperSerial.parse(' 20260000042 ')).toMatchObject({ year: 2026, sequence: 42 });
    for (const bad of ['2026000004', '202600000421', '20260000000', '18990000001', 'A0260000001']) {
      expect(() => PaperSerial.parse(bad)).toThrow(expect.objectContaining({ code: 'PAPER_SERIAL_FORMAT' }));
    }
  });

  it('allocates the next serial, restarting each year', () => {
    // Prepare
    const last = PaperSerial.of(2026, 41);

    // Act / Assess
    expect(PaperSerial.next(undefined, 2026).toString()).toBe('20260000001');
    expect(PaperSerial.next(last, 2026).toString()).toBe('20260000042');
    expect(PaperSerial.next(last, 2027).toString()).toBe('20270000001');
    expect(() => PaperSerial.next(PaperSerial.of(2026, MAX_PAPER_SEQUENCE), 2026)).toThrow(
      expect.objectContaining({ code: 'PAPER_SERIAL_EXHAUSTED', kind: 'conflict' }),
    );
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: MAX_PAPER_SEQUENCE }), (y, s) => {
        const serial = PaperSerial.of(y, s);
        expect(PaperSerial.parse(serial.toString()).equals(serial)).toBe(true);
      }),
    );
  });
});
