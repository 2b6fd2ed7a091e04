/**
 * AWS Signature Version 4 as S3 computes it, for the local S3 front (`s3-front.ts`): the canonical request, the
 * string to sign, the signing key and the signature, written from AWS's "Signature Calculations for the Authorization
 * Header" / "Query Parameters" pages and checked against their published examples (test/unit/lib/local/s3-sigv4.test.ts).
 *
 * S3's differences from other services are kept: the path is not normalised (no `.`/`..` removal) and each segment is
 * URI-encoded once; presigned URLs sign `UNSIGNED-PAYLOAD` unless the query names a payload hash.
 *
 * @example
 * const canonical = canonicalRequest({ method: 'GET', rawPath: '/b/k', rawQuery: '', headers, signedHeaders: ['host'], payloadHash: 'UNSIGNED-PAYLOAD' });
 * const signature = sign(secret, '20130524T000000Z', scopeOf('20130524', 'us-east-1'), canonical);
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** A request as it arrived, before any decoding: the raw path and query, and header values by lower-case name. */
export interface RequestToCanonicalise {
  readonly method: string;
  /** The path exactly as sent, still percent-encoded (`/bucket/a%20b`). */
  readonly rawPath: string;
  /** The query exactly as sent, without `?`. */
  readonly rawQuery: string;
  /** Every value of each header, by lower-case name (Node's `req.headersDistinct`). */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** Lower-case header names, in the order the signer listed them (`SignedHeaders`). */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** Leave `X-Amz-Signature` out of the canonical query (presigned URLs). */
  readonly omitSignatureParameter?: boolean;
}

/** A URI component could not be percent-decoded (a malformed escape or invalid UTF-8). */
export class MalformedUriError extends Error {
  override readonly name = 'MalformedUriError';
}

/**
 * SigV4's `UriEncode`: every byte except the unreserved `A-Z a-z 0-9 - . _ ~` as `%XY` (upper-case hex).
 *
 * @example
 * uriEncode('a b*(c)'); // 'a%20b%2A%28c%29'
 */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch (error) {
    throw new MalformedUriError(`cannot decode "${component}"`, { cause: error });
  }
}

/** Decode one raw query or path component (RFC 3986: `+` is a plus sign, not a space). */
export const decodeComponent = decode;

/**
 * The canonical URI: each path segment decoded and encoded again, so equivalent spellings (`~` and `%7E`) agree.
 *
 * @example
 * canonicalUri('/bucket/test%24file.text'); // '/bucket/test%24file.text'
 */
export function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => uriEncode(decode(segment)))
    .join('/');
}

/** The query's parameters, decoded, in the order sent; a parameter without `=` has the value `''`. */
export function parseQuery(rawQuery: string): [string, string][] {
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [decode(part), ''] : [decode(part.slice(0, at)), decode(part.slice(at + 1))];
    });
}

/**
 * The canonical query string: names and values encoded, sorted by name then value, `X-Amz-Signature` left out on
 * request.
 *
 * @example
 * canonicalQuery('prefix=J&max-keys=2'); // 'max-keys=2&prefix=J'
 */
export function canonicalQuery(rawQuery: string, omitSignatureParameter = false): string {
  return parseQuery(rawQuery)
    .filter(([name]) => !(omitSignatureParameter && name === 'X-Amz-Signature'))
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** A header's canonical value: every value trimmed, runs of spaces folded to one, joined with commas. */
function canonicalHeaderValue(values: readonly string[] | undefined): string {
  return (values ?? []).map((v) => v.replace(/[ \t]+/g, ' ').trim()).join(',');
}

/**
 * The canonical request, exactly the text whose SHA-256 the string to sign carries.
 *
 * @example
 * canonicalRequest({ method: 'GET', rawPath: '/test.txt', rawQuery: '', headers, signedHeaders, payloadHash });
 */
export function canonicalRequest(request: RequestToCanonicalise): string {
  return [
    request.method,
    canonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery, request.omitSignatureParameter),
    ...request.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}`),
    '',
    request.signedHeaders.join(';'),
    request.payloadHash,
  ].join('\n');
}

/** `20130524/us-east-1/s3/aws4_request` */
export const scopeOf = (shortDate: string, region: string, service = 's3'): string =>
  `${shortDate}/${region}/${service}/aws4_request`;

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * The signing key for a scope (`date/region/service/aws4_request`).
 *
 * @example
 * signingKey('wJalr…', '20130524/us-east-1/s3/aws4_request');
 */
export function signingKey(secretAccessKey: string, scope: string): Buffer {
  return scope.split('/').reduce<string | Buffer>((key, part) => hmac(key, part), `AWS4${secretAccessKey}`) as Buffer;
}

/** The string to sign for a canonical request made at `amzDate` (`yyyyMMddTHHmmssZ`) in `scope`. */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
}

/** Hex HMAC-SHA256 of `text` with the scope's signing key: a request's signature, or a POST policy's. */
export function signText(secretAccessKey: string, scope: string, text: string): string {
  return createHmac('sha256', signingKey(secretAccessKey, scope)).update(text, 'utf8').digest('hex');
}

/** Compare two hex signatures in constant time. */
export function signaturesMatch(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `yyyyMMddTHHmmssZ` for a date. */
export const amzDate = (date: Date): string =>
  date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/** Parse `yyyyMMddTHHmmssZ`; undefined when it is not that format or not a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) || amzDate(date) !== value ? undefined : date;
}
