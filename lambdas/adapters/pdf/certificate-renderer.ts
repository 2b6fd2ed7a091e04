/**
 * The {@link CertificateRenderer} port over the PDF renderer: maps the entity's printable view to the renderer's own
 * input type, and checks printability up front (before any serial is reserved or anything is signed).
 *
 * @example
 * const renderer = new PdfCertificateRenderer();
 * renderer.check(certificate.printable()); // TEXT_NOT_PRINTABLE / CERTIFICATE_TEXT_TOO_LONG, naming the field
 * const pdf = await renderer.render(certificate.printable(), qrText);
 */
import type { PrintableCertificate } from '../../domain/certificate';
import type { CertificateRenderer } from '../../domain/ports';
import { assertPrintable, type CertificateDocument, normaliseDocument } from './certificate-document';
import { certificateFonts } from './fonts';
import { layoutCertificate } from './layout';
import { renderCertificatePdf } from './render-certificate';

/** QR text used only for the printability check: every character of a real one is ASCII. */
const CHECK_QR = 'https://permit.invalid/v/A';

export function documentOf(printable: PrintableCertificate, qrText: string): CertificateDocument {
  return {
    licenceNo: printable.licenceNumber,
    version: printable.version,
    paperSerial: printable.paperSerial,
    enterprise: {
      name: printable.enterpriseName,
      uscc: printable.uscc,
      domicile: printable.domicile,
      productionAddresses: printable.productionAddresses,
    },
    products: printable.products.map((p) => ({ name: p.zh, nameEn: p.en })),
    issueDate: printable.issueDate,
    validUntil: printable.validUntil,
    issuingAuthority: printable.issuingAuthority,
    qrText,
  };
}

export class PdfCertificateRenderer implements CertificateRenderer {
  check(printable: PrintableCertificate): void {
    const doc = normaliseDocument(documentOf(printable, CHECK_QR));
    const fonts = certificateFonts();
    assertPrintable(doc, fonts);
    layoutCertificate(doc, fonts); // throws CERTIFICATE_TEXT_TOO_LONG when it cannot fit the border
  }

  render(printable: PrintableCertificate, qrText: string): Promise<Uint8Array> {
    return renderCertificatePdf(documentOf(printable, qrText));
  }
}
