/**
 * Licence numbers of provincially issued production licences: `(鄂)XK13-001-00001` — the province abbreviation in
 * brackets, `XK`, the two-digit category (industry) code, the three-digit product code of the product the certificate
 * was first issued for, and a five-digit serial allocated per (category, product) sequence and never reused.
 *
 * **URL-safe form:** `42-XK13-001-00001` — the province's GB/T 2260 code in place of the bracketed character, all
 * ASCII, no characters that need escaping in a path or a QR alphanumeric segment. It round-trips exactly with the
 * printed form.
 *
 * **Accepted input:** either form, surrounding whitespace trimmed, after Unicode NFKC normalisation — so what a
 * Chinese IME types, full-width brackets, letters, digits and hyphens (`（鄂）ＸＫ０６－００１－０００３３`), reads as
 * `(鄂)XK06-001-00033` — and a lower-case `xk`. Nationally issued numbers (no province, `XK13-001-00001`) are refused with
 * `LICENCE_NUMBER_PROVINCE_MISSING`: Permit issues provincial licences only.
 *
 * Error codes: `LICENCE_NUMBER_FORMAT`, `LICENCE_NUMBER_PROVINCE`, `LICENCE_NUMBER_PROVINCE_MISSING`,
 * `LICENCE_NUMBER_CATEGORY_CODE`, `LICENCE_NUMBER_PRODUCT_CODE`, `LICENCE_NUMBER_SERIAL`, `SERIAL_EXHAUSTED`.
 */
import { ConflictError, type ErrorCodeOf, ValidationError } from './errors';
import { PROVINCES, type Province, provinceByAbbr, provinceByCode } from './province';

/**
 * Serials run from 1 to this; the sequence of a (category, product) pair is then exhausted.
 *
 * @example
 * z.number().int().min(1).max(MAX_SERIAL);
 */
export const MAX_SERIAL = 99_999;

/**
 * The parts of a licence number.
 *
 * @example
 * const parts: LicenceNumberParts = { province: '鄂', categoryCode: '13', productCode: '001', serial: 1 };
 */
export interface LicenceNumberParts {
  /** Province abbreviation, e.g. 鄂. */
  readonly province: string;
  /** Two digits, e.g. `13`. */
  readonly categoryCode: string;
  /** Three digits, e.g. `001`. */
  readonly productCode: string;
  /** 1 … 99 999. */
  readonly serial: number;
}

/**
 * The canonical forms as an ECMAScript regular expression (`u` flag): the printed form with half-width brackets, or the
 * URL-safe form, every part in range (a known province, category 01–99, product 001–999, serial 00001–99999). What
 * the OpenAPI document states for a licence number in a request: every match parses, and the parser
 * reads more besides (full-width forms as an IME types them, a lower-case `xk`, surrounding spaces).
 *
 * @example
 * new RegExp(LICENCE_NUMBER_PATTERN, 'u').test('42-XK06-001-00001'); // true
 */
export const LICENCE_NUMBER_PATTERN = ((): string => {
  // `digits` digits, not all zero: leading zeros, a non-zero digit, then any digits (`0[1-9]|[1-9]\d` for two).
  const nonZero = (digits: number): string => {
    const form = (zeros: number) => `${'0'.repeat(zeros)}[1-9]${'\\d'.repeat(digits - 1 - zeros)}`;
    return Array.from({ length: digits }, (_, zeros) => form(zeros)).join('|');
  };
  const rest = `XK(?:${nonZero(2)})-(?:${nonZero(3)})-(?:${nonZero(5)})`;
  const abbrs = PROVINCES.map((p) => p.abbr).join('');
  const codes = PROVINCES.map((p) => p.code).join('|');
  return `^(?:\\([${abbrs}]\\)|(?:${codes})-)${rest}$`;
})();

