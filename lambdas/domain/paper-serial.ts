/**
 * Paper serial (证书印制编号): a number for each printed copy of a certificate, new for every version and for every
 * reissued copy (补领), so a lost or superseded sheet can be told apart from the current one.
 *
 * **Format:** 11 digits — the Asia/Shanghai year of allocation, then a 7-digit sequence that restarts each year:
 * `20260000001`. Allocation (an atomic counter per year) is a storage concern; {@link PaperSerial.next} is the rule.
 *
 * Error codes: `PAPER_SERIAL_FORMAT`, `PAPER_SERIAL_EXHAUSTED`.
 */
import { ConflictError, ValidationError } from './errors';

/**
 * Sequence numbers run from 1 to this within a year.
 *
 * @example
 * PaperSerial.of(2026, MAX_PAPER_SEQUENCE).toString(); // '20269999999'
 */
export const MAX_PAPER_SEQUENCE = 9_999_999;

/**
 * A paper serial value object.
 *
 * @example
 * const serial = PaperSerial.parse('20260000001');
 * serial.year; // 2026
 * PaperSerial.next(serial, 2026).toString(); // '20260000002'
 */
export class PaperSerial {
  private constructor(
    readonly year: number,
    readonly sequence: number,
  ) {
    Object.freeze(this);
  }

  /**
   * Build from a year (1900–9999) and a sequence (1–9 999 999).
   *
   * @example
   * PaperSerial.of(2026, 1).toString(); // '20260000001'
   */
  static of(year: number, sequence: number, field = 'paperSerial'): PaperSerial {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      throw new ValidationError('PAPER_SERIAL_FORMAT', 'paper serial year must be 1900–9999', [
        { field, message: `year ${year}` },
      ]);
    }
    if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_PAPER_SEQUENCE) {
      throw new ValidationError('PAPER_SERIAL_FORMAT', `paper serial sequence must be 1–${MAX_PAPER_SEQUENCE}`, [
        { field, message: `sequence ${sequence}` },
      ]);
    }
    return new PaperSerial(year, sequence);
  }

  /**
   * Parse the 11-digit form (surrounding whitespace ignored).
   *
   * @example
   * PaperSerial.parse('20260000042').sequence; // 42
   */
  static parse(input: string, field = 'paperSerial'): PaperSerial {
    const text = input.trim();
    if (!/^\d{11}$/.test(text)) {
      throw new ValidationError('PAPER_SERIAL_FORMAT', 'a paper serial is 11 digits: year and 7-digit sequence', [
        { field, message: `"${input}"` },
      ]);
    }
    return PaperSerial.of(Number(text.slice(0, 4)), Number(text.slice(4)), field);
  }

  /**
   * The serial after `last` for an allocation in `year`: the next in the same year, or the first of a new year.
   * Throws `ConflictError` `PAPER_SERIAL_EXHAUSTED` past 9 999 999 in a year.
   *
   * @example
   * PaperSerial.next(undefined, 2026).toString(); // '20260000001'
   */
  static next(last: PaperSerial | undefined, year: number): PaperSerial {
    if (!last || last.year < year) return PaperSerial.of(year, 1);
    if (last.sequence >= MAX_PAPER_SEQUENCE) {
      throw new ConflictError('PAPER_SERIAL_EXHAUSTED', `paper serials for ${last.year} are used up`, {
        last: last.toString(),
      });
    }
    return PaperSerial.of(last.year, last.sequence + 1);
  }

  /**
   * The 11-digit form.
   *
   * @example
   * String(PaperSerial.of(2026, 7)); // '20260000007'
   */
  toString(): string {
    return `${this.year}${String(this.sequence).padStart(7, '0')}`;
  }

  /**
   * Same as {@link toString}, so JSON carries the 11 digits.
   *
   * @example
   * JSON.stringify({ paperSerial }); // '{"paperSerial":"20260000001"}'
   */
  toJSON(): string {
    return this.toString();
  }

  /**
   * Value equality.
   *
   * @example
   * a.equals(PaperSerial.parse(a.toString())); // true
   */
  equals(other: PaperSerial): boolean {
    return this.year === other.year && this.sequence === other.sequence;
  }
}
