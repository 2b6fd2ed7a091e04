/**
 * The printability check of a certificate — every character drawable, and the whole layout fitting the page — as
 * the renderer makes it before anything is reserved or signed. With {@link tableMetrics} it needs no font file and no
 * PDF library, so the applications function runs the very same check when an application is filed
 * ({@link TableCertificatePrintCheck}); the issuing functions run it with the parsed fonts.
 *
 * @example
 * checkPrintable(certificate.printable(), tableMetrics()); // TEXT_NOT_PRINTABLE / CERTIFICATE_TEXT_TOO_LONG (400)
 */
import type { PrintableCertificate } from '../../domain/certificate';
import type { CertificatePrintCheck } from '../../ports/certificate-renderer';
import { assertPrintable, type CertificateDocument, normaliseDocument } from './certificate-document';
import { type FontMetricsSet, tableMetrics } from './font-metrics';
import { layoutCertificate } from './layout';

/** QR text used only for the printability check: every character of a real one is ASCII. */
const CHECK_QR = 'https://permit.invalid/v/A';

/**
 * The renderer's document for a printable certificate.
 *
 * @example
 * renderCertificatePdf(documentOf(certificate.printable(), qrText));
 */
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

/**
 * Check that a certificate can be drawn: throws `ValidationError` `TEXT_NOT_PRINTABLE` or
 * `CERTIFICATE_TEXT_TOO_LONG` naming the field, `CERTIFICATE_DOCUMENT_INVALID` for missing fields.
 *
 * @example
 * checkPrintable(printable, certificateFonts());
 */
export function checkPrintable(printable: PrintableCertificate, fonts: FontMetricsSet): void {
  const doc = normaliseDocument(documentOf(printable, CHECK_QR));
  assertPrintable(doc, fonts);
  layoutCertificate(doc, fonts); // throws CERTIFICATE_TEXT_TOO_LONG when it cannot fit the border
}

/**
 * The check with the generated font table: for functions that carry no fonts.
 *
 * @example
 * new TableCertificatePrintCheck().check(preview.printable());
 */
export class TableCertificatePrintCheck implements CertificatePrintCheck {
  check(printable: PrintableCertificate): void {
    checkPrintable(printable, tableMetrics());
  }
}
