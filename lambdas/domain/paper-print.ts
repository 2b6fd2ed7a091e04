/**
 * One paper print of a version (补领 reprints): its serial, PDF and who printed it.
 */

import type { Actor } from './certificate-status';
import type { LicenceNumber } from './licence-number';
import type { StoredPdf } from './pdf-signature/stored-pdf';

/**
 * One paper print of a version.
 *
 * @example
 * const print: PaperPrint = { licenceNo, version: 1, paperSerial: '20260000002', pdf, qrText, printedAt, printedBy, source };
 */
export interface PaperPrint {
  readonly licenceNo: LicenceNumber;
  readonly version: number;
  readonly paperSerial: string;
  readonly replacesPaperSerial: string;
  readonly pdf: StoredPdf;
  readonly qrText: string;
  readonly printedAt: string;
  readonly printedBy: Actor;
  readonly source: string;
}
