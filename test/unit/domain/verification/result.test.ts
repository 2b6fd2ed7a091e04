import { describe, expect, it } from 'vitest';
import { PDF_SIGNATURE_PROBLEMS } from '../../../../lambdas/domain/pdf-signature/finding';
import { KeySet } from '../../../../lambdas/domain/signing/key-set';
import { verifyQrText } from '../../../../lambdas/domain/signing/qr-verify';
import { EXAMPLE_CERTIFICATE, EXAMPLE_CLAIMS, EXAMPLE_RESULTS } from '../../../../lambdas/domain/verification/examples';
import {
  buildResult,
  CHECK_NAMES,
  checkFor,
  completeChecks,
  offlineSkips,
  pdfSignatureCheck,
  shanghaiDate,
  statusCheck,
  validityCheck,
  versionCheck,
} from '../../../../lambdas/domain/verification/result';

const AT = '2026-11-27T08:00:05.000Z';
const ONLINE_PASS = [
  checkFor('FORMAT_OK'),
  checkFor('SIGNATURE_OK'),
  checkFor('PDF_SIGNATURE_NOT_APPLICABLE'),
  checkFor('RECORD_OK'),
  checkFor('STATUS_VALID'),
  validityCheck('2031-09-27', '2026-11-27'),
  checkFor('VERSION_LATEST'),
];

