import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECK_NAMES,
  CHECK_OUTCOMES,
  type Check,
  type CheckName,
  checkFor,
  decideVerdict,
  type ReasonCode,
  VERIFICATION_MODES,
  type Verdict,
  type VerificationMode,
} from '../../../../lambdas/domain/verification/result';

const ALL_PASS: Readonly<Record<CheckName, ReasonCode>> = {
  format: 'FORMAT_OK',
  signature: 'SIGNATURE_OK',
  // A QR has no file signature: the usual answer, and neutral (see the PDF rows below).
  pdfSignature: 'PDF_SIGNATURE_NOT_APPLICABLE',
  record: 'RECORD_OK',
  status: 'STATUS_VALID',
  validity: 'WITHIN_VALIDITY',
  version: 'VERSION_LATEST',
};

const SAMPLE_PARAMS = {
  since: '2026-11-20',
  validUntil: '2031-09-27',
  latest: 3,
  signer: '湖北省市场监督管理局',
  level: 'B-B',
};

const PDF_FAILURES = [
  'PDF_SIGNATURE_MALFORMED',
  'PDF_SIGNATURE_BYTE_RANGE',
  'PDF_SIGNATURE_DIGEST',
  'PDF_SIGNATURE_CMS_SIGNATURE',
  'PDF_SIGNATURE_UNTRUSTED_CHAIN',
  'PDF_SIGNATURE_MODIFIED_AFTER_SIGNING',
  'PDF_SIGNATURE_TIMESTAMP_INVALID',
] as const satisfies readonly ReasonCode[];

/** Seven checks: all passing, except the codes given. */
function checks(overrides: Partial<Record<CheckName, ReasonCode>> = {}): Check[] {
  return CHECK_NAMES.map((name) => {
    const code = overrides[name] ?? ALL_PASS[name];
    return (checkFor as (c: ReasonCode, p: unknown) => Check)(code, SAMPLE_PARAMS);
  });
}

const OFFLINE = { record: 'RECORD_OFFLINE', status: 'STATUS_OFFLINE', version: 'VERSION_OFFLINE' } as const;
const LOOKUP = { format: 'LICENCE_NO_OK', signature: 'SIGNATURE_NOT_APPLICABLE', record: 'RECORD_FOUND' } as const;

type Row = [description: string, overrides: Partial<Record<CheckName, ReasonCode>>, mode: VerificationMode, Verdict];

