/**
 * Postal address (邮寄地址) of a paper certificate: recipient, mainland phone number, address, 6-digit postcode.
 * Shared by applications (where the enterprise asks for a paper copy) and dispatch (where the parcel is mailed).
 *
 * Addresses are **personal data**: never on public routes, and only {@link maskAddress}ed in logs.
 *
 * Phone numbers are normalised: mobiles to 11 digits (`13812345678`; a `+86`/`86` prefix, spaces and dashes are
 * dropped), landlines to `area-number[-extension]` (`027-87654321-123`). Area codes beginning `01`/`02` have three
 * digits (010 Beijing, 02x the big cities), all others four; the local number has 7–8 digits and never begins with
 * 0 or 1; an extension (1–6 digits) follows `-`, `转`, `#` or `ext`.
 *
 * Error code: `INVALID_FIELDS` (every bad field named in `details.issues`, e.g. `paperCopy.address.phone`).
 */
import type { FieldIssue } from './errors';
import { cleanText, throwIfIssues } from './text';

/**
 * Limits in characters (code points). API schemas import these.
 *
 * @example
 * z.string().max(POSTAL_LIMITS.recipient);
 */
export const POSTAL_LIMITS = Object.freeze({
  recipient: 50,
  /** Province, city or district name. */
  region: 50,
  /** The street part of a structured address, and a one-line address. */
  detail: 200,
  line: 200,
});

/** A structured mainland address; `district` is optional (some prefecture-level cities have none). */
export interface StructuredAddress {
  readonly province: string;
  readonly city: string;
  readonly district?: string;
  readonly detail: string;
}