describe('buildResult', () => {
  it('a good online verification is valid, with every field filled', () => {
    // Act
    const result = buildResult({
      mode: 'online',
      checks: ONLINE_PASS,
      claims: EXAMPLE_CLAIMS,
      certificate: EXAMPLE_CERTIFICATE,
      statusAsOf: new Date('2026-11-27T08:00:04Z'),
      checkedAt: new Date(AT),
    });

    // Assess
    expect(result).toMatchObject({
      verdict: 'valid',
      signatureValid: true,
      statusAsOf: '2026-11-27T08:00:04.000Z',
      checkedAt: AT,
      claims: EXAMPLE_CLAIMS,
      certificate: EXAMPLE_CERTIFICATE,
    });
    expect(result.checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    expect(result.summary.zh).toContain('湖北省市场监督管理局');
  });

  it('drops claims and certificate a failed check did not vouch for', () => {
    // Act: a caller passes everything it decoded, but the signature failed
    const result = buildResult({
      mode: 'online',
      checks: [checkFor('FORMAT_OK'), checkFor('SIGNATURE_INVALID')],
      claims: EXAMPLE_CLAIMS,
      certificate: EXAMPLE_CERTIFICATE,
      checkedAt: AT,
    });

    // Assess
    expect(result.verdict).toBe('invalid');
    expect(result.claims).toBeNull();
    expect(result.certificate).toBeNull();
    expect(result.statusAsOf).toBeNull();
    expect(result.checks.slice(2).map((c) => [c.outcome, c.code])).toEqual([
      ['skipped', 'PDF_SIGNATURE_SKIPPED'],
      ['skipped', 'RECORD_SKIPPED'],
      ['skipped', 'STATUS_SKIPPED'],
      ['skipped', 'VALIDITY_SKIPPED'],
      ['skipped', 'VERSION_SKIPPED'],
    ]);
  });

  it('keeps verified claims but no certificate when the register was unreachable', () => {
    const result = EXAMPLE_RESULTS.unavailable;
    expect(result.verdict).toBe('cannot-confirm');
    expect(result.signatureValid).toBe(true);
    expect(result.claims).toEqual(EXAMPLE_CLAIMS);
    expect(result.certificate).toBeNull();
    expect(result.summary.en).toContain('signature is genuine');
  });

  it('offline: cannot-confirm, signature valid, says status was not checked offline', () => {
    const result = EXAMPLE_RESULTS.offline;
    expect(result).toMatchObject({
      verdict: 'cannot-confirm',
      mode: 'offline',
      signatureValid: true,
      statusAsOf: null,
    });
    const status = result.checks.find((c) => c.name === 'status');
    expect(status).toMatchObject({ outcome: 'skipped', code: 'STATUS_OFFLINE' });
    expect(status?.reason).toEqual({ zh: '离线模式未核对证书状态。', en: 'Status was not checked offline.' });
    expect(result.summary.zh).toContain('离线模式未核对证书状态');
  });

  it('refuses programming mistakes: status read without statusAsOf, contradicting status, duplicates', () => {
    expect(() => buildResult({ mode: 'online', checks: ONLINE_PASS, checkedAt: AT })).toThrow(/statusAsOf/);
    expect(() =>
      buildResult({
        mode: 'online',
        checks: ONLINE_PASS,
        certificate: { ...EXAMPLE_CERTIFICATE, status: 'revoked', statusChangedAt: '2026-11-20' },
        statusAsOf: AT,
        checkedAt: AT,
      }),
    ).toThrow(/contradicts/);
    expect(() => completeChecks([checkFor('FORMAT_OK'), checkFor('FORMAT_OK')])).toThrow(/twice/);
    expect(() => completeChecks([checkFor('SIGNATURE_OK')])).toThrow(/format/);
  });

  it('the unreadable time is refused rather than printed as "Invalid Date"', () => {
    expect(() => buildResult({ mode: 'online', checks: [checkFor('QR_FORMAT')], checkedAt: 'yesterday' })).toThrow();
  });
});

describe('check builders', () => {
  it('status: code from the status, date in Asia/Shanghai', () => {
    expect(statusCheck({ status: 'valid' }).code).toBe('STATUS_VALID');
    const revoked = statusCheck({ status: 'revoked', statusChangedAt: '2026-11-20T17:00:00Z' });
    expect(revoked).toMatchObject({ name: 'status', outcome: 'fail', code: 'STATUS_REVOKED' });
    expect(revoked.reason.zh).toBe('许可证已于 2026-11-21 被吊销。');
    expect(statusCheck({ status: 'suspended', statusChangedAt: '2026-11-02' }).reason.zh).toContain('暂扣');
    expect(statusCheck({ status: 'cancelled', statusChangedAt: '2026-11-02' }).reason.zh).toContain('注销');
    expect(() => statusCheck({ status: 'revoked' })).toThrow(/statusChangedAt/);
  });

  it('validity: valid through the last day, expired the day after', () => {
    expect(validityCheck('2031-09-27', '2031-09-27').outcome).toBe('pass');
    expect(validityCheck('2031-09-27', '2031-09-28')).toMatchObject({ outcome: 'fail', code: 'EXPIRED' });
    expect(() => validityCheck('2031-9-27', '2031-09-28')).toThrow();
  });

  it('version: a newer version passes with a warning', () => {
    expect(versionCheck(2, 2)).toMatchObject({ outcome: 'pass', code: 'VERSION_LATEST' });
    expect(versionCheck(2, 2).warning).toBeUndefined();
    const older = versionCheck(1, 3);
    expect(older).toMatchObject({ outcome: 'pass', code: 'NEWER_VERSION' });
    expect(older.warning?.zh).toContain('第 3 版');
  });

  it('offline skips: record, status and version', () => {
    expect(offlineSkips().map((c) => [c.name, c.outcome])).toEqual([
      ['record', 'skipped'],
      ['status', 'skipped'],
      ['version', 'skipped'],
    ]);
  });

  it('pdfSignature: each finding to its check', () => {
    expect(
      pdfSignatureCheck({ state: 'valid', level: 'B-T', signer: '湖北省市场监督管理局', timestampedAt: AT }),
    ).toMatchObject({ name: 'pdfSignature', outcome: 'pass', code: 'PDF_SIGNATURE_VALID' });
    expect(pdfSignatureCheck({ state: 'absent' })).toMatchObject({ outcome: 'skipped', code: 'PDF_SIGNATURE_ABSENT' });
    expect(pdfSignatureCheck({ state: 'unavailable' })).toMatchObject({
      outcome: 'unavailable',
      code: 'PDF_SIGNATURE_UNAVAILABLE',
    });
    expect(PDF_SIGNATURE_PROBLEMS.map((problem) => pdfSignatureCheck({ state: 'invalid', problem }))).toEqual(
      PDF_SIGNATURE_PROBLEMS.map(() => expect.objectContaining({ name: 'pdfSignature', outcome: 'fail' })),
    );
    expect(pdfSignatureCheck({ state: 'invalid', problem: 'modified-after-signing' }).code).toBe(
      'PDF_SIGNATURE_MODIFIED_AFTER_SIGNING',
    );
    expect(pdfSignatureCheck({ state: 'invalid', problem: 'byte-range' }).code).toBe('PDF_SIGNATURE_BYTE_RANGE');
  });

  it('pdfSignature: a document timestamp added later reads as such, not as tampering', () => {
    // Act
    const check = pdfSignatureCheck({
      state: 'valid',
      level: 'B-T',
      signer: '湖北省市场监督管理局',
      timestampedAt: '2026-12-06T05:00:00.000Z',
      documentTimestamp: true,
    });
    // Assess
    expect(check.outcome).toBe('pass');
    expect(check.reason.en).toContain('a document timestamp was added later (2026-12-06 13:00:00 Beijing time)');
  });

  it('a file with a broken PDF signature is invalid even when every other check passed', () => {
    // Act
    const result = buildResult({
      mode: 'online',
      checks: ONLINE_PASS.map((c) =>
        c.name === 'pdfSignature' ? pdfSignatureCheck({ state: 'invalid', problem: 'digest' }) : c,
      ),
      claims: EXAMPLE_CLAIMS,
      certificate: EXAMPLE_CERTIFICATE,
      statusAsOf: AT,
      checkedAt: AT,
    });
    // Assess
    expect(result.verdict).toBe('invalid');
    expect(result.signatureValid).toBe(true); // the QR's signature held; the file's did not
    expect(result.summary.en).toContain("This certificate file's PDF signature does not hold");
    expect(result.summary.zh).toContain('PDF 签名不成立');
  });

  it('shanghaiDate keeps dates and converts instants', () => {
    expect(shanghaiDate('2026-11-20')).toBe('2026-11-20');
    expect(shanghaiDate('2026-11-20T15:59:59Z')).toBe('2026-11-20');
    expect(shanghaiDate('2026-11-20T16:00:00Z')).toBe('2026-11-21');
    expect(() => shanghaiDate('soon')).toThrow();
  });
});

describe('plugging in the QR verifier', () => {
  it('its failure codes become checks with no translation table', async () => {
    // Prepare
    const keySet = await KeySet.fromRecords([]);

    // Act
    const qr = await verifyQrText('https://permit.example/v/not*base32', keySet);
    const checks = qr.ok
      ? []
      : qr.check === 'format'
        ? [checkFor(qr.code)]
        : [checkFor('FORMAT_OK'), checkFor(qr.code)];
    const result = buildResult({ mode: 'online', checks, checkedAt: AT });

    // Assess
    expect(result.verdict).toBe('invalid');
    expect(result.checks[0]).toMatchObject({ name: 'format', outcome: 'fail', code: 'QR_BASE32' });
  });
});
