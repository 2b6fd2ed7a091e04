/**
 * The signed QR format, version 1 (specified in `docs/qr-format.md`): the QR holds the URL
 * `${baseUrl}/v/${PAYLOAD}`, where PAYLOAD is unpadded upper-case Base32 of a 101-byte record — the claims in binary,
 * an 8-byte key reference and the 64-byte ES256 signature. The signature is an ordinary JWS signature over a canonical
 * protected header and a canonical JSON payload that the verifier rebuilds from the binary claims, so any JOSE
 * library checks it once the compact JWS is reassembled.
 *
 * Everything here is pure and synchronous except the call to the {@link ClaimsSigner}.
 */
import { base64url } from 'jose';
import { DependencyUnavailableError, type ErrorCodeOf, ValidationError } from '../errors';
import { base32Decode, base32Encode } from './base32';
import { formatLicenceNumber, packLicenceNumber } from './licence-code';

/** What a certificate's QR signs: only what identifies the licence. */
export interface CertificateClaims {
  /** Licence number, canonical half-width form, e.g. `(鄂)XK13-001-00001`. */
  readonly licenceNo: string;
  /** Certificate version (1..65535); a new version is issued when products are added. */
  readonly version: number;
  /** Unified social credit code, 18 characters. */
  readonly uscc: string;
  /** Issue date, `YYYY-MM-DD` (Asia/Shanghai calendar date). */
  readonly issueDate: string;
  /** Last day of validity, `YYYY-MM-DD`. */
  readonly validUntil: string;
  /** Signing time, seconds since the epoch (the JWS `iat`). */
  readonly signedAt: number;
}

/** A QR payload taken apart; nothing in it is verified yet. */
export interface DecodedQr {
  readonly formatVersion: 1;
  /** First 8 bytes of the SHA-256 JWK thumbprint of the signing key. */
  readonly keyRef: Uint8Array;
  readonly claims: CertificateClaims;
  /** Raw ES256 signature, `r‖s`, 64 bytes. */
  readonly signature: Uint8Array;
  /** The canonical JWS payload rebuilt from the claims. */
  readonly payloadJson: string;
}

/** Format version byte of records produced today. @example bytes[0] === QR_FORMAT_VERSION */
export const QR_FORMAT_VERSION = 1;
/** Length of the key reference carried in the QR. @example keyRefOf(kid).length === KEY_REF_BYTES // 8 */
export const KEY_REF_BYTES = 8;
const SIGNATURE_BYTES = 64;
/** Bytes in a version-1 record (see docs/qr-format.md). @example QR_RECORD_BYTES // 101 */
export const QR_RECORD_BYTES = 1 + KEY_REF_BYTES + 1 + 5 + 2 + 12 + 2 + 2 + 4 + SIGNATURE_BYTES;
/** Base32 characters in a version-1 payload. @example QR_PAYLOAD_CHARS // 162 */
export const QR_PAYLOAD_CHARS = Math.ceil((QR_RECORD_BYTES * 8) / 5);
/** Path segment between the base URL and the payload. @example `${baseUrl}${QR_PATH}${payload}` */
export const QR_PATH = '/v/';
/** Longest QR text decoding looks at; longer is refused before any work. @example text.length > MAX_QR_TEXT_LENGTH */
export const MAX_QR_TEXT_LENGTH = 1024;
/** `typ` of the protected header: tells this JWS apart from anything else the key signs. @example 'permit-qr+jws' */
export const QR_JWS_TYPE = 'permit-qr+jws';

/** GB 32100-2015 code alphabet: digits and upper-case letters without I, O, S, V, Z. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BASE32_TEXT = /^[A-Za-z2-7]*$/;

/**
 * The canonical protected header, byte for byte.
 *
 * @example
 * canonicalHeader('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
 * // '{"alg":"ES256","kid":"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs","typ":"permit-qr+jws"}'
 */
export function canonicalHeader(kid: string): string {
  return `{"alg":"ES256","kid":${JSON.stringify(kid)},"typ":"${QR_JWS_TYPE}"}`;
}

