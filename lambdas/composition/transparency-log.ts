/**
 * Wiring of the transparency log: its table state, its public copy in the log bucket, and the checkpoint-signing key
 * `SIGNER` names — a key file beside the local certificate keys, or the KMS key `LOG_KEY_ID` (only the sequencer has
 * it). The signer is opened on first use and, if that fails (KMS unreachable), tried again on the next.
 *
 * @example
 * await integrateLog(sequencerDeps());
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { logKey } from '../../lib/resources';
import { DynamoCertificateRepository } from '../adapters/dynamo/certificate-repository';
import { DynamoLogStore } from '../adapters/dynamo/log-store';
import { S3LogPublication } from '../adapters/s3/log-publication';
import { S3ObjectStore } from '../adapters/s3/object-store';
import { createKmsLogSigner, openLocalLogSigner } from '../adapters/signing/log-signers';
import type { LogPublication } from '../ports/log-publication';
import type { LogSigner } from '../ports/log-signer';
import type { LogStore } from '../ports/log-store';
import { dynamoClient, kmsClient, s3Client } from '../shared/clients';
import { ConfigError, config } from '../shared/config';
import { type BackfillLogReport, backfillLog } from '../use-cases/transparency/backfill-log';
import type { SequencerDeps } from '../use-cases/transparency/sequencer';
import { clock } from './clock';
import { once } from './once';
import { outboxPublisher } from './outbox';
import { certificateRepository } from './storage';

export const logStore = once<LogStore>(() => new DynamoLogStore(dynamoClient(), config().tableName));

export const logPublication = once<LogPublication>(
  () => new S3LogPublication(new S3ObjectStore(s3Client(), config().logBucket)),
);

function openLogSigner(): Promise<LogSigner> {
  const { signer, log } = config();
  if (signer.kind === 'local') return openLocalLogSigner(join(signer.dir, logKey.localFile));
  if (!log.kmsKeyId) throw new ConfigError(`missing environment variable ${logKey.envVar}`);
  return createKmsLogSigner({ client: kmsClient(), keyId: log.kmsKeyId });
}

let opened: Promise<LogSigner> | undefined;
const signer = (): Promise<LogSigner> => {
  opened ??= openLogSigner().catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
};

/** The log signer, opened on first use. */
export const logSigner: LogSigner = {
  publicKey: async () => (await signer()).publicKey(),
  sign: async (message) => (await signer()).sign(message),
};

/**
 * Deps of the sequencer; `parts` replace any of them.
 *
 * @example
 * await integrateLog(sequencerDeps({ clock }));
 */
export const sequencerDeps = (parts: Partial<SequencerDeps> = {}): SequencerDeps => ({
  store: logStore(),
  publication: logPublication(),
  signer: logSigner,
  origin: config().log.origin,
  clock,
  ...parts,
});

/**
 * The backfill of certificates issued before the log (`backfill-log.ts`), wired: this process's table and queues (the
 * local runtime, at start), or a table named outright (`npm run backfill:log`, run where no function environment is
 * set: no queue is told; the relay wakes the sequencer within minutes).
 *
 * @example
 * await backfillTransparencyLog(); // the local runtime
 * await backfillTransparencyLog({ tableName: 'permit-prod-table' });
 */
export function backfillTransparencyLog(options: { readonly tableName?: string } = {}): Promise<BackfillLogReport> {
  if (!options.tableName) {
    return backfillLog({ repository: certificateRepository(), log: logStore(), publisher: outboxPublisher(), clock });
  }
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return backfillLog({
    repository: new DynamoCertificateRepository(client, options.tableName),
    log: new DynamoLogStore(client, options.tableName),
    publisher: { publish: async () => ({ failed: [] }) },
    clock,
  });
}