const TABLE: Row[] = [
  ['every check passes', {}, 'online', 'valid'],
  ['every check passes, a newer version exists (warning only)', { version: 'NEWER_VERSION' }, 'online', 'valid'],
  // authenticity first: nothing else about a forged QR is reported
  [
    'format fails',
    { format: 'QR_BASE32', signature: 'SIGNATURE_SKIPPED', record: 'RECORD_SKIPPED' },
    'online',
    'invalid',
  ],
  ['signature does not verify', { signature: 'SIGNATURE_INVALID' }, 'online', 'invalid'],
  ['unknown key', { signature: 'KEY_UNKNOWN' }, 'online', 'invalid'],
  ['ambiguous key reference', { signature: 'KEY_AMBIGUOUS' }, 'online', 'invalid'],
  ['signed after the key was compromised', { signature: 'KEY_COMPROMISED' }, 'online', 'invalid'],
  ['signed outside the key period', { signature: 'SIGNED_OUTSIDE_KEY_PERIOD' }, 'online', 'invalid'],
  ['signed in the future', { signature: 'SIGNED_IN_FUTURE' }, 'online', 'invalid'],
  ['licence does not exist', { record: 'RECORD_NOT_FOUND' }, 'online', 'invalid'],
  ["A's claims with B's number", { record: 'RECORD_MISMATCH' }, 'online', 'invalid'],
  ['altered file', { record: 'FILE_ALTERED' }, 'online', 'invalid'],
  [
    'record mismatch beats a revoked status',
    { record: 'RECORD_MISMATCH', status: 'STATUS_REVOKED' },
    'online',
    'invalid',
  ],
  ['bad signature beats expiry', { signature: 'SIGNATURE_INVALID', validity: 'EXPIRED' }, 'online', 'invalid'],
  // register status
  ['revoked', { status: 'STATUS_REVOKED' }, 'online', 'revoked'],
  ['cancelled', { status: 'STATUS_CANCELLED' }, 'online', 'cancelled'],
  ['suspended', { status: 'STATUS_SUSPENDED' }, 'online', 'suspended'],
  ['revoked beats expired', { status: 'STATUS_REVOKED', validity: 'EXPIRED' }, 'online', 'revoked'],
  ['suspended beats expired', { status: 'STATUS_SUSPENDED', validity: 'EXPIRED' }, 'online', 'suspended'],
  ['revoked, version unknown', { status: 'STATUS_REVOKED', version: 'VERSION_UNAVAILABLE' }, 'online', 'revoked'],
  // validity
  ['expired', { validity: 'EXPIRED' }, 'online', 'expired'],
  ['expired, newer version exists', { validity: 'EXPIRED', version: 'NEWER_VERSION' }, 'online', 'expired'],
  ['expired, status unavailable', { validity: 'EXPIRED', status: 'STATUS_UNAVAILABLE' }, 'online', 'expired'],
  // anything unavailable is never green
  ['key set unavailable', { signature: 'KEYS_UNAVAILABLE' }, 'online', 'cannot-confirm'],
  ['register unavailable', { record: 'RECORD_UNAVAILABLE', status: 'STATUS_UNAVAILABLE' }, 'online', 'cannot-confirm'],
  ['status unavailable only', { status: 'STATUS_UNAVAILABLE' }, 'online', 'cannot-confirm'],
  ['validity unavailable', { validity: 'VALIDITY_UNAVAILABLE' }, 'online', 'cannot-confirm'],
  ['version unavailable only', { version: 'VERSION_UNAVAILABLE' }, 'online', 'cannot-confirm'],
  [
    'signature "not applicable" outside lookup mode',
    { signature: 'SIGNATURE_NOT_APPLICABLE' },
    'online',
    'cannot-confirm',
  ],
  // offline is never green
  ['offline, signature good, within validity', OFFLINE, 'offline', 'cannot-confirm'],
  ['offline even if every check claims to pass', {}, 'offline', 'cannot-confirm'],
  ['offline, expired', { ...OFFLINE, validity: 'EXPIRED' }, 'offline', 'expired'],
  ['offline, bad signature', { ...OFFLINE, signature: 'SIGNATURE_INVALID' }, 'offline', 'invalid'],
  ['offline, compromised key', { ...OFFLINE, signature: 'KEY_COMPROMISED' }, 'offline', 'invalid'],
  // lookup by licence number
  ['lookup, every applicable check passes', LOOKUP, 'lookup', 'valid'],
  ['lookup, number not in the register', { ...LOOKUP, record: 'RECORD_NOT_FOUND' }, 'lookup', 'invalid'],
  ['lookup, malformed number', { ...LOOKUP, format: 'LICENCE_NO_INVALID' }, 'lookup', 'invalid'],
  ['lookup, revoked', { ...LOOKUP, status: 'STATUS_REVOKED' }, 'lookup', 'revoked'],
  ['lookup, register unavailable', { ...LOOKUP, record: 'RECORD_UNAVAILABLE' }, 'lookup', 'cannot-confirm'],
  ['lookup, signature merely skipped', { ...LOOKUP, signature: 'SIGNATURE_SKIPPED' }, 'lookup', 'cannot-confirm'],
  // the PDF's own signature: a pass or a neutral skip leaves the verdict alone, a failure makes it invalid
  ['a file whose PDF signature holds', { pdfSignature: 'PDF_SIGNATURE_VALID' }, 'online', 'valid'],
  ['a file issued before PDF signatures', { pdfSignature: 'PDF_SIGNATURE_ABSENT' }, 'online', 'valid'],
  [
    'a revoked licence, file unsigned',
    { pdfSignature: 'PDF_SIGNATURE_ABSENT', status: 'STATUS_REVOKED' },
    'online',
    'revoked',
  ],
  ['an expired licence, no file', { validity: 'EXPIRED' }, 'online', 'expired'],
  ['lookup, PDF signature not applicable either', LOOKUP, 'lookup', 'valid'],
  ['offline, PDF signature not applicable', OFFLINE, 'offline', 'cannot-confirm'],
  ['PDF signature unavailable', { pdfSignature: 'PDF_SIGNATURE_UNAVAILABLE' }, 'online', 'cannot-confirm'],
  ['PDF signature merely not checked', { pdfSignature: 'PDF_SIGNATURE_SKIPPED' }, 'online', 'cannot-confirm'],
  [
    'PDF signature broken beats revoked',
    { pdfSignature: 'PDF_SIGNATURE_DIGEST', status: 'STATUS_REVOKED' },
    'online',
    'invalid',
  ],
  [
    'PDF signature broken beats expired',
    { pdfSignature: 'PDF_SIGNATURE_DIGEST', validity: 'EXPIRED' },
    'online',
    'invalid',
  ],
  [
    'PDF signature broken, register unavailable',
    { pdfSignature: 'PDF_SIGNATURE_DIGEST', record: 'RECORD_UNAVAILABLE' },
    'online',
    'invalid',
  ],
  [
    'PDF signature broken, offline',
    { ...OFFLINE, pdfSignature: 'PDF_SIGNATURE_UNTRUSTED_CHAIN' },
    'offline',
    'invalid',
  ],
  ...PDF_FAILURES.map(
    (code): Row => [`${code}, every other check passes`, { pdfSignature: code }, 'online', 'invalid'],
  ),
];

