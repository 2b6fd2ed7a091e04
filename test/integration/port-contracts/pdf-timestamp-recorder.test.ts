/**
 * The PDF timestamp recorder's contract — the same assertions against the in-memory fake and the DynamoDB adapter on
 * DynamoDB Local: a B-B version's (or reprint's) PDF replaced by its B-T file only while its digest is still the B-B
 * one, the new digest registered for the same version beside the old, the audit event written and the outbox message
 * completed, all or nothing; a stale `from`, a target that does not exist or a digest already registered write
 * nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { DynamoCertificateRepository } from '../../../lambdas/adapters/dynamo/certificate-repository';
import { DynamoOutboxStore } from '../../../lambdas/adapters/dynamo/outbox-store';
import { DynamoPdfTimestampRecorder } from '../../../lambdas/adapters/dynamo/pdf-timestamp-recorder';
import { DynamoReprintRepository } from '../../../lambdas/adapters/dynamo/reprint-repository';
import type { AuditEvent } from '../../../lambdas/domain/audit-event';
import { Certificate } from '../../../lambdas/domain/certificate';
import type { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { PaperPrint } from '../../../lambdas/domain/paper-print';
import { PaperSerial } from '../../../lambdas/domain/paper-serial';
import type { StoredPdf } from '../../../lambdas/domain/pdf-signature/stored-pdf';
import type { CertificateRepository, IssuanceCommit } from '../../../lambdas/ports/certificate-repository';
import type { OutboxStore } from '../../../lambdas/ports/outbox-store';
import type { PdfTimestampRecorder } from '../../../lambdas/ports/pdf-timestamp-recorder';
import type { ReprintRepository } from '../../../lambdas/ports/reprint-repository';
import type { OutboxMessage } from '../../../lambdas/ports/transaction-parts';
import { pdfTimestampMessage, type TimestampTarget } from '../../../lambdas/use-cases/pdf-timestamps/message';
import {
  FakeCertificateRepository,
  FakeOutboxStore,
  FakePdfTimestampRecorder,
  FakeReprintRepository,
  FakeTable,
  officer,
} from '../../support/fakes';
import { issuanceCommit, unique } from './records';
import { dynamoParts, emulatorStore, fakeParts, type PartWriter } from './subjects';

interface Subject {
  readonly recorder: PdfTimestampRecorder;
  readonly repository: CertificateRepository;
  readonly reprints: ReprintRepository;
  readonly outbox: OutboxStore;
  readonly writeParts: PartWriter;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'in-memory fake',
    async () => {
      const table = new FakeTable();
      return {
        recorder: new FakePdfTimestampRecorder(table),
        repository: new FakeCertificateRepository(table),
        reprints: new FakeReprintRepository(table),
        outbox: new FakeOutboxStore(table),
        writeParts: fakeParts(table),
      };
    },
  ],
  [
    'DynamoDB adapter',
    async () => {
      const store = await emulatorStore();
      const { dynamo, names } = store;
      return {
        recorder: new DynamoPdfTimestampRecorder(dynamo, names.tableName),
        repository: new DynamoCertificateRepository(dynamo, names.tableName),
        reprints: new DynamoReprintRepository(dynamo, names.tableName),
        outbox: new DynamoOutboxStore(dynamo, names.tableName),
        writeParts: dynamoParts(store),
      };
    },
  ],
];

const T0 = new Date('2026-12-06T02:00:00.000Z');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A stored PDF of the given level, its digest unique. */
const pdf = (pades: 'B-B' | 'B-T', licenceNo: LicenceNumber): StoredPdf => {
  const sha256 = sha(`${pades} ${randomUUID()}`);
  return { key: `certificates/${licenceNo.toUrlSafe()}/v1/${sha256}.pdf`, sha256, size: 4096, pades };
};

const auditOf = (licenceNo: LicenceNumber, from: StoredPdf, to: StoredPdf): AuditEvent => ({
  id: randomUUID(),
  at: T0.toISOString(),
  licenceNo,
  action: 'certificate.pdf-timestamped',
  actor: { type: 'system', id: 'pdf-timestamper' },
  details: { version: 1, from: from.sha256, to: to.sha256 },
});