/** A validated postal address. Frozen. */
export interface PostalAddress {
  readonly recipient: string;
  /** Normalised: `13812345678` or `027-87654321[-123]`. */
  readonly phone: string;
  readonly address: StructuredAddress | { readonly line: string };
  readonly postcode: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0(?:[12]\d|[3-9]\d{2}))-?([2-9]\d{6,7})(?:(?:-|转|#|ext\.?)(\d{1,6}))?$/i;
const POSTCODE = /^\d{6}$/;

/**
 * Normalise a mainland phone number, or `undefined` when it is neither a mobile nor a landline with area code.
 *
 * @example
 * normalisePhone('+86 138-1234-5678'); // '13812345678'
 * normalisePhone('02787654321转8'); // '027-87654321-8'
 */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.normalize('NFKC').replace(/[\s()（）]/g, '');
  const mobile = compact.replace(/^\+?86(?=1)/, '').replace(/-/g, '');
  if (MOBILE.test(mobile)) return mobile;
  const landline = compact.replace(/^\+?86-?(?=[1-9])/, '0').replace(/^00/, '0');
  const m = LANDLINE.exec(landline);
  if (!m) return undefined;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validate a postal address from untrusted input. `field` prefixes every issue (e.g. `paperCopy.address`).
 * `address` is either one line (≤ 200 characters) or `{ province, city, district?, detail }`; the stored form of a
 * one-line address, `{ line }`, is accepted too, so a value read back from storage parses again.
 *
 * @example
 * const a = parsePostalAddress(
 *   { recipient: '张三', phone: '138 1234 5678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' },
 *   'paperCopy.address',
 * );
 * a.phone; // '13812345678'
 */
export function parsePostalAddress(input: unknown, field: string): PostalAddress {
  const issues: FieldIssue[] = [];
  if (!isRecord(input)) {
    throwIfIssues([{ field, message: 'must be an object with recipient, phone, address and postcode' }]);
  }
  const source = input as Record<string, unknown>;
  const recipient = cleanText(source.recipient, `${field}.recipient`, POSTAL_LIMITS.recipient, issues);

  let phone: string | undefined;
  const rawPhone = cleanText(source.phone, `${field}.phone`, 40, issues);
  if (rawPhone !== undefined) {
    phone = normalisePhone(rawPhone);
    if (!phone) {
      issues.push({
        field: `${field}.phone`,
        message:
          'must be a mainland mobile number (11 digits, 1[3-9]…) or a landline with area code, e.g. 027-87654321',
      });
    }
  }

  const address = parseAddressPart(source.address, `${field}.address`, issues);

  let postcode: string | undefined;
  const rawPostcode = cleanText(source.postcode, `${field}.postcode`, 20, issues);
  if (rawPostcode !== undefined) {
    const digits = rawPostcode.normalize('NFKC').replace(/\s/g, '');
    if (POSTCODE.test(digits)) postcode = digits;
    else issues.push({ field: `${field}.postcode`, message: 'must be 6 digits' });
  }

  throwIfIssues(issues);
  return Object.freeze({
    recipient: recipient as string,
    phone: phone as string,
    address: address as PostalAddress['address'],
    postcode: postcode as string,
  });
}

function parseAddressPart(value: unknown, field: string, issues: FieldIssue[]): PostalAddress['address'] | undefined {
  if (typeof value === 'string' || value === undefined || value === null) {
    const line = cleanText(value, field, POSTAL_LIMITS.line, issues);
    return line === undefined ? undefined : Object.freeze({ line });
  }
  if (!isRecord(value)) {
    issues.push({ field, message: 'must be one line of text or { province, city, district, detail }' });
    return undefined;
  }
  // The stored form of a one-line address (`{ line }`) reads back as it was written.
  if ('line' in value && !('province' in value)) {
    const line = cleanText(value.line, `${field}.line`, POSTAL_LIMITS.line, issues);
    return line === undefined ? undefined : Object.freeze({ line });
  }
  const before = issues.length;
  const province = cleanText(value.province, `${field}.province`, POSTAL_LIMITS.region, issues);
  const city = cleanText(value.city, `${field}.city`, POSTAL_LIMITS.region, issues);
  const district = cleanText(value.district, `${field}.district`, POSTAL_LIMITS.region, issues, { required: false });
  const detail = cleanText(value.detail, `${field}.detail`, POSTAL_LIMITS.detail, issues);
  if (issues.length > before) return undefined;
  const structured: StructuredAddress = {
    province: province as string,
    city: city as string,
    ...(district ? { district } : {}),
    detail: detail as string,
  };
  return Object.freeze(structured);
}

/**
 * The address as one line, as printed on a waybill (structured parts joined without separators, the Chinese way).
 *
 * @example
 * addressLine({ province: '湖北省', city: '武汉市', district: '洪山区', detail: '珞喻路1号' }); // '湖北省武汉市洪山区珞喻路1号'
 */
export function addressLine(address: PostalAddress['address']): string {
  if ('line' in address) return address.line;
  return `${address.province}${address.city}${address.district ?? ''}${address.detail}`;
}

/** A masked address, safe for logs. */
export interface MaskedAddress {
  readonly recipient: string;
  readonly phone: string;
  readonly address: string;
  readonly postcode: string;
}

const maskName = (name: string): string => {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 4))}`;
};

const maskPhone = (phone: string): string => {
  if (MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const [area, number] = phone.split('-');
  if (!number) return '****';
  return `${area}-****${number.slice(-4)}`;
};

const maskLine = (address: PostalAddress['address']): string => {
  if (!('line' in address)) return `${address.province}${address.city}${address.district ?? ''}****`;
  const chars = [...address.line];
  const keep = Math.min(6, Math.floor(chars.length / 3));
  return `${chars.slice(0, keep).join('')}****`;
};

/**
 * Mask an address for logs: recipient `张*`, phone `138****5678` / `027-****4321`, only the region of the address,
 * postcode's first 3 digits.
 *
 * @example
 * maskAddress(a); // { recipient: '张*', phone: '138****5678', address: '湖北省武汉市洪山区****', postcode: '430***' }
 */
export function maskAddress(a: PostalAddress): MaskedAddress {
  return {
    recipient: maskName(a.recipient),
    phone: maskPhone(a.phone),
    address: maskLine(a.address),
    postcode: `${a.postcode.slice(0, 3)}***`,
  };
}

/**
 * Rebuild a {@link PostalAddress} read back from storage (already validated when written): validates again, so a
 * damaged item fails loudly rather than mailing to a broken address.
 *
 * @example
 * const a = postalAddressFromItem(item.address);
 */
export function postalAddressFromItem(stored: unknown): PostalAddress {
  return parsePostalAddress(stored, 'address');
}
