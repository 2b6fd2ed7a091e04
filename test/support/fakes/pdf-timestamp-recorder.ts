/**
 * In-memory {@link PdfTimestampRecorder} on the shared {@link FakeTable}, with the adapter's semantics: the version's
 * (or reprint's) PDF replaced only while its digest is still the B-B file's, the new digest registered for the same
 * version (the old one kept), the audit event written and the outbox message completed — all or nothing; a failed
 * condition is `changed`. Its contract with the adapter: `test/integration/port-contracts/pdf-timestamp-recorder.test.ts`.
 *
 * @example
 * const recorder = new FakePdfTimestampRecorder(table);
 * await recorder.recordTimestamped({ target, from, to, audit, message }); // 'recorded'
 */
import type {
  PdfTimestampRecorder,
  TimestampedPdfCommit,
  TimestampRecordOutcome,
} from '../../../lambdas/ports/pdf-timestamp-recorder';
import { auditWrite, keyOf as licenceKeyOf } from './certificate-repository';
import { keyOf as printKeyOf } from './reprint-repository';
import { commitAll, stored } from './storage';
import { FakeTable, outboxKeyOf } from './table';

class Changed extends Error {}

export class FakePdfTimestampRecorder implements PdfTimestampRecorder {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async recordTimestamped(commit: TimestampedPdfCommit): Promise<TimestampRecordOutcome> {
    const t = this.table;
    const { target, from, to } = commit;
    const paperSerial = target.paperSerial;
    const holds = () => {
      const pdf =
        paperSerial === undefined
          ? t.versions.get(`${licenceKeyOf(target.licenceNo)}#${target.version}`)?.pdf
          : t.prints.get(printKeyOf(target.licenceNo, paperSerial))?.pdf;
      return pdf?.sha256 === from.sha256;
    };
    const apply = () => {
      if (paperSerial === undefined) {
        const key = `${licenceKeyOf(target.licenceNo)}#${target.version}`;
        const version = t.versions.get(key);
        if (version) t.versions.set(key, stored({ ...version, pdf: to }));
      } else {
        const key = printKeyOf(target.licenceNo, paperSerial);
        const print = t.prints.get(key);
        if (print) t.prints.set(key, stored({ ...print, pdf: to }));
      }
    };
    try {
      commitAll(
        [
          { reason: 'pdf', holds, apply },
          {
            reason: 'digest',
            holds: () => !t.pdfDigests.has(to.sha256),
            apply: () => t.pdfDigests.set(to.sha256, { licenceNo: target.licenceNo, version: target.version }),
          },
          auditWrite(t, commit.audit),
          { reason: 'outbox', holds: () => true, apply: () => t.outbox.delete(outboxKeyOf(commit.message)) },
        ],
        () => new Changed(),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof Changed) return 'changed';
      throw error;
    }
  }
}
