/**
 * Reading a certificate credential and checking what needs no register: its **format** and its **signature**, and,
 * for offline verification, the **validity** dates it carries. Pure apart from WebCrypto — no AWS, no network — so
 * the online use case, the CLI and any verifier app share one implementation.
 *
 * A credential is one of:
 * - the scanned QR text `https://…/v/PAYLOAD` or the bare Base32 payload (`docs/qr-format.md`);
 * - a certificate PDF, whose QR text is read from its XMP metadata without a PDF library;
 * - a compact JWS — the form kept in a version record and in logs. Accepted **offline only** (the public HTTP API
 *   takes the QR text, which is all a certificate carries): verified with jose allowing `ES256` alone, and only if
 *   its header and payload are byte for byte the canonical ones Permit signs, so `alg: none`, HMAC with the public
 *   key or any extra header member is refused.
 *
 * Nothing here throws for bad input: every outcome is a list of checks with stable reason codes.
 */
import { base64url, compactVerify } from 'jose';
import { localDateOf } from '../dates';
import { isPermitError } from '../errors';
import type { PdfSignatureFinding } from '../pdf-signature/finding';
import { findEmbeddedQrText } from '../signing/embedded-qr';
import { KeySet, signingTimeProblem } from '../signing/key-set';
import type { KeyRecord } from '../signing/keys';
import { type CertificateClaims, canonicalHeader, canonicalPayload, QR_PATH } from '../signing/qr-claims';
import { type QrVerification, verifyQrPayload, verifyQrText } from '../signing/qr-verify';
import {
  buildResult,
  type Check,
  checkFor,
  offlineSkips,
  pdfSignatureCheck,
  type SignedClaims,
  type VerificationResult,
  validityCheck,
} from './result';

/** What a verifier was handed. */
export type Credential =
  | { readonly kind: 'qr-text'; readonly text: string }
  | { readonly kind: 'qr-payload'; readonly payload: string }
  | { readonly kind: 'jws'; readonly jws: string }
  | { readonly kind: 'pdf'; readonly bytes: Uint8Array };

/** The format and signature checks of a credential, with the claims once (and only if) the signature holds. */
export interface CredentialCheck {
  /** `format`, and `signature` when the format passed. */
  readonly checks: readonly Check[];
  /** Verified claims; absent unless the signature check passed. */
  readonly claims?: CertificateClaims;
  /** The key that signed, when the signature check passed. */
  readonly key?: KeyRecord;
  /** True when the key reference matched no key: a fresher key set might know it. */
  readonly unknownKey?: boolean;
}

/** Longest compact JWS looked at (a Permit JWS is ~410 characters). */
export const MAX_JWS_LENGTH = 2048;
/** Tolerated clock difference between signer and verifier, as in `qr-verify.ts`. */
const MAX_FUTURE_SKEW_SECONDS = 300;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BARE_PAYLOAD = /^[A-Za-z0-9]*$/;

/**
 * Classify a text a verifier typed, scanned or pasted. A compact JWS is recognised only with `allowJws`; otherwise
 * it is read as a QR text (and fails the format check).
 *
 * @example
 * credentialFromText('https://permit.amr.hubei.gov.cn/v/AHQ…'); // { kind: 'qr-text', text }
 * credentialFromText('AHQOPT4A…');                               // { kind: 'qr-payload', payload }
 */
export function credentialFromText(text: string, options: { readonly allowJws?: boolean } = {}): Credential {
  const trimmed = text.trim();
  if (options.allowJws && COMPACT_JWS.test(trimmed)) return { kind: 'jws', jws: trimmed };
  if (BARE_PAYLOAD.test(trimmed) && !trimmed.includes(QR_PATH)) return { kind: 'qr-payload', payload: trimmed };
  return { kind: 'qr-text', text: trimmed };
}

/**
 * Check a credential's format and signature against a key set (`undefined`: the key set could not be read, so the
 * signature check is `unavailable`).
 *
 * @example
 * const { checks, claims } = await checkCredential({ kind: 'qr-text', text }, keySet, { now: clock.now() });
 */
export async function checkCredential(
  credential: Credential,
  keySet: KeySet | undefined,
  options: { readonly now: Date },
): Promise<CredentialCheck> {
  if (credential.kind === 'jws') return checkJws(credential.jws, keySet, options.now);
  let text: string;
  if (credential.kind === 'pdf') {
    try {
      text = findEmbeddedQrText(credential.bytes);
    } catch (e) {
      if (isPermitError(e)) return { checks: [checkFor('QR_FORMAT')] };
      throw e;
    }
  } else {
    text = credential.kind === 'qr-text' ? credential.text : credential.payload;
  }
  const verify = (set: KeySet) =>
    credential.kind === 'qr-payload'
      ? verifyQrPayload(text, set, { now: options.now })
      : verifyQrText(text, set, { now: options.now });
  // Without keys the format still decides: a malformed QR is `invalid` whatever the key set would have said.
  const outcome = await verify(keySet ?? (await EMPTY_KEY_SET()));
  if (!outcome.ok && outcome.check === 'format') return { checks: [checkFor(outcome.code)] };
  if (!keySet) return { checks: [checkFor('FORMAT_OK'), checkFor('KEYS_UNAVAILABLE')] };
  return fromQrVerification(outcome);
}

