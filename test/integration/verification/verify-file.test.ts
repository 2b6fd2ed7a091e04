/**
 * POST /v1/verify through the `verify-file` function's handler, mounted with a stand-in PDF signature check (the
 * PAdES adapter is tested on its own): the check's finding is listed for a file and decides `invalid` when it
 * fails; a QR text lists the PDF signature as not applicable and its `valid` verdict is unchanged.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { functions } from '../../../lambdas/functions';
import type { CertificateJson } from '../../support/certificates';
import { BROKEN_SIGNATURE_MARK, VERIFY_FILE_FAKE_PADES } from '../../support/fixtures/fake-pades';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { checksOf, downloadPdf, issueCertificate, verifyPath, verifySubmission } from './support';

let runtime: TestRuntime;
let cert: CertificateJson;
let pdf: Uint8Array;

beforeAll(async () => {
  runtime = await startTestRuntime({
    registry: functions.map((f) => (f.name === 'verify-file' ? { ...f, entry: VERIFY_FILE_FAKE_PADES } : f)),
    pollers: false,
    schedules: false,
  });
  cert = await issueCertificate(runtime, 521);
  pdf = await downloadPdf(runtime, cert);
});
afterAll(() => runtime?.stop());

describe('POST /v1/verify with a PDF', () => {
  test('lists the file’s PDF signature after the QR’s: signer, level and timestamp; the issued file is valid', async () => {
    // Act
    const result = await verifySubmission(runtime, pdf);

    // Assess
    expect(result.verdict).toBe('valid');
    expect(result.checks.map((c) => c.name)).toEqual([
      'format',
      'signature',
      'pdfSignature',
      'record',
      'status',
      'validity',
      'version',
    ]);
    const check = result.checks[2];
    expect(check).toMatchObject({ outcome: 'pass', code: 'PDF_SIGNATURE_VALID' });
    expect(check?.reason.zh).toContain('由“湖北省市场监督管理局”签署（PAdES B-T）');
    expect(check?.reason.en).toContain('timestamped 2026-09-28 09:00:00 Beijing time');
  });

  test('a file whose PDF signature does not hold is invalid, with the reason', async () => {
    // Prepare: the issued bytes with something appended (its digest is no issued file's either)
    const edited = Buffer.concat([pdf, Buffer.from(`\n${BROKEN_SIGNATURE_MARK}\n`)]);

    // Act
    const result = await verifySubmission(runtime, new Uint8Array(edited));

    // Assess
    expect(result.verdict).toBe('invalid');
    expect(checksOf(result)).toMatchObject({
      signature: 'pass:SIGNATURE_OK',
      pdfSignature: 'fail:PDF_SIGNATURE_DIGEST',
      record: 'fail:FILE_ALTERED',
    });
    expect(result.checks[2]?.reason.en).toContain('changed after it was signed');
  });
});

describe('the QR paths never check a PDF signature', () => {
  test('POST /v1/verify with a QR text: not applicable, still valid', async () => {
    // Act
    const result = await verifySubmission(runtime, { qr: cert.qr.text });

    // Assess
    expect(result.verdict).toBe('valid');
    expect(checksOf(result).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
  });

  test('GET /v/{payload} and the lookup (the verify function): not applicable, still valid', async () => {
    // Act
    const qr = await verifyPath(runtime, `/v/${cert.qr.text.slice(cert.qr.text.lastIndexOf('/v/') + 3)}`);
    const lookup = await verifyPath(runtime, `/v1/verify/${cert.licenceNoUrlSafe}`);

    // Assess
    for (const result of [qr, lookup]) {
      expect(result.verdict).toBe('valid');
      expect(checksOf(result).pdfSignature).toBe('skipped:PDF_SIGNATURE_NOT_APPLICABLE');
    }
  });
});