const PRINTED = /^[(（](?<province>[^)）]*)[)）](?<rest>.*)$/u;
const URL_SAFE = /^(?<code>\d{2})-(?<rest>XK.*)$/u;
const REST = /^XK(?<category>[^-]*)-(?<product>[^-]*)-(?<serial>.*)$/u;

function fail(code: ErrorCodeOf<'invalid'>, message: string, field: string, detail: string): never {
  throw new ValidationError(code, message, [{ field, message: detail }]);
}

function checkParts(parts: LicenceNumberParts, field: string): Province {
  const province = provinceByAbbr(parts.province);
  if (!province) {
    fail('LICENCE_NUMBER_PROVINCE', 'unknown province abbreviation in licence number', field, `"${parts.province}"`);
  }
  if (!/^\d{2}$/.test(parts.categoryCode) || parts.categoryCode === '00') {
    fail('LICENCE_NUMBER_CATEGORY_CODE', 'the category code after XK is two digits, not 00', field, parts.categoryCode);
  }
  if (!/^\d{3}$/.test(parts.productCode) || parts.productCode === '000') {
    fail('LICENCE_NUMBER_PRODUCT_CODE', 'the product code is three digits, not 000', field, parts.productCode);
  }
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial > MAX_SERIAL) {
    fail('LICENCE_NUMBER_SERIAL', 'the serial is five digits from 00001 to 99999', field, String(parts.serial));
  }
  return province;
}

/**
 * A licence number value object. Compare with {@link LicenceNumber.equals} or by {@link LicenceNumber.toString}.
 *
 * @example
 * const no = LicenceNumber.of({ province: '鄂', categoryCode: '13', productCode: '001', serial: 42 });
 * no.toString(); // '(鄂)XK13-001-00042'
 * no.toUrlSafe(); // '42-XK13-001-00042'
 */
export class LicenceNumber implements LicenceNumberParts {
  private constructor(
    readonly province: string,
    /** GB/T 2260 code of the province. */
    readonly provinceCode: string,
    readonly categoryCode: string,
    readonly productCode: string,
    readonly serial: number,
  ) {
    Object.freeze(this);
  }

  /**
   * Build from parts; throws the part's error code when a part is invalid.
   *
   * @example
   * LicenceNumber.of({ province: '鄂', categoryCode: '13', productCode: '001', serial: 1 });
   */
  static of(parts: LicenceNumberParts, field = 'licenceNo'): LicenceNumber {
    const province = checkParts(parts, field);
    return new LicenceNumber(province.abbr, province.code, parts.categoryCode, parts.productCode, parts.serial);
  }

  /**
   * Parse the printed or the URL-safe form (see the module doc for what is normalised).
   *
   * @example
   * LicenceNumber.parse('42-XK13-001-00001').toString(); // '(鄂)XK13-001-00001'
   * // full-width, as an IME types it: '（鄂）ＸＫ１３－００１－０００４２' reads as '(鄂)XK13-001-00042'
   */
  static parse(input: string, field = 'licenceNo'): LicenceNumber {
    // NFKC: full-width forms as an IME types them (（）ＸＫ０-９－) become their ASCII letters, digits and signs.
    const text = String(input).normalize('NFKC').trim();
    const printed = PRINTED.exec(text)?.groups;
    const urlSafe = printed ? undefined : URL_SAFE.exec(text.toUpperCase())?.groups;
    let province: string | undefined;
    let rest: string | undefined;
    if (printed) {
      province = printed.province;
      rest = printed.rest;
    } else if (urlSafe) {
      province = provinceByCode(urlSafe.code ?? '')?.abbr;
      if (!province)
        fail('LICENCE_NUMBER_PROVINCE', 'unknown province code in licence number', field, `${urlSafe.code}`);
      rest = urlSafe.rest;
    } else if (/^XK/iu.test(text)) {
      fail(
        'LICENCE_NUMBER_PROVINCE_MISSING',
        'licence number has no province: nationally issued numbers are not issued here',
        field,
        'expected (省)XK##-###-##### with a province abbreviation',
      );
    }
    const groups = REST.exec(rest?.replace(/^xk/iu, 'XK') ?? '')?.groups;
    if (province === undefined || !groups) {
      fail(
        'LICENCE_NUMBER_FORMAT',
        'licence number must look like (鄂)XK13-001-00001 or 42-XK13-001-00001',
        field,
        `"${input}" is not a licence number`,
      );
    }
    const serial = groups.serial ?? '';
    if (!/^\d{5}$/u.test(serial)) {
      fail('LICENCE_NUMBER_SERIAL', 'the serial is five digits from 00001 to 99999', field, `"${serial}"`);
    }
    return LicenceNumber.of(
      { province, categoryCode: groups.category ?? '', productCode: groups.product ?? '', serial: Number(serial) },
      field,
    );
  }

