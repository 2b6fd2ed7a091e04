/**
 * The two sides of a port contract: a fake from `test/support/fakes/` and its adapter on the shared emulators, each
 * in a store of its own (a fresh table and buckets per adapter subject), plus what a contract needs to arrange what
 * the port itself cannot write (transaction parts, which another repository's transaction carries).
 *
 * @example
 * const { client, tableName } = await emulatorTable();
 * await writeParts(client, tableName, [{ kind: 'outbox', message }]);
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { transactItemsOf } from '../../../lambdas/adapters/dynamo/transaction-parts';
import type { TransactionPart } from '../../../lambdas/ports/transaction-parts';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import type { ResourceNames } from '../../../lib/local/provision';
import { isolatedResources } from '../../support/emulators';
import { commitAll } from '../../support/fakes/storage';
import type { FakeTable } from '../../support/fakes/table';

/** Clients on the shared emulators, set up as the functions' own (`lambdas/shared/clients.ts`). */
export interface EmulatorStore {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly names: ResourceNames;
}

/** A fresh table, buckets and queues on the shared emulators, with clients configured like the functions'. */
export async function emulatorStore(): Promise<EmulatorStore> {
  const { endpoints, names } = await isolatedResources();
  const config = emulatorClientConfig;
  return {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient(config(endpoints.dynamodb, endpoints.region)), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    s3: new S3Client({
      ...config(endpoints.s3, endpoints.region),
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    sqs: new SQSClient(config(endpoints.sqs, endpoints.region)),
    names,
  };
}

/** Writes transaction parts as another repository's transaction would. */
export type PartWriter = (parts: readonly TransactionPart[]) => Promise<void>;

/** Parts into the DynamoDB table, as the issuance transaction writes them. */
export const dynamoParts =
  (store: EmulatorStore): PartWriter =>
  async (parts) => {
    await store.dynamo.send(
      new TransactWriteCommand({ TransactItems: parts.flatMap((p) => transactItemsOf(store.names.tableName, p)) }),
    );
  };

/** Parts into the fakes' table. */
export const fakeParts =
  (table: FakeTable): PartWriter =>
  async (parts) =>
    commitAll(
      parts.flatMap((p) => table.partWrites(p)),
      (reason) => new Error(`part refused: ${reason}`),
    );
