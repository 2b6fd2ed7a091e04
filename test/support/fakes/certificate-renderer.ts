/**
 * {@link CertificateRenderer} that checks for real and draws a stand-in: `check` is the very printability check
 * filing makes (the generated font table, no fonts: fast), `render` records what it was asked to draw and answers a
 * small stand-in PDF that carries the QR text in its XMP metadata as the real renderer writes it — so the file check
 * of a verification finds the QR — and names the licence, version and paper serial, so every drawing has its own
 * digest.
 *
 * @example
 * const renderer = new FakeCertificateRenderer();
 * await issueCertificate({ ...deps, renderer }, input);
 * renderer.rendered[0]?.qrText; // the signed QR URL
 */
import { TableCertificatePrintCheck } from '../../../lambdas/adapters/pdf/print-check';
import type { PrintableCertificate } from '../../../lambdas/domain/certificate';
import { xmpQrElement } from '../../../lambdas/domain/signing/embedded-qr';
import type { CertificateRenderer } from '../../../lambdas/ports/certificate-renderer';

/**
 * Stand-in certificate PDF bytes with the QR text in an XMP packet, as the renderer writes it.
 *
 * @example
 * findEmbeddedQrText(standInPdf(qrText)); // qrText
 */
export const standInPdf = (qrText: string, note = 'certificate'): Uint8Array =>
  new TextEncoder().encode(
    `%PDF-1.7\n% ${note}\n<x:xmpmeta xmlns:permit="urn:permit:xmp:1.0:">${xmpQrElement(qrText)}</x:xmpmeta>\n%%EOF\n`,
  );

export class FakeCertificateRenderer implements CertificateRenderer {
  /** What it was asked to draw, in order. */
  readonly rendered: { readonly printable: PrintableCertificate; readonly qrText: string }[] = [];
  /** How often it checked a certificate. */
  checks = 0;
  readonly #check = new TableCertificatePrintCheck();

  check(printable: PrintableCertificate): void {
    this.checks++;
    this.#check.check(printable);
  }

  async render(printable: PrintableCertificate, qrText: string): Promise<Uint8Array> {
    this.rendered.push({ printable, qrText });
    return standInPdf(qrText, `${printable.licenceNumber} v${printable.version} ${printable.paperSerial}`);
  }
}
