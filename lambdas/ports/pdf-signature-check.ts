/**
 * Port: checks a PDF's own PAdES signature(s) against the configured trust anchors. Adapter:
 * `lambdas/adapters/pades/pades-check.ts`. Only the file-verification function wires it (the QR verifier bundles no
 * PDF or CMS library).
 */
import type { PdfSignatureFinding } from '../domain/pdf-signature/finding';

/**
 * Never throws for any input: a broken file is an `invalid` finding, unreadable trust anchors `unavailable`.
 *
 * @example
 * const finding = await check.check(pdfBytes); // { state: 'valid', level: 'B-B', signer: '…' }
 */
export interface PdfSignatureCheck {
  check(pdf: Uint8Array): Promise<PdfSignatureFinding>;
}
