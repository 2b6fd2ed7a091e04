/**
 * Compact form of a licence number for the QR: `(鄂)XK13-001-00001` → province code 42 and the ten digits
 * 1300100001. Only what the QR format needs; the licence-number value object (parsing rules, allocation) lives with
 * the certificate entity.
 */
import { ValidationError } from '../errors';
import { PROVINCES } from '../province';

/**
 * GB/T 2260 codes of the 31 provincial-level divisions, by licence-number abbreviation — derived from the one
 * province table in `../province.ts`.
 *
 * @example PROVINCE_CODES.鄂 // 42
 */
export const PROVINCE_CODES: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(PROVINCES.map((p) => [p.abbr, Number(p.code)])),
);

const PROVINCE_BY_CODE = new Map(Object.entries(PROVINCE_CODES).map(([abbr, code]) => [code, abbr]));

/** Province code 0: a nationally issued number, no province prefix. @example formatLicenceNumber({ province: NATIONAL, digits: 1300100001 }) */
export const NATIONAL = 0;

export interface PackedLicenceNumber {
  /** GB/T 2260 code, or {@link NATIONAL}. */
  readonly province: number;
  /** Category (2), product (3) and serial (5) digits as one integer below 10^10. */
  readonly digits: number;
}

const LICENCE = /^(?:[(（](\p{Script=Han})[)）])?XK(\d{2})-(\d{3})-(\d{5})$/u;

/**
 * Pack a licence number; full-width brackets are accepted.
 *
 * @example
 * packLicenceNumber('（鄂）XK13-001-00001'); // { province: 42, digits: 1300100001 }
 */
export function packLicenceNumber(licenceNo: string): PackedLicenceNumber {
  const m = LICENCE.exec(licenceNo);
  if (!m) throw claimError('licenceNo', `"${licenceNo}" is not a licence number like (鄂)XK13-001-00001`);
  const [, abbr, category, product, serial] = m;
  let province = NATIONAL;
  if (abbr !== undefined) {
    const code = PROVINCE_CODES[abbr];
    if (code === undefined) throw claimError('licenceNo', `"${abbr}" is not a province abbreviation`);
    province = code;
  }
  return { province, digits: Number(`${category}${product}${serial}`) };
}

/**
 * The canonical text of a packed licence number (half-width brackets), or `undefined` if it cannot be one.
 *
 * @example
 * formatLicenceNumber({ province: 42, digits: 1300100001 }); // '(鄂)XK13-001-00001'
 */
export function formatLicenceNumber({ province, digits }: PackedLicenceNumber): string | undefined {
  if (!Number.isInteger(digits) || digits < 0 || digits >= 1e10) return undefined;
  const abbr = province === NATIONAL ? '' : PROVINCE_BY_CODE.get(province);
  if (abbr === undefined) return undefined;
  const d = String(digits).padStart(10, '0');
  return `${abbr ? `(${abbr})` : ''}XK${d.slice(0, 2)}-${d.slice(2, 5)}-${d.slice(5)}`;
}

/**
 * Canonical text of a licence number (full-width brackets become half-width).
 *
 * @example
 * canonicalLicenceNumber('（鄂）XK13-001-00001'); // '(鄂)XK13-001-00001'
 */
export function canonicalLicenceNumber(licenceNo: string): string {
  return formatLicenceNumber(packLicenceNumber(licenceNo)) as string;
}

const claimError = (field: string, message: string) =>
  new ValidationError('QR_CLAIMS_INVALID', `cannot sign claims: ${message}`, [{ field, message }]);
