/**
 * Wiring of the PDF timestamper (`pdf-timestamper` function): the register's versions and reprints, the certificate
 * PDFs, the PDF sealer (its TSA from configuration), the recorder's transaction on the table and the outbox.
 *
 * @example
 * await timestampPdfs(pdfTimestamperDeps(), bodies);
 */
import { DynamoPdfTimestampRecorder } from '../adapters/dynamo/pdf-timestamp-recorder';
import { DynamoReprintRepository } from '../adapters/dynamo/reprint-repository';
import type { PdfTimestampRecorder } from '../ports/pdf-timestamp-recorder';
import type { ReprintRepository } from '../ports/reprint-repository';
import { dynamoClient } from '../shared/clients';
import { config } from '../shared/config';
import type { PdfTimestamperDeps } from '../use-cases/pdf-timestamps/upgrade';
import { clock } from './clock';
import { once } from './once';
import { outboxStore } from './outbox';
import { pdfSealer } from './pdf-sealer';
import { certificatePdfs, certificateRepository } from './storage';

const reprints = once<ReprintRepository>(() => new DynamoReprintRepository(dynamoClient(), config().tableName));

export const pdfTimestampRecorder = once<PdfTimestampRecorder>(
  () => new DynamoPdfTimestampRecorder(dynamoClient(), config().tableName),
);

/**
 * Deps of the timestamper; `parts` replace any of them (tests: a sealer whose TSA is up or down).
 *
 * @example
 * await timestampPdfs(pdfTimestamperDeps({ sealer: () => sealer }), bodies);
 */
export const pdfTimestamperDeps = (parts: Partial<PdfTimestamperDeps> = {}): PdfTimestamperDeps => ({
  register: certificateRepository(),
  reprints: reprints(),
  pdfs: certificatePdfs(),
  // Resolved at the first message, not at cold start (see `PdfTimestamperDeps.sealer`).
  sealer: pdfSealer,
  recorder: pdfTimestampRecorder(),
  outbox: outboxStore(),
  clock,
  ...parts,
});
