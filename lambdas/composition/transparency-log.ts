/**
 * Wiring of the transparency log: its table state, its public copy in the log bucket, and the checkpoint-signing key
 * `SIGNER` names — a key file beside the local certificate keys, or the KMS key `LOG_KEY_ID` (only the sequencer has
 * it). The signer is opened on first use and, if that fails (KMS unreachable), tried again on the next.
 *
 * @example
 * await integrateLog(sequencerDeps());
 */
import { join } from 'node:path';
import { logKey } from '../../lib/resources';
import { DynamoLogStore } from '../adapters/dynamo/log-store';
import { S3LogPublication } from '../adapters/s3/log-publication';
import { S3ObjectStore } from '../adapters/s3/object-store';
import { createKmsLogSigner, openLocalLogSigner } from '../adapters/signing/log-signers';
import type { LogPublication } from '../ports/log-publication';
import type { LogSigner } from '../ports/log-signer';
import type { LogStore } from '../ports/log-store';
import { dynamoClient, kmsClient, s3Client } from '../shared/clients';
import { ConfigError, config } from '../shared/config';
import type { SequencerDeps } from '../use-cases/transparency/sequencer';
import { clock } from './clock';
import { once } from './once';
import { outboxStore } from './outbox';

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
  outbox: outboxStore(),
  clock,
  ...parts,
});