  /**
   * Whether `input` parses as a licence number.
   *
   * @example
   * LicenceNumber.isValid('(鄂)XK13-001-00000'); // false: serials start at 00001
   */
  static isValid(input: string): boolean {
    try {
      LicenceNumber.parse(input);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The key of the serial sequence a number is drawn from: one sequence per province, category and product code.
   *
   * @example
   * LicenceNumber.sequenceKey({ province: '鄂', categoryCode: '13', productCode: '001' }); // '42-XK13-001'
   */
  static sequenceKey(parts: Omit<LicenceNumberParts, 'serial'>): string {
    const { provinceCode, categoryCode, productCode } = LicenceNumber.of({ ...parts, serial: 1 });
    return `${provinceCode}-XK${categoryCode}-${productCode}`;
  }

  /**
   * The five-digit serial as printed.
   *
   * @example
   * LicenceNumber.of({ province: '鄂', categoryCode: '13', productCode: '001', serial: 42 }).serialText; // '00042'
   */
  get serialText(): string {
    return String(this.serial).padStart(5, '0');
  }

  /**
   * The printed form with half-width brackets: `(鄂)XK13-001-00042`.
   *
   * @example
   * `${licenceNumber}`;
   */
  toString(): string {
    return `(${this.province})XK${this.categoryCode}-${this.productCode}-${this.serialText}`;
  }

  /**
   * The URL-safe ASCII form: `42-XK13-001-00042`.
   *
   * @example
   * `${baseUrl}/v/${licenceNumber.toUrlSafe()}`;
   */
  toUrlSafe(): string {
    return `${this.provinceCode}-XK${this.categoryCode}-${this.productCode}-${this.serialText}`;
  }

  /**
   * Same as {@link toString}, so JSON carries the printed form.
   *
   * @example
   * JSON.stringify({ licenceNo }); // '{"licenceNo":"(鄂)XK13-001-00042"}'
   */
  toJSON(): string {
    return this.toString();
  }

  /**
   * Value equality.
   *
   * @example
   * printed.equals(urlSafe); // true: '(鄂)XK13-001-00042' and '42-XK13-001-00042' read as one licence
   */
  equals(other: LicenceNumber): boolean {
    return this.toString() === other.toString();
  }
}

/**
 * The serial after `last` in a sequence (1 for an empty sequence). Throws `ConflictError` `SERIAL_EXHAUSTED` after
 * 99 999. Storage applies it atomically; this is only the rule.
 *
 * @example
 * nextSerial(undefined); // 1
 * nextSerial(41); // 42
 */
export function nextSerial(last: number | undefined): number {
  const next = (last ?? 0) + 1;
  if (!Number.isInteger(next) || next < 1) {
    throw new ValidationError('LICENCE_NUMBER_SERIAL', 'the last serial must be a whole number from 1', [
      { field: 'serial', message: String(last) },
    ]);
  }
  if (next > MAX_SERIAL) {
    throw new ConflictError('SERIAL_EXHAUSTED', `all ${MAX_SERIAL} serials of this sequence are used`, { last });
  }
  return next;
}
