/**
 * The PDF signature check the `verify-file` function wires (`lambdas/composition/verify-file.ts`). Its own module so
 * the PAdES adapter and its ASN.1 / CMS libraries enter that bundle alone: the `verify` function never imports this
 * file (`test/integration/verification/bundle.test.ts`). Trust anchors: the PEM text of `pades-settings.ts`; none
 * configured makes every answer `unavailable` (nothing can be trusted), never a false `valid`.
 */
import { PadesCheck } from '../adapters/pades/pades-check';
import { derFromPem } from '../adapters/pades/x509';
import type { PdfSignatureCheck } from '../ports/pdf-signature-check';
import { padesConfig, pemTextAt } from './pades-settings';

/**
 * The check of uploaded PDFs' own PAdES signatures.
 *
 * @example
 * const finding = await pdfSignatureCheck().check(pdfBytes); // { state: 'valid', level: 'B-T', … }
 */
export function pdfSignatureCheck(): PdfSignatureCheck {
  const anchors = pemTextAt(padesConfig().trustAnchors);
  return new PadesCheck(async () => {
    const found = derFromPem((await anchors()) ?? '', 'CERTIFICATE');
    if (found.length === 0) throw new Error('no PDF-signature trust anchors are configured');
    return found;
  });
}
