/**
 * The Status List Token in JWT format (draft-ietf-oauth-status-list, "Status List Token in JWT Format"), signed the
 * way certificate QR claims are: ES256 through a {@link ClaimsSigner} (the authority's current key), `kid` the key's
 * RFC 7638 thumbprint as published in the JWKS.
 *
 * ```
 * header  {"alg":"ES256","kid":"<thumbprint>","typ":"statuslist+jwt"}
 * payload {"sub":"<the list's URL>","iat":…,"exp":…,"ttl":…,"status_list":{"bits":2,"lst":"<base64url zlib>"}}
 * ```
 *
 * Verification checks the signature against a {@link KeySet} (a published JWKS) before reading anything the payload
 * says, then the key's signing period, the expiry and, if asked, the subject. Error codes (stable, catalogued):
 * `STATUS_LIST_MALFORMED`, `STATUS_LIST_KEY_UNKNOWN`, `STATUS_LIST_SIGNATURE_INVALID`, `STATUS_LIST_KEY_REFUSED`,
 * `STATUS_LIST_EXPIRED`, `STATUS_LIST_SUBJECT_MISMATCH`; signing: `STATUS_LIST_CLAIMS_INVALID`, `SIGNER_BAD_SIGNATURE`.
 */
import { base64url, compactVerify } from 'jose';
import { DependencyUnavailableError, type ErrorCodeOf, UnprocessableError, ValidationError } from '../errors';
import { type KeySet, signingTimeProblem } from '../signing/key-set';
import type { KeyRecord } from '../signing/keys';
import type { ClaimsSigner } from '../signing/qr-claims';
import { STATUS_LIST_BITS, STATUS_LIST_MAX_BYTES, STATUS_LIST_SIZE, StatusList } from './status-list';

/** `typ` of the protected header, as the draft requires. @example header.typ === STATUS_LIST_JWT_TYPE */
export const STATUS_LIST_JWT_TYPE = 'statuslist+jwt';
/** Media type of the token in an HTTP response. @example headers['content-type'] = STATUS_LIST_MEDIA_TYPE */
export const STATUS_LIST_MEDIA_TYPE = 'application/statuslist+jwt';
/** The `ttl` Permit signs: seconds a platform may keep a list (the route's `Cache-Control` says the same). */
export const STATUS_LIST_TTL_SECONDS = 5;
/** Longest token text a verifier reads; longer is refused before any work. @example jwt.length > MAX_STATUS_LIST_JWT_CHARS */
export const MAX_STATUS_LIST_JWT_CHARS = 2 * STATUS_LIST_MAX_BYTES;

/**
 * The claims of a list token besides the list itself. Times are NumericDate (whole seconds since the epoch).
 *
 * @example
 * const claims: StatusListClaims = { sub: 'https://permit.example/status-lists/1', iat, exp: iat + 86_400, ttl: 5 };
 */
export interface StatusListClaims {
  /** The list's URL (the draft: the URI of the Status List Token). */
  readonly sub: string;
  /** When the token was signed. */
  readonly iat: number;
  /** When the token stops being valid. */
  readonly exp: number;
  /** Seconds a consumer may cache the token before fetching a fresh one. */
  readonly ttl: number;
}

/**
 * A token that verified: its claims, its list and the key that signed it.
 *
 * @example
 * const { list, claims, key } = await verifyStatusListToken(jwt, keySet);
 */
export interface VerifiedStatusList {
  readonly claims: { readonly sub: string; readonly iat: number; readonly exp?: number; readonly ttl?: number };
  readonly list: StatusList;
  readonly key: KeyRecord;
}

/**
 * Options of {@link verifyStatusListToken}.
 *
 * @example
 * const opts: StatusListVerifyOptions = { now: new Date(), expectedSubject: 'https://permit.example/status-lists/1' };
 */
export interface StatusListVerifyOptions {
  /** Reference time for the expiry check (default: now). */
  readonly now?: Date;
  /** The URL the token was fetched from: its `sub` must be exactly this. */
  readonly expectedSubject?: string;
}

const URL_TEXT = /^https?:\/\/[\x21-\x7e]+$/;

/**
 * Sign a list into a Status List Token (compact JWS). Permit's lists have 2 bits an entry and at least
 * {@link STATUS_LIST_SIZE} entries; anything else, or claims out of range, throws `ValidationError`
 * `STATUS_LIST_CLAIMS_INVALID` before anything is signed.
 *
 * @example
 * const list = StatusList.fromEntries(STATUS_LIST_SIZE, entries);
 * const jwt = await signStatusList(list, { sub: `${baseUrl}/status-lists/1`, iat, exp: iat + 86_400, ttl: 5 }, signer);
 */
