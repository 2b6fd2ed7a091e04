/**
 * The enterprise-name index's backfill, wired: the register of this process (the handlers' table from `config()`), or
 * of a table named outright (the command-line tool, run where no function environment is set).
 *
 * @example
 * const report = await backfillCertificateNames(); // the local runtime, at start
 * await backfillCertificateNames({ tableName: 'permit-prod-table' }); // `npm run backfill:name-index`
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCertificateRepository } from '../adapters/dynamo/certificate-repository';
import { type BackfillReport, backfillNameIndex } from '../use-cases/backfill-name-index';
import { certificateRepository } from './storage';

export function backfillCertificateNames(
  options: Parameters<typeof backfillNameIndex>[1] & { readonly tableName?: string } = {},
): Promise<BackfillReport> {
  const { tableName, ...rest } = options;
  // A named table: a client from the SDK's own configuration (region, credentials, endpoint), no function config.
  const repository = tableName
    ? new DynamoCertificateRepository(
        DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
        tableName,
      )
    : certificateRepository();
  return backfillNameIndex({ repository }, rest);
}
