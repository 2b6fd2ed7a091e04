/**
 * The outbox message that asks for a document timestamp on a PDF signed while the TSA was unreachable (topic
 * `pdfTimestamps`, `lib/resources.ts`). Written in the issuance's (or reprint's) own transaction, so no B-B file is
 * ever forgotten; the timestamper completes it once the B-T file is recorded.
 *
 * @example
 * const message = pdfTimestampMessage({ licenceNo, version: 1 }, at); // id 'pdfts.鄂XK06-001-00001.v1'
 */
import type { LicenceNumber } from '../../domain/licence-number';
import type { OutboxMessage } from '../../ports/transaction-parts';
import { outboxMessage } from '../outbox/message';

/** Which stored PDF: a version's electronic certificate, or a reprint's file. */
export type TimestampTarget =
  | { readonly licenceNo: LicenceNumber; readonly version: number }
  | { readonly licenceNo: LicenceNumber; readonly paperSerial: string };

/**
 * The message for one PDF.
 *
 * @example
 * pdfTimestampMessage({ licenceNo, paperSerial: '20260000002' }, at).id; // 'pdfts.鄂XK06-001-00001.p20260000002'
 */
export function pdfTimestampMessage(target: TimestampTarget, at: Date): OutboxMessage {
  const licence = target.licenceNo.toUrlSafe();
  return 'version' in target
    ? outboxMessage(
        'pdfTimestamps',
        `pdfts.${licence}.v${target.version}`,
        { licenceNo: target.licenceNo.toString(), version: target.version },
        at,
      )
    : outboxMessage(
        'pdfTimestamps',
        `pdfts.${licence}.p${target.paperSerial}`,
        { licenceNo: target.licenceNo.toString(), paperSerial: target.paperSerial },
        at,
      );
}