export async function signStatusList(
  list: StatusList,
  claims: StatusListClaims,
  signer: ClaimsSigner,
): Promise<string> {
  checkClaims(list, claims);
  const header = `{"alg":"ES256","kid":${JSON.stringify(signer.kid)},"typ":"${STATUS_LIST_JWT_TYPE}"}`;
  const payload =
    `{"sub":${JSON.stringify(claims.sub)},"iat":${claims.iat},"exp":${claims.exp},"ttl":${claims.ttl},` +
    `"status_list":${JSON.stringify(list.toJSON())}}`;
  const input = `${base64url.encode(header)}.${base64url.encode(payload)}`;
  const signature = await signer.sign(new TextEncoder().encode(input));
  if (signature.length !== 64) {
    const message = `signer returned ${signature.length} bytes, expected 64 (r‖s)`;
    throw new DependencyUnavailableError('SIGNER_BAD_SIGNATURE', message);
  }
  return `${input}.${base64url.encode(signature)}`;
}

/**
 * Verify a Status List Token against a key set (the published JWKS) and decode its list. Throws `ValidationError`
 * `STATUS_LIST_MALFORMED` (not a compact JWS, wrong `typ` or `alg`, claims missing, `bits` not 2, `lst` not a ZLIB
 * stream) or `UnprocessableError` `STATUS_LIST_KEY_UNKNOWN` (no key with its `kid`), `STATUS_LIST_SIGNATURE_INVALID`
 * (tampered header, payload or signature), `STATUS_LIST_KEY_REFUSED` (signed outside the key's signing period or
 * after its compromise), `STATUS_LIST_EXPIRED` (`exp` passed), `STATUS_LIST_SUBJECT_MISMATCH`. Nothing untyped.
 *
 * @example
 * const keySet = await KeySet.fromJwks(jwks);
 * const { list } = await verifyStatusListToken(jwt, keySet, { expectedSubject: url });
 * licenceStatusOf(list.get(4711)); // 'valid'
 */
export async function verifyStatusListToken(
  jwt: string,
  keySet: KeySet,
  opts: StatusListVerifyOptions = {},
): Promise<VerifiedStatusList> {
  const header = protectedHeader(jwt);
  const entry = keySet.get(header.kid);
  if (!entry) throw refused('STATUS_LIST_KEY_UNKNOWN', `no key ${header.kid} in the key set`);
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jwt, entry.key, { algorithms: ['ES256'] }));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw refused('STATUS_LIST_SIGNATURE_INVALID', `the status list signature does not verify (${reason})`);
  }
  const { claims, bits, lst } = payloadOf(payloadBytes);
  // Time and subject rules only once the signature holds: a forgery is "invalid", not "expired".
  const problem = signingTimeProblem(entry.record, claims.iat);
  if (problem) {
    const why = problem === 'KEY_COMPROMISED' ? 'after its key was compromised' : 'outside its key’s signing period';
    throw refused('STATUS_LIST_KEY_REFUSED', `the status list was signed ${why}`);
  }
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (claims.exp !== undefined && claims.exp <= now) {
    throw refused('STATUS_LIST_EXPIRED', `the status list expired at ${new Date(claims.exp * 1000).toISOString()}`);
  }
  if (opts.expectedSubject !== undefined && claims.sub !== opts.expectedSubject) {
    throw refused('STATUS_LIST_SUBJECT_MISMATCH', `the status list is ${claims.sub}, not ${opts.expectedSubject}`);
  }
  if (bits !== STATUS_LIST_BITS) throw malformed('status_list.bits', `bits is ${bits}; Permit's lists have 2`);
  return { claims, list: StatusList.decode(lst, bits), key: entry.record };
}

/**
 * The list inside a token this service signed and stored itself, read **without** verifying its signature: for the
 * publisher, which patches the published list rather than rebuilding it (the table is its own record, not input from
 * outside). Anything read from outside goes through {@link verifyStatusListToken}. Throws `STATUS_LIST_MALFORMED`
 * like it.
 *
 * @example
 * const list = readOwnStatusList(published.jwt).with([{ index: 4711, status: 2 }]);
 */
