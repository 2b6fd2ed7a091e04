/**
 * Offline verification of a certificate QR: decode, find the key, verify the reassembled JWS with jose, apply the
 * key's signing period. Pure apart from WebCrypto; it never throws for bad input — every outcome is a result with a
 * stable code, so a caller can show "format" and "signature" checks separately and never answers 5xx to an attack.
 */
import { compactVerify } from 'jose';
import { isPermitError } from '../errors';
import { type KeySet, signingTimeProblem } from './key-set';
import type { KeyRecord } from './keys';
import { type CertificateClaims, type DecodedQr, decodeQrPayload, decodeQrText, reassembleJws } from './qr-claims';

export type QrFormatCode = 'QR_FORMAT' | 'QR_BASE32' | 'QR_VERSION' | 'QR_TRUNCATED' | 'QR_TOO_LONG';
export type QrSignatureCode =
  | 'KEY_UNKNOWN'
  | 'KEY_AMBIGUOUS'
  | 'SIGNATURE_INVALID'
  | 'SIGNED_OUTSIDE_KEY_PERIOD'
  | 'KEY_COMPROMISED'
  | 'SIGNED_IN_FUTURE';

export type QrVerification =
  | {
      readonly ok: true;
      readonly claims: CertificateClaims;
      readonly key: KeyRecord;
      /** The reassembled compact JWS that verified. */
      readonly jws: string;
    }
  | { readonly ok: false; readonly check: 'format'; readonly code: QrFormatCode; readonly message: string }
  | {
      readonly ok: false;
      readonly check: 'signature';
      readonly code: QrSignatureCode;
      readonly message: string;
      /** What the QR claims; NOT trustworthy — for diagnostics only. */
      readonly unverifiedClaims: CertificateClaims;
    };

export interface VerifyOptions {
  /** Reference time for the "signed in the future" check (default: now). */
  readonly now?: Date;
  /** Tolerated clock difference between signer and verifier, seconds (default 300). */
  readonly maxFutureSkewSeconds?: number;
}

/**
 * Verify a scanned QR text against a key set, offline. Status (revoked, suspended…) is NOT checked here.
 *
 * @example
 * const result = await verifyQrText(scanned, keySet);
 * if (result.ok) console.log(result.claims.licenceNo, 'signed by', result.key.kid);
 * else console.log(result.check, result.code);
 */
export async function verifyQrText(text: string, keySet: KeySet, opts: VerifyOptions = {}): Promise<QrVerification> {
  return verifyWith(text, decodeQrText, keySet, opts);
}

/**
 * Same as {@link verifyQrText} for the bare Base32 payload (the QR URL's last path segment).
 *
 * @example
 * const result = await verifyQrPayload(event.pathParameters.payload, keySet);
 */
export async function verifyQrPayload(
  payload: string,
  keySet: KeySet,
  opts: VerifyOptions = {},
): Promise<QrVerification> {
  return verifyWith(payload, decodeQrPayload, keySet, opts);
}

/**
 * QR texts already decoded, with the compact JWS reassembled for the key that signed: decoding Base32 and
 * re-encoding the JWS were a tenth of a warm verification, for a result that is a pure function of the text (and the
 * key id). Format failures are not kept. Bounded: past {@link MAX_DECODED} texts it starts over.
 */
interface Decoding {
  readonly decoded: DecodedQr;
  jws?: { readonly kid: string; readonly text: string };
}
const decodings = new Map<string, Decoding>();
const MAX_DECODED = 10_000;

function decodingOf(text: string, decode: (text: string) => DecodedQr): Decoding {
  const known = decodings.get(text);
  if (known) return known;
  const decoding: Decoding = { decoded: decode(text) };
  if (decodings.size >= MAX_DECODED) decodings.clear();
  decodings.set(text, decoding);
  return decoding;
}

function jwsOf(decoding: Decoding, kid: string): string {
  if (decoding.jws?.kid !== kid) decoding.jws = { kid, text: reassembleJws(decoding.decoded, kid) };
  return decoding.jws.text;
}

/**
 * Signatures already checked, per public-key object. A certificate's QR is scanned again and again, and the ECDSA
 * check is the costliest step of a verification. Only the cryptographic fact is remembered — this exact JWS verifies
 * under this exact key object; the key's status and signing-time rules are evaluated on every call, and a reloaded
 * key set brings new key objects, so nothing stale can pass.
 */
const verifiedByKey = new WeakMap<object, Set<string>>();
const MAX_REMEMBERED_PER_KEY = 20_000;

async function signatureHolds(jws: string, key: Parameters<typeof compactVerify>[1]): Promise<boolean> {
  const remembered = typeof key === 'object' ? verifiedByKey.get(key) : undefined;
  if (remembered?.has(jws)) return true;
  try {
    await compactVerify(jws, key, { algorithms: ['ES256'] });
  } catch {
    return false;
  }
  if (typeof key === 'object') {
    const set = remembered ?? new Set<string>();
    if (set.size >= MAX_REMEMBERED_PER_KEY) set.clear();
    set.add(jws);
    verifiedByKey.set(key, set);
  }
  return true;
}

async function verifyWith(
  text: string,
  decode: (text: string) => DecodedQr,
  keySet: KeySet,
  opts: VerifyOptions,
): Promise<QrVerification> {
  let decoding: Decoding;
  try {
    decoding = decodingOf(text, decode);
  } catch (e) {
    if (isPermitError(e)) return { ok: false, check: 'format', code: e.code as QrFormatCode, message: e.message };
    throw e; // a bug, not bad input
  }
  const { decoded } = decoding;
  const claims = decoded.claims;
  const fail = (code: QrSignatureCode, message: string): QrVerification => ({
    ok: false,
    check: 'signature',
    code,
    message,
    unverifiedClaims: claims,
  });

  const found = keySet.findByRef(decoded.keyRef);
  if (!found.ok) {
    return fail(found.code, found.code === 'KEY_AMBIGUOUS' ? 'key reference matches several keys' : 'unknown key');
  }
  const { record, key } = found.entry;
  const jws = jwsOf(decoding, record.kid);
  if (!(await signatureHolds(jws, key))) return fail('SIGNATURE_INVALID', 'the signature does not match the claims');
  // Time rules only after the signature holds: a forgery is "invalid", not "signed by a compromised key".
  const problem = signingTimeProblem(record, claims.signedAt);
  if (problem === 'KEY_COMPROMISED') return fail(problem, 'signed with a compromised key after its compromise');
  if (problem) return fail(problem, 'signed outside the signing period of its key');
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (claims.signedAt > now + (opts.maxFutureSkewSeconds ?? 300)) {
    return fail('SIGNED_IN_FUTURE', 'signing time lies in the future');
  }
  return { ok: true, claims, key: record, jws };
}