/**
 * The canonical JWS payload: fixed member order, no white space, UTF-8, non-ASCII characters not escaped.
 *
 * @example
 * canonicalPayload(claims);
 * // '{"lic":"(鄂)XK13-001-00001","ver":2,"uscc":"91420100MA4K2X1234","issued":"2026-09-28","until":"2031-09-27","iat":1790553600}'
 */
export function canonicalPayload(c: CertificateClaims): string {
  return (
    `{"lic":${JSON.stringify(c.licenceNo)},"ver":${c.version},"uscc":${JSON.stringify(c.uscc)},` +
    `"issued":${JSON.stringify(c.issueDate)},"until":${JSON.stringify(c.validUntil)},"iat":${c.signedAt}}`
  );
}

/**
 * The JWS signing input `BASE64URL(header) '.' BASE64URL(payload)`.
 *
 * @example
 * const input = signingInput(signer.kid, claims);
 */
export function signingInput(kid: string, claims: CertificateClaims): string {
  return `${base64url.encode(canonicalHeader(kid))}.${base64url.encode(canonicalPayload(claims))}`;
}

/**
 * The first {@link KEY_REF_BYTES} bytes of a thumbprint `kid` (base64url of a SHA-256 digest).
 *
 * @example
 * keyRefOf(signer.kid); // Uint8Array(8)
 */
export function keyRefOf(kid: string): Uint8Array {
  let digest: Uint8Array;
  try {
    digest = base64url.decode(kid);
  } catch {
    digest = new Uint8Array();
  }
  if (digest.length !== 32) {
    throw new ValidationError('KID_NOT_THUMBPRINT', `kid "${kid}" is not a SHA-256 JWK thumbprint`);
  }
  return digest.slice(0, KEY_REF_BYTES);
}

/**
 * What signing claims needs of a key: its id (`kid`, an RFC 7638 thumbprint) and an ES256 signature — the raw
 * 64-byte `r‖s` — over the signing input. The `Signer` port (`lambdas/ports/signer.ts`) is one.
 *
 * @example
 * const signer: ClaimsSigner = { kid, sign: async (data) => rawSignature(data) };
 */
