/**
 * Port: draws the certificate PDF, and checks before anything is reserved that its text can be drawn and fits.
 * Adapters: `lambdas/adapters/pdf/certificate-renderer.ts`, `print-check.ts`.
 */

import type { PrintableCertificate } from '../domain/certificate';

/** Checks that a certificate can be drawn: every character printable, the whole layout on the page. */
export interface CertificatePrintCheck {
  /** Throws `ValidationError` `TEXT_NOT_PRINTABLE` / `CERTIFICATE_TEXT_TOO_LONG` naming the field and characters. */
  check(printable: PrintableCertificate): void;
}

/** Renders the certificate PDF. `check` refuses unprintable text before anything is reserved or signed. */
export interface CertificateRenderer extends CertificatePrintCheck {
  render(printable: PrintableCertificate, qrText: string): Promise<Uint8Array>;
}