describe.each(subjects)('PdfTimestampRecorder — %s', (_, make) => {
  let subject: Promise<Subject> | undefined;
  const s = () => {
    subject ??= make();
    return subject;
  };

  /** A licence whose version 1 PDF is B-B, with its pending `pdfTimestamps` message. */
  async function bbVersion(): Promise<{ issued: IssuanceCommit; from: StoredPdf; message: OutboxMessage }> {
    const { repository, writeParts } = await s();
    const plain = issuanceCommit({ at: T0 });
    const from = pdf('B-B', plain.certificate.licenceNumber);
    const issued = { ...plain, version: { ...plain.version, pdf: from } };
    await repository.commitIssuance(issued);
    const message = pdfTimestampMessage({ licenceNo: issued.version.licenceNo, version: 1 }, T0);
    await writeParts([{ kind: 'outbox', message }]);
    return { issued, from, message };
  }

  test('records the B-T file: the version’s PDF replaced, both digests found, audited, the message completed', async () => {
    // Prepare
    const { recorder, repository, outbox } = await s();
    const { issued, from, message } = await bbVersion();
    const licenceNo = issued.version.licenceNo;
    const to = pdf('B-T', licenceNo);
    const audit = auditOf(licenceNo, from, to);

    // Act
    const outcome = await recorder.recordTimestamped({ target: { licenceNo, version: 1 }, from, to, audit, message });

    // Assess
    expect(outcome).toBe('recorded');
    expect(await repository.getVersion(licenceNo, 1)).toEqual({ ...issued.version, pdf: to });
    expect(await repository.findVersionByPdfSha256(from.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await repository.findVersionByPdfSha256(to.sha256)).toEqual({ licenceNo, version: 1 });
    expect((await repository.listAudit(licenceNo, { limit: 10 })).items).toContainEqual(audit);
    expect(await outbox.get(message)).toBeUndefined();
    // The head is not touched.
    expect((await repository.get(licenceNo))?.certificate).toEqual(issued.certificate);
  });

  test('writes nothing when the version no longer holds the B-B file, or does not exist', async () => {
    // Prepare: a first upgrade recorded, then a second run with the same stale `from`
    const { recorder, repository, outbox, writeParts } = await s();
    const { issued, from, message } = await bbVersion();
    const licenceNo = issued.version.licenceNo;
    const first = pdf('B-T', licenceNo);
    await recorder.recordTimestamped({
      target: { licenceNo, version: 1 },
      from,
      to: first,
      audit: auditOf(licenceNo, from, first),
      message,
    });
    await writeParts([{ kind: 'outbox', message: { ...message, id: `${message.id}.again` } }]);
    const second = pdf('B-T', licenceNo);
    const late = auditOf(licenceNo, from, second);

    // Act
    const stale = await recorder.recordTimestamped({
      target: { licenceNo, version: 1 },
      from,
      to: second,
      audit: late,
      message: { topic: 'pdfTimestamps', id: `${message.id}.again` },
    });
    const absent = await recorder.recordTimestamped({
      target: { licenceNo, version: 2 },
      from,
      to: pdf('B-T', licenceNo),
      audit: auditOf(licenceNo, from, second),
      message,
    });

    // Assess
    expect([stale, absent]).toEqual(['changed', 'changed']);
    expect((await repository.getVersion(licenceNo, 1))?.pdf).toEqual(first);
    expect(await repository.getVersion(licenceNo, 2)).toBeUndefined();
    expect(await repository.findVersionByPdfSha256(second.sha256)).toBeUndefined();
    expect((await repository.listAudit(licenceNo, { limit: 10 })).items.map((e) => e.id)).not.toContain(late.id);
    expect(await outbox.get({ topic: 'pdfTimestamps', id: `${message.id}.again` })).toBeDefined();
  });

  test('writes nothing when the new digest is already registered', async () => {
    // Prepare: the "new" file's digest is another version's
    const { recorder, repository, outbox } = await s();
    const other = await bbVersion();
    const { issued, from, message } = await bbVersion();
    const licenceNo = issued.version.licenceNo;
    const to: StoredPdf = { ...other.from, pades: 'B-T' };

    // Act
    const outcome = await recorder.recordTimestamped({
      target: { licenceNo, version: 1 },
      from,
      to,
      audit: auditOf(licenceNo, from, to),
      message,
    });

    // Assess
    expect(outcome).toBe('changed');
    expect((await repository.getVersion(licenceNo, 1))?.pdf).toEqual(from);
    expect(await repository.findVersionByPdfSha256(to.sha256)).toEqual({
      licenceNo: other.issued.version.licenceNo,
      version: 1,
    });
    expect(await outbox.get(message)).toBeDefined();
  });

  test('records a reprint’s B-T file on its print, registered for its version; the version keeps its own PDF', async () => {
    // Prepare: a reprint whose file is B-B
    const { recorder, repository, reprints, outbox, writeParts } = await s();
    const issued = issuanceCommit({ at: T0 });
    await repository.commitIssuance(issued);
    const licenceNo = issued.version.licenceNo;
    const current = Certificate.rehydrate(issued.certificate);
    const paperSerial = PaperSerial.of(2027, unique());
    const next = current.reissuePaper({ paperSerial, actor: officer, at: T0, reference: 'contract' });
    const from = pdf('B-B', licenceNo);
    const print: PaperPrint = {
      licenceNo,
      version: 1,
      paperSerial: paperSerial.toString(),
      replacesPaperSerial: issued.certificate.paperSerial,
      pdf: from,
      qrText: issued.version.qrText,
      printedAt: T0.toISOString(),
      printedBy: officer,
      source: 'contract',
    };
    await reprints.commitReprint({
      certificate: next.toSnapshot(),
      expectedRevision: current.revision,
      currentVersion: 1,
      print,
      idempotencyKey: `contract:reprint-${unique()}`,
      audit: { ...auditOf(licenceNo, from, from), action: 'certificate.reissue-paper' },
      parts: [],
    });
    const target: TimestampTarget = { licenceNo, paperSerial: print.paperSerial };
    const message = pdfTimestampMessage(target, T0);
    await writeParts([{ kind: 'outbox', message }]);
    const to = pdf('B-T', licenceNo);

    // Act
    const outcome = await recorder.recordTimestamped({
      target: { licenceNo, version: 1, paperSerial: print.paperSerial },
      from,
      to,
      audit: auditOf(licenceNo, from, to),
      message,
    });

    // Assess
    expect(outcome).toBe('recorded');
    expect(await reprints.getPrint(licenceNo, print.paperSerial)).toEqual({ ...print, pdf: to });
    expect(await repository.getVersion(licenceNo, 1)).toEqual(issued.version);
    expect(await repository.findVersionByPdfSha256(to.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await repository.findVersionByPdfSha256(from.sha256)).toEqual({ licenceNo, version: 1 });
    expect(await outbox.get(message)).toBeUndefined();
  });
});