export interface ClaimsSigner {
  readonly kid: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * Sign certificate claims and build the QR text (and the equivalent compact JWS, for logs and other consumers).
 *
 * @example
 * const { qrText, jws } = await signCertificateClaims(claims, signer, 'https://permit.amr.hubei.gov.cn');
 * // qrText: 'https://permit.amr.hubei.gov.cn/v/AFA…' (a version ≤ 10 QR at level M)
 */
export async function signCertificateClaims(
  claims: CertificateClaims,
  signer: ClaimsSigner,
  baseUrl: string,
): Promise<{ qrText: string; jws: string; payload: string; claims: CertificateClaims }> {
  if (!/^https?:\/\/[\x21-\x7e]+$/.test(baseUrl)) {
    throw new ValidationError('QR_BASE_URL_INVALID', `base URL "${baseUrl}" is not an http(s) URL in printable ASCII`);
  }
  const canonical = canonicalClaims(claims);
  const record = packClaims(canonical); // validates before anything is signed
  const input = signingInput(signer.kid, canonical);
  const signature = await signer.sign(new TextEncoder().encode(input));
  if (signature.length !== SIGNATURE_BYTES) {
    const message = `signer returned ${signature.length} bytes, expected 64 (r‖s)`;
    throw new DependencyUnavailableError('SIGNER_BAD_SIGNATURE', message);
  }
  const payload = encodeRecord(keyRefOf(signer.kid), record, signature);
  return {
    qrText: `${baseUrl.replace(/\/+$/, '')}${QR_PATH}${payload}`,
    jws: `${input}.${base64url.encode(signature)}`,
    payload,
    claims: canonical,
  };
}

/**
 * Split a scanned QR text into base URL and payload, and decode the payload. Throws `ValidationError` with codes
 * `QR_TOO_LONG`, `QR_FORMAT`, `QR_BASE32`, `QR_VERSION`, `QR_TRUNCATED` — never anything untyped.
 *
 * @example
 * const { baseUrl, claims, keyRef } = decodeQrText('https://permit.amr.hubei.gov.cn/v/AFA…');
 */
export function decodeQrText(text: string): DecodedQr & { readonly baseUrl: string } {
  if (typeof text !== 'string') throw formatError('QR_FORMAT', 'QR text must be a string');
  if (text.length > MAX_QR_TEXT_LENGTH) throw formatError('QR_TOO_LONG', `QR text longer than ${MAX_QR_TEXT_LENGTH}`);
  const at = text.lastIndexOf(QR_PATH);
  if (at < 0) throw formatError('QR_FORMAT', `QR text has no "${QR_PATH}" path`);
  return { baseUrl: text.slice(0, at), ...decodeQrPayload(text.slice(at + QR_PATH.length)) };
}

/**
 * Decode the Base32 payload (the last path segment of the QR URL). Same errors as {@link decodeQrText}.
 *
 * @example
 * const { claims, signature } = decodeQrPayload(params.payload);
 */
export function decodeQrPayload(payload: string): DecodedQr {
  if (typeof payload !== 'string') throw formatError('QR_FORMAT', 'payload must be a string');
  if (payload.length > MAX_QR_TEXT_LENGTH) throw formatError('QR_TOO_LONG', 'payload too long');
  if (!BASE32_TEXT.test(payload)) throw base32Error(payload);
  // The version byte is read first (from the first 8 characters, exactly 5 bytes) so that a payload of a future
  // format version is reported as such, whatever its length.
  if (payload.length < 8) throw formatError('QR_TRUNCATED', `payload has ${payload.length} characters`);
  const format = base32Decode(payload.slice(0, 8))[0];
  if (format !== QR_FORMAT_VERSION) throw formatError('QR_VERSION', `unknown QR format version ${format}`);
  if (payload.length < QR_PAYLOAD_CHARS) {
    throw formatError('QR_TRUNCATED', `payload has ${payload.length} of ${QR_PAYLOAD_CHARS} characters`);
  }
  if (payload.length > QR_PAYLOAD_CHARS) {
    throw formatError('QR_TOO_LONG', `payload has ${payload.length} characters, not ${QR_PAYLOAD_CHARS}`);
  }
  const bytes = base32Decode(payload);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const licenceNo = formatLicenceNumber({ province: bytes[9] as number, digits: readUint40(view, 10) });
  if (licenceNo === undefined) throw formatError('QR_FORMAT', 'licence number field is not a licence number');
  const version = view.getUint16(15);
  if (version === 0) throw formatError('QR_FORMAT', 'certificate version 0');
  const uscc = unpackUscc(bytes.subarray(17, 29));
  const issueDate = dayToDate(view.getUint16(29));
  const validUntil = dayToDate(view.getUint16(31));
  if (validUntil < issueDate) throw formatError('QR_FORMAT', 'valid-until date before issue date');
  const claims: CertificateClaims = { licenceNo, version, uscc, issueDate, validUntil, signedAt: view.getUint32(33) };
  return {
    formatVersion: QR_FORMAT_VERSION,
    keyRef: bytes.slice(1, 1 + KEY_REF_BYTES),
    claims,
    signature: bytes.slice(QR_RECORD_BYTES - SIGNATURE_BYTES),
    payloadJson: canonicalPayload(claims),
  };
}

/**
 * Rebuild the compact JWS from a decoded QR and the full `kid` (found in the key set through `keyRef`).
 *
 * @example
 * const jws = reassembleJws(decodeQrText(text), record.kid); // then jose.compactVerify(jws, key)
 */
export function reassembleJws(decoded: DecodedQr, kid: string): string {
  return `${signingInput(kid, decoded.claims)}.${base64url.encode(decoded.signature)}`;
}

/** Claims in canonical form (licence number brackets normalised) after validating every field. */
function canonicalClaims(c: CertificateClaims): CertificateClaims {
  const { province, digits } = packLicenceNumber(c.licenceNo);
  return { ...c, licenceNo: formatLicenceNumber({ province, digits }) as string };
}

/** Binary claims (bytes 9..36 of the record), validating each field. */
function packClaims(c: CertificateClaims): Uint8Array {
  const out = new Uint8Array(28);
  const view = new DataView(out.buffer);
  const { province, digits } = packLicenceNumber(c.licenceNo);
  out[0] = province;
  writeUint40(view, 1, digits);
  if (!Number.isInteger(c.version) || c.version < 1 || c.version > 0xffff) {
    throw claimError('version', `version ${c.version} is not an integer in 1..65535`);
  }
  view.setUint16(6, c.version);
  out.set(packUscc(c.uscc), 8);
  const issued = dateToDay(c.issueDate, 'issueDate');
  const until = dateToDay(c.validUntil, 'validUntil');
  if (until < issued) throw claimError('validUntil', 'valid-until date before issue date');
  view.setUint16(20, issued);
  view.setUint16(22, until);
  if (!Number.isInteger(c.signedAt) || c.signedAt < 0 || c.signedAt > 0xffffffff) {
    throw claimError('signedAt', `signedAt ${c.signedAt} is not whole seconds in the u32 range`);
  }
  view.setUint32(24, c.signedAt);
  return out;
}

function encodeRecord(keyRef: Uint8Array, claims: Uint8Array, signature: Uint8Array): string {
  const record = new Uint8Array(QR_RECORD_BYTES);
  record[0] = QR_FORMAT_VERSION;
  record.set(keyRef, 1);
  record.set(claims, 1 + KEY_REF_BYTES);
  record.set(signature, QR_RECORD_BYTES - SIGNATURE_BYTES);
  return base32Encode(record);
}

/** 18 characters × 5 bits, most significant bit first, in 12 bytes (the last 6 bits zero). */
function packUscc(uscc: string): Uint8Array {
  if (typeof uscc !== 'string' || uscc.length !== 18) throw claimError('uscc', 'USCC must have 18 characters');
  const out = new Uint8Array(12);
  for (let i = 0; i < 18; i++) {
    const v = USCC_ALPHABET.indexOf(uscc[i] as string);
    if (v < 0) throw claimError('uscc', `character "${uscc[i]}" is not allowed in a USCC`);
    for (let b = 0; b < 5; b++) {
      if ((v >> (4 - b)) & 1) {
        const bit = i * 5 + b;
        out[bit >> 3] = (out[bit >> 3] as number) | (0x80 >> (bit & 7));
      }
    }
  }
  return out;
}

function unpackUscc(bytes: Uint8Array): string {
  let out = '';
  const bit = (n: number) => ((bytes[n >> 3] as number) >> (7 - (n & 7))) & 1;
  for (let i = 0; i < 18; i++) {
    let v = 0;
    for (let b = 0; b < 5; b++) v = (v << 1) | bit(i * 5 + b);
    const ch = USCC_ALPHABET[v];
    if (ch === undefined) throw formatError('QR_FORMAT', 'USCC field holds a value outside the alphabet');
    out += ch;
  }
  for (let n = 90; n < 96; n++) if (bit(n)) throw formatError('QR_FORMAT', 'USCC padding bits are not zero');
  return out;
}

function dateToDay(date: string, field: string): number {
  const m = typeof date === 'string' ? DATE.exec(date) : null;
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  const day = ms / DAY_MS;
  if (!m || !Number.isInteger(day) || dayToDate(day) !== date || day < 0 || day > 0xffff) {
    throw claimError(field, `"${date}" is not a calendar date YYYY-MM-DD between 1970 and 2149`);
  }
  return day;
}

const dayToDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function writeUint40(view: DataView, at: number, value: number): void {
  view.setUint8(at, Math.floor(value / 2 ** 32));
  view.setUint32(at + 1, value % 2 ** 32);
}

const readUint40 = (view: DataView, at: number): number => view.getUint8(at) * 2 ** 32 + view.getUint32(at + 1);

function base32Error(payload: string): ValidationError {
  const bad = [...payload].find((ch) => !BASE32_TEXT.test(ch)) ?? '';
  const message = `character ${JSON.stringify(bad)} is not Base32`;
  return new ValidationError('QR_BASE32', `unreadable certificate QR: ${message}`, [{ field: 'qr', message }]);
}

const formatError = (code: ErrorCodeOf<'invalid'>, message: string) =>
  new ValidationError(code, `unreadable certificate QR: ${message}`, [{ field: 'qr', message }]);

const claimError = (field: string, message: string) =>
  new ValidationError('QR_CLAIMS_INVALID', `cannot sign claims: ${message}`, [{ field, message }]);