export function readOwnStatusList(jwt: string): StatusList {
  protectedHeader(jwt);
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = base64url.decode(jwt.trim().split('.')[1] as string);
  } catch {
    throw malformed('payload', 'the payload is not base64url');
  }
  const { bits, lst } = payloadOf(payloadBytes);
  if (bits !== STATUS_LIST_BITS) throw malformed('status_list.bits', `bits is ${bits}; Permit's lists have 2`);
  return StatusList.decode(lst, bits);
}

function checkClaims(list: StatusList, c: StatusListClaims): void {
  const bad = (field: string, message: string) =>
    new ValidationError('STATUS_LIST_CLAIMS_INVALID', `status list token: ${message}`, [{ field, message }]);
  if (list.bits !== STATUS_LIST_BITS) throw bad('status_list.bits', `a list of ${list.bits} bits; Permit signs 2`);
  if (list.size < STATUS_LIST_SIZE) throw bad('status_list', `${list.size} entries; at least ${STATUS_LIST_SIZE}`);
  if (typeof c.sub !== 'string' || !URL_TEXT.test(c.sub)) throw bad('sub', 'sub must be an http(s) URL');
  if (!isSeconds(c.iat)) throw bad('iat', 'iat must be whole seconds since the epoch');
  if (!isSeconds(c.exp) || c.exp <= c.iat) throw bad('exp', 'exp must be whole seconds after iat');
  if (!Number.isSafeInteger(c.ttl) || c.ttl <= 0) throw bad('ttl', 'ttl must be a positive whole number of seconds');
}

function protectedHeader(jwt: string): { readonly kid: string } {
  if (typeof jwt !== 'string' || jwt.length > MAX_STATUS_LIST_JWT_CHARS) {
    throw malformed('token', `a status list token is a string of at most ${MAX_STATUS_LIST_JWT_CHARS} characters`);
  }
  const parts = jwt.trim().split('.');
  if (parts.length !== 3) throw malformed('token', 'not a compact JWS (three dot-separated parts)');
  let headerBytes: Uint8Array;
  try {
    headerBytes = base64url.decode(parts[0] as string);
  } catch {
    throw malformed('header', 'the header is not base64url');
  }
  const header = jsonOf(headerBytes, 'header');
  if (header.typ !== STATUS_LIST_JWT_TYPE) throw malformed('header.typ', `typ must be "${STATUS_LIST_JWT_TYPE}"`);
  if (header.alg !== 'ES256') throw malformed('header.alg', 'alg must be "ES256"');
  if (typeof header.kid !== 'string') throw malformed('header.kid', 'kid must be a string');
  return { kid: header.kid };
}

function payloadOf(bytes: Uint8Array): {
  claims: VerifiedStatusList['claims'];
  bits: number;
  lst: string;
} {
  const p = jsonOf(bytes, 'payload');
  if (typeof p.sub !== 'string') throw malformed('payload.sub', 'sub must be a string');
  if (!isSeconds(p.iat)) throw malformed('payload.iat', 'iat must be a NumericDate');
  if (p.exp !== undefined && !isSeconds(p.exp)) throw malformed('payload.exp', 'exp must be a NumericDate');
  if (p.ttl !== undefined && !(typeof p.ttl === 'number' && p.ttl > 0)) {
    throw malformed('payload.ttl', 'ttl must be a positive number');
  }
  const statusList = p.status_list as { bits?: unknown; lst?: unknown } | undefined;
  if (typeof statusList !== 'object' || statusList === null) throw malformed('payload.status_list', 'missing');
  if (typeof statusList.bits !== 'number') throw malformed('payload.status_list.bits', 'bits must be a number');
  if (typeof statusList.lst !== 'string') throw malformed('payload.status_list.lst', 'lst must be a string');
  const claims = {
    sub: p.sub,
    iat: p.iat,
    ...(p.exp === undefined ? {} : { exp: p.exp as number }),
    ...(p.ttl === undefined ? {} : { ttl: p.ttl as number }),
  };
  return { claims, bits: statusList.bits, lst: statusList.lst };
}

function jsonOf(bytes: Uint8Array, field: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw malformed(field, `the ${field} is not UTF-8 JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(field, `the ${field} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

const isSeconds = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

const malformed = (field: string, message: string) =>
  new ValidationError('STATUS_LIST_MALFORMED', `malformed status list token: ${message}`, [{ field, message }]);

const refused = (code: ErrorCodeOf<'unprocessable'>, message: string) => new UnprocessableError(code, message);
