import { describe, expect, it } from 'vitest';
import type { QrFormatCode, QrSignatureCode } from '../../../../lambdas/domain/signing/qr-verify';
import {
  CHECK_NAMES,
  type CheckName,
  type CheckOutcome,
  checkFor,
  REASONS,
  type ReasonCode,
  type ReasonCodeOf,
} from '../../../../lambdas/domain/verification/result';

// Every failure the offline QR verifier reports has a reason of the right check: compile-time, so a new code there
// breaks the typecheck here until it gets a text.
const formatCodesCovered: [QrFormatCode] extends [ReasonCodeOf<'format', 'fail'>] ? true : false = true;
const signatureCodesCovered: [QrSignatureCode] extends [ReasonCodeOf<'signature', 'fail'>] ? true : false = true;

const CODES = Object.keys(REASONS) as ReasonCode[];
const SAMPLE = { since: '2026-11-20', validUntil: '2031-09-27', latest: 3 };
const build = (code: ReasonCode) =>
  (checkFor as (c: ReasonCode, p: unknown) => ReturnType<typeof checkFor>)(code, SAMPLE);
const HAN = /\p{Script=Han}/u;

describe('the reason catalogue', () => {
  it.each(CODES)('%s has a Chinese and an English text', (code) => {
    const check = build(code);
    for (const text of [check.reason, ...(check.warning ? [check.warning] : [])]) {
      expect(text.zh).toMatch(HAN);
      expect(text.en).toMatch(/^[A-Z]/);
      expect(text.en).not.toMatch(HAN);
      expect(`${text.zh}${text.en}`).not.toMatch(/undefined|NaN|\$\{/);
      expect(text.zh).toMatch(/[。）]$/);
      expect(text.en).toMatch(/[.)]$/);
    }
    expect(check.code).toBe(code);
  });

  it('fills in the parameters', () => {
    expect(checkFor('STATUS_REVOKED', { since: '2026-11-20' }).reason.en).toBe(
      'The licence was revoked on 2026-11-20.',
    );
    expect(checkFor('EXPIRED', { validUntil: '2031-09-27' }).reason.zh).toContain('2031-09-27');
    expect(checkFor('NEWER_VERSION', { latest: 4 }).warning?.en).toContain('version 4');
  });

  it('every check has a passing code; every later check can be skipped and (but format) be unavailable', () => {
    const has = (name: CheckName, outcome: CheckOutcome) =>
      CODES.some((c) => REASONS[c].check === name && REASONS[c].outcome === outcome);
    for (const name of CHECK_NAMES) {
      expect(has(name, 'pass'), name).toBe(true);
      if (name === 'format') continue;
      expect(has(name, 'skipped'), name).toBe(true);
      expect(has(name, 'unavailable'), name).toBe(true);
    }
    // Decoding is local and cannot be "unavailable"; the version check never fails (a newer version is a warning).
    expect(has('format', 'unavailable')).toBe(false);
    expect(has('version', 'fail')).toBe(false);
  });

  it('has the codes the brief and the QR verifier name', () => {
    expect(formatCodesCovered && signatureCodesCovered).toBe(true);
    for (const code of [
      'QR_FORMAT',
      'QR_BASE32',
      'QR_VERSION',
      'QR_TRUNCATED',
      'QR_TOO_LONG',
      'SIGNATURE_INVALID',
      'KEY_UNKNOWN',
      'KEY_AMBIGUOUS',
      'KEY_COMPROMISED',
      'SIGNED_OUTSIDE_KEY_PERIOD',
      'SIGNED_IN_FUTURE',
      'RECORD_NOT_FOUND',
      'RECORD_MISMATCH',
      'STATUS_REVOKED',
      'STATUS_SUSPENDED',
      'STATUS_CANCELLED',
      'EXPIRED',
      'NEWER_VERSION',
      'STATUS_UNAVAILABLE',
      'STATUS_OFFLINE',
    ]) {
      expect(CODES).toContain(code);
    }
  });

  it('offline reasons say so in both languages', () => {
    expect(checkFor('STATUS_OFFLINE').reason).toEqual({
      zh: '离线模式未核对证书状态。',
      en: 'Status was not checked offline.',
    });
  });
});