describe('decideVerdict', () => {
  it.each(TABLE)('%s → %s', (_description, overrides, mode, expected) => {
    expect(decideVerdict(checks(overrides), { mode })).toBe(expected);
  });

  it('a licence the transparency log lacks a minute on is never valid, and never invalid for it', () => {
    // Act / Assess
    expect(decideVerdict(checks(), { mode: 'online' })).toBe('valid');
    expect(decideVerdict(checks(), { mode: 'online', logMissing: true })).toBe('cannot-confirm');
    expect(decideVerdict(checks({ status: 'STATUS_REVOKED' }), { mode: 'online', logMissing: true })).toBe('revoked');
  });

  it('a missing check, or no checks at all, cannot be valid', () => {
    const six = checks().filter((c) => c.name !== 'version');
    expect(decideVerdict(six, { mode: 'online' })).toBe('cannot-confirm');
    const noPdfSignature = checks().filter((c) => c.name !== 'pdfSignature');
    expect(decideVerdict(noPdfSignature, { mode: 'online' })).toBe('cannot-confirm');
    expect(decideVerdict([], { mode: 'online' })).toBe('cannot-confirm');
  });

  it('a status failure with a code it does not know is not guessed at', () => {
    const odd = checks().map((c) => (c.name === 'status' ? { ...c, outcome: 'fail' as const, code: 'NEW_CODE' } : c));
    expect(decideVerdict(odd, { mode: 'online' })).toBe('cannot-confirm');
  });

  it('a hand-made failing version check does not pass as valid', () => {
    const odd = checks().map((c) => (c.name === 'version' ? { ...c, outcome: 'fail' as const } : c));
    expect(decideVerdict(odd, { mode: 'online' })).toBe('cannot-confirm');
  });

  it('a duplicate check that failed spoils a passing one', () => {
    const dup = [...checks(), { ...checks()[1], outcome: 'fail' as const } as Check];
    expect(decideVerdict(dup, { mode: 'online' })).toBe('invalid');
  });
});

describe('decideVerdict, for every combination of outcomes and modes', () => {
  const anyChecks = fc.tuple(...CHECK_NAMES.map(() => fc.constantFrom(...CHECK_OUTCOMES))).map((outcomes) =>
    CHECK_NAMES.map(
      (name, i): Check => ({
        name,
        outcome: outcomes[i] ?? 'pass',
        code: 'ANY',
        reason: { zh: '', en: '' },
      }),
    ),
  );
  const anyMode = fc.constantFrom(...VERIFICATION_MODES);

  it('valid only when every check passed, never offline, never with a check unavailable', () => {
    fc.assert(
      fc.property(anyChecks, anyMode, (cs, mode) => {
        const verdict = decideVerdict(cs, { mode });
        if (cs.some((c) => c.outcome === 'unavailable') || mode === 'offline') expect(verdict).not.toBe('valid');
        if (verdict === 'valid') expect(cs.every((c) => c.outcome === 'pass')).toBe(true);
      }),
    );
  });

  it('invalid whenever format, signature, PDF signature or record failed', () => {
    fc.assert(
      fc.property(anyChecks, anyMode, (cs, mode) => {
        const authenticityFailed = cs.some(
          (c) => ['format', 'signature', 'pdfSignature', 'record'].includes(c.name) && c.outcome === 'fail',
        );
        expect(decideVerdict(cs, { mode }) === 'invalid').toBe(authenticityFailed);
      }),
    );
  });

  it('a PDF signature that is absent or not applicable gives the verdict a passing one would', () => {
    const neutral = fc.constantFrom('PDF_SIGNATURE_ABSENT', 'PDF_SIGNATURE_NOT_APPLICABLE');
    fc.assert(
      fc.property(anyChecks, anyMode, neutral, (cs, mode, code) => {
        // Prepare
        const withPdf = (check: Check) => cs.map((c) => (c.name === 'pdfSignature' ? check : c));
        const passed = withPdf(checkFor('PDF_SIGNATURE_VALID', { signer: 'A', level: 'B-B' }));
        const skipped = withPdf(checkFor(code));
        // Act / Assess
        expect(decideVerdict(skipped, { mode })).toBe(decideVerdict(passed, { mode }));
      }),
    );
  });
});
