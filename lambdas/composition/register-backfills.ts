/**
 * The register's one-off backfills, wired — the enterprise-name index (`backfillNameIndex`) and the status-list slots
 * (`backfillStatusSlots`): on the register of this process (the handlers' table from `config()`), or of a table named
 * outright (the command-line tools, run where no function environment is set).
 *
 * @example
 * const report = await backfillCertificateNames(); // the local runtime, at start
 * await backfillCertificateNames({ tableName: 'permit-prod-table' }); // `npm run backfill:name-index`
 * await backfillCertificateSlots({ tableName: 'permit-prod-table' }); // `npm run backfill:status-list`
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCertificateRepository } from '../adapters/dynamo/certificate-repository';
import type { CertificateRepository } from '../ports/certificate-repository';
import { type BackfillReport, backfillNameIndex } from '../use-cases/backfill-name-index';
import { backfillStatusSlots, type StatusSlotReport } from '../use-cases/backfill-status-slots';
import { clock } from './clock';
import { outboxPublisher } from './outbox';
import { certificateRepository } from './storage';

/** The register of a named table (a client from the SDK's own configuration), or this process's. */
function registerOf(tableName: string | undefined): CertificateRepository {
  if (!tableName) return certificateRepository();
  return new DynamoCertificateRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  );
}

export function backfillCertificateNames(
  options: Parameters<typeof backfillNameIndex>[1] & { readonly tableName?: string } = {},
): Promise<BackfillReport> {
  const { tableName, ...rest } = options;
  return backfillNameIndex({ repository: registerOf(tableName) }, rest);
}

/**
 * Give every licence issued before the status list its slot.
 *
 * @example
 * const report = await backfillCertificateSlots(); // { assigned, present, missing, pages }
 */
export function backfillCertificateSlots(
  options: Parameters<typeof backfillStatusSlots>[1] & { readonly tableName?: string } = {},
): Promise<StatusSlotReport> {
  const { tableName, ...rest } = options;
  // Announcements of licences that are not valid: published at once in this process, by the relay for a named table.
  const publisher = tableName ? {} : { publisher: outboxPublisher() };
  return backfillStatusSlots({ repository: registerOf(tableName), clock, ...publisher }, rest);
}
