/**
 * The {@link CertificateRenderer} port over the PDF renderer: maps the entity's printable view to the renderer's own
 * input type, and checks printability up front (before any serial is reserved or anything is signed) with the
 * parsed fonts — the same check filing makes with the generated font table (`print-check.ts`).
 *
 * @example
 * const renderer = new PdfCertificateRenderer();
 * renderer.check(certificate.printable()); // TEXT_NOT_PRINTABLE / CERTIFICATE_TEXT_TOO_LONG, naming the field
 * const pdf = await renderer.render(certificate.printable(), qrText);
 */
import type { PrintableCertificate } from '../../domain/certificate';
import type { CertificateRenderer } from '../../ports/certificate-renderer';
import { certificateFonts } from './fonts';
import { checkPrintable, documentOf } from './print-check';
import { renderCertificatePdf } from './render-certificate';

export { documentOf } from './print-check';

export class PdfCertificateRenderer implements CertificateRenderer {
  check(printable: PrintableCertificate): void {
    checkPrintable(printable, certificateFonts());
  }

  render(printable: PrintableCertificate, qrText: string): Promise<Uint8Array> {
    return renderCertificatePdf(documentOf(printable, qrText));
  }
}
