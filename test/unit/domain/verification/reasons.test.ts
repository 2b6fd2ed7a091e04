import { describe, expect, it } from 'vitest';
import { PDF_SIGNATURE_PROBLEMS } from '../../../../lambdas/domain/pdf-signature/finding';
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
const SAMPLE = {
  since: '2026-11-20',
  validUntil: '2031-09-27',
  latest: 3,
  signer: '湖北省市场监督管理局',
  level: 'B-B',
};
const build = (code: ReasonCode) =>
  (checkFor as (c: ReasonCode, p: unknown) => ReturnType<typeof checkFor>)(code, SAMPLE);
const HAN = /\p{Script=Han}/u;

describe('the reason catalogue', () => {
  it.each(CODES)('%s has a Chinese and an English text', (code) => {
    const check = build(code);
    for (const text of [check.reason, ...(check.warning ? [check.warning] : [])]) {
      expect(text.zh).toMatch(HAN);
      expect(text.en).toMatch(/^[A-Z]/);
      // The PDF signer is a proper name, quoted as its certificate spells it (in Chinese, in English texts too).
      expect(text.en.replaceAll(SAMPLE.signer, '')).not.toMatch(HAN);
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

  it('has one failing PDF signature code per problem, and the neutral and unavailable ones', () => {
    // Assess
    expect(CODES.filter((c) => REASONS[c].check === 'pdfSignature' && REASONS[c].outcome === 'fail').sort()).toEqual(
      PDF_SIGNATURE_PROBLEMS.map((p) => `PDF_SIGNATURE_${p.toUpperCase().replaceAll('-', '_')}`).sort(),
    );
    expect(REASONS.PDF_SIGNATURE_VALID.outcome).toBe('pass');
    expect(REASONS.PDF_SIGNATURE_ABSENT.outcome).toBe('skipped');
    expect(REASONS.PDF_SIGNATURE_NOT_APPLICABLE.outcome).toBe('skipped');
    expect(REASONS.PDF_SIGNATURE_UNAVAILABLE.outcome).toBe('unavailable');
  });

  it('a valid PDF signature names its signer and level, and a B-T timestamp in Beijing time', () => {
    // Act
    const bb = checkFor('PDF_SIGNATURE_VALID', { signer: '湖北省市场监督管理局', level: 'B-B' });
    const bt = checkFor('PDF_SIGNATURE_VALID', {
      signer: '湖北省市场监督管理局',
      level: 'B-T',
      timestampedAt: '2026-12-06T17:30:00.000Z',
    });
    const later = checkFor('PDF_SIGNATURE_VALID', {
      signer: '湖北省市场监督管理局',
      level: 'B-T',
      timestampedAt: '2026-12-06T05:00:00Z',
      documentTimestamp: true,
    });

    // Assess
    expect(bb.reason.zh).toBe('PDF 文件签名有效：由“湖北省市场监督管理局”签署（PAdES B-B），签署后文件未被改动。');
    expect(bb.reason.en).toContain('signed by 湖北省市场监督管理局 (PAdES B-B)');
    expect(bt.reason.zh).toContain('北京时间 2026-12-07 01:30:00');
    expect(bt.reason.en).toContain('timestamped 2026-12-07 01:30:00 Beijing time');
    expect(later.reason.zh).toContain('签发后追加了文档时间戳（北京时间 2026-12-06 13:00:00）');
    expect(later.reason.en).toContain('a document timestamp was added later (2026-12-06 13:00:00 Beijing time)');
    expect(later.reason.en).toContain('not a change');
  });

  it('an unsigned file says it was issued before PDF signatures', () => {
    expect(checkFor('PDF_SIGNATURE_ABSENT').reason.en).toMatch(/^Not signed \(issued before PDF signatures\)/);
    expect(checkFor('PDF_SIGNATURE_ABSENT').reason.zh).toContain('签发于启用 PDF 签名之前');
  });

  it('offline reasons say so in both languages', () => {
    expect(checkFor('STATUS_OFFLINE').reason).toEqual({
      zh: '离线模式未核对证书状态。',
      en: 'Status was not checked offline.',
    });
  });
});
