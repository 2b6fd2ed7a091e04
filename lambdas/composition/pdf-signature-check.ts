/**
 * The PDF signature check the `verify-file` function wires (`lambdas/composition/verify-file.ts`). Its own module so
 * the PAdES adapter and its ASN.1 / CMS libraries enter that bundle alone: the `verify` function never imports this
 * file (`test/integration/verification/bundle.test.ts`).
 */
import type { PdfSignatureCheck } from '../ports/pdf-signature-check';

/**
 * The check of uploaded PDFs' own PAdES signatures.
 *
 * @example
 * const finding = await pdfSignatureCheck().check(pdfBytes); // { state: 'absent' } until the adapter lands
 */
export function pdfSignatureCheck(): PdfSignatureCheck {
  // TODO(i18): real PAdES check
  return { check: async () => ({ state: 'absent' }) };
}