/**
 * Verify without any network: format, signature against a saved JWKS, and validity from the signed dates. Record,
 * status and version are skipped and say so ("Status was not checked offline"), so a genuine, unexpired certificate
 * answers `cannot-confirm` with `signatureValid: true` — never `valid`. A PDF's own signature is listed from
 * `pdfSignature` — what the caller found with its trust anchors (`npm run verify -- file.pdf --offline
 * --trust-anchors ca.pem`) — and is not applicable without one: only the QR is checked then.
 *
 * @example
 * const result = await verifyOffline(scannedText, JSON.parse(readFileSync('jwks.json', 'utf8')), { now: new Date() });
 * result.verdict; // 'cannot-confirm' (genuine, status unknown), 'invalid' or 'expired'
 */
export async function verifyOffline(
  input: string | Uint8Array,
  jwks: unknown,
  options: { readonly now?: Date; readonly pdfSignature?: PdfSignatureFinding } = {},
): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  let keySet: KeySet | undefined;
  try {
    keySet = await KeySet.fromJwks(jwks);
  } catch (e) {
    if (!isPermitError(e)) throw e;
  }
  const credential: Credential =
    typeof input === 'string' ? credentialFromText(input, { allowJws: true }) : { kind: 'pdf', bytes: input };
  const read = await checkCredential(credential, keySet, { now });
  const pdfSignature =
    credential.kind === 'pdf' && options.pdfSignature
      ? pdfSignatureCheck(options.pdfSignature)
      : checkFor('PDF_SIGNATURE_NOT_APPLICABLE');
  const checks = read.claims
    ? [...read.checks, pdfSignature, ...offlineSkips(), validityCheck(read.claims.validUntil, localDateOf(now))]
    : [...read.checks, pdfSignature];
  return buildResult({ mode: 'offline', checks, claims: signedClaimsOf(read.claims), checkedAt: now });
}

/**
 * The claims as the result model shows them (the signing time and key stay internal).
 *
 * @example
 * buildResult({ …, claims: signedClaimsOf(read.claims) });
 */
export function signedClaimsOf(claims: CertificateClaims | undefined): SignedClaims | null {
  if (!claims) return null;
  const { licenceNo, version, uscc, issueDate, validUntil } = claims;
  return { licenceNo, version, uscc, issueDate, validUntil };
}

function fromQrVerification(outcome: QrVerification): CredentialCheck {
  if (outcome.ok) {
    return { checks: [checkFor('FORMAT_OK'), checkFor('SIGNATURE_OK')], claims: outcome.claims, key: outcome.key };
  }
  if (outcome.check === 'format') return { checks: [checkFor(outcome.code)] };
  return {
    checks: [checkFor('FORMAT_OK'), checkFor(outcome.code)],
    ...(outcome.code === 'KEY_UNKNOWN' ? { unknownKey: true } : {}),
  };
}

let emptyKeySet: Promise<KeySet> | undefined;
const EMPTY_KEY_SET = (): Promise<KeySet> => {
  emptyKeySet ??= KeySet.fromRecords([]);
  return emptyKeySet;
};

/** A compact JWS split into its parts, with its payload read as claims (nothing verified yet). */
interface ParsedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: CertificateClaims;
  readonly encodedHeader: string;
  readonly encodedPayload: string;
}

async function checkJws(jws: string, keySet: KeySet | undefined, now: Date): Promise<CredentialCheck> {
  const parsed = parseJws(jws);
  if (!parsed) return { checks: [checkFor('QR_FORMAT')] };
  const format = checkFor('FORMAT_OK');
  if (!keySet) return { checks: [format, checkFor('KEYS_UNAVAILABLE')] };
  const fail = (code: Parameters<typeof checkFor>[0]) => ({ checks: [format, checkFor(code)] });
  const kid = parsed.header.kid;
  const entry = typeof kid === 'string' ? keySet.get(kid) : undefined;
  if (!entry || typeof kid !== 'string') return { ...fail('KEY_UNKNOWN'), unknownKey: true };
  try {
    // ES256 only: `none`, HS256 (the public key used as an HMAC secret) and every other algorithm are refused here.
    await compactVerify(jws, entry.key, { algorithms: ['ES256'] });
  } catch {
    return fail('SIGNATURE_INVALID');
  }
  // Permit signs exactly one header and one payload form; anything else the key may have signed is not a certificate.
  if (
    parsed.encodedHeader !== base64url.encode(canonicalHeader(kid)) ||
    parsed.encodedPayload !== base64url.encode(canonicalPayload(parsed.claims))
  ) {
    return fail('SIGNATURE_INVALID');
  }
  const problem = signingTimeProblem(entry.record, parsed.claims.signedAt);
  if (problem) return fail(problem);
  if (parsed.claims.signedAt > Math.floor(now.getTime() / 1000) + MAX_FUTURE_SKEW_SECONDS) {
    return fail('SIGNED_IN_FUTURE');
  }
  return { checks: [format, checkFor('SIGNATURE_OK')], claims: parsed.claims, key: entry.record };
}

function parseJws(jws: string): ParsedJws | undefined {
  if (jws.length > MAX_JWS_LENGTH || !COMPACT_JWS.test(jws)) return undefined;
  const [encodedHeader = '', encodedPayload = ''] = jws.split('.');
  const header = decodeJson(encodedHeader);
  const payload = decodeJson(encodedPayload);
  if (!header || !payload) return undefined;
  const { lic, ver, uscc, issued, until, iat } = payload;
  if (typeof lic !== 'string' || typeof uscc !== 'string' || typeof issued !== 'string') return undefined;
  if (typeof until !== 'string' || !Number.isSafeInteger(ver) || !Number.isSafeInteger(iat)) return undefined;
  const claims: CertificateClaims = {
    licenceNo: lic,
    version: ver as number,
    uscc,
    issueDate: issued,
    validUntil: until,
    signedAt: iat as number,
  };
  return { header, claims, encodedHeader, encodedPayload };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part)));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
