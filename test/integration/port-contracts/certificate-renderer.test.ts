/**
 * The renderer's contract — the same assertions against the fake renderer and the PDF renderer: the check refuses
 * text the certificate cannot carry, naming the field, before anything is drawn; a drawn certificate carries its QR
 * text where the file check of a verification finds it.
 */
import { describe, expect, test } from 'vitest';
import { PdfCertificateRenderer } from '../../../lambdas/adapters/pdf/certificate-renderer';
import { Certificate } from '../../../lambdas/domain/certificate';
import { findEmbeddedQrText } from '../../../lambdas/domain/signing/embedded-qr';
import type { CertificateRenderer } from '../../../lambdas/ports/certificate-renderer';
import { FakeCertificateRenderer } from '../../support/fakes';
import { issuanceCommit } from './records';

const subjects: [string, () => CertificateRenderer][] = [
  ['fake renderer', () => new FakeCertificateRenderer()],
  ['PDF renderer', () => new PdfCertificateRenderer()],
];

const printable = () => Certificate.rehydrate(issuanceCommit().certificate).printable();

describe.each(subjects)('CertificateRenderer — %s', (_, make) => {
  test('refuses a character no font carries, naming the field', () => {
    // Prepare
    const renderer = make();
    const unprintable = { ...printable(), enterpriseName: '武汉\u{E000}线缆有限公司' };

    // Act
    const refused = (() => {
      try {
        renderer.check(unprintable);
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(refused).toMatchObject({ code: 'TEXT_NOT_PRINTABLE' });
    expect(JSON.stringify((refused as { details: unknown }).details)).toContain('enterprise.name');
    expect(() => renderer.check(printable())).not.toThrow();
  });

  test('draws a PDF that carries its QR text for the file check', async () => {
    // Prepare
    const renderer = make();
    const qrText = 'https://permit.example.gov.cn/v/AFAQCAYEAAAQCAIB';

    // Act
    const pdf = await renderer.render(printable(), qrText);

    // Assess
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(findEmbeddedQrText(pdf)).toBe(qrText);
  });
});
