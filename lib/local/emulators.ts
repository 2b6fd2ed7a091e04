/**
 * Start the three AWS emulators side by side: DynamoDB Local (Java, guarded child process), s3rver behind its
 * signature-checking front, and fauxqs (both in this process). Data lives under `dataDir`: `dynamodb/` (unless in
 * memory) and `s3/`; SQS is always in memory.
 *
 * @example
 * const emulators = await startEmulators({ dataDir: '.permit' });
 * console.log(emulators.endpoints); // { dynamodb: 'http://127.0.0.1:…', s3: …, sqs: …, region: 'cn-north-1' }
 * await emulators.stop();
 */
import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local';
import type { RunningEmulator } from './running-emulator';
import { startS3Local } from './s3-local';
import { startSqsLocal } from './sqs-local';

/** The region the local runtime reports (and the configuration's default): Beijing, as a PRC deployment would use. */
export const LOCAL_REGION = 'cn-north-1';
/** The account id emulators and events report. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Where the emulators answer; serialisable, so vitest's global setup can `provide` it to test workers. */
export interface EmulatorEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sqs: string;
  readonly region: string;
}

export interface EmulatorPorts {
  /** 0 (default) picks a free port. */
  readonly dynamodb?: number;
  readonly s3?: number;
  readonly sqs?: number;
}

export interface EmulatorOptions {
  /** Root of the on-disk data (`dynamodb/`, `s3/`). */
  readonly dataDir: string;
  /** Keep DynamoDB in memory (tests): faster, nothing written to disk. */
  readonly inMemoryDynamo?: boolean;
  readonly ports?: EmulatorPorts;
  /** Environment variable names to cite when a configured port is taken. */
  readonly portVariables?: { readonly dynamodb?: string; readonly s3?: string; readonly sqs?: string };
  readonly region?: string;
}

export interface Emulators {
  readonly endpoints: EmulatorEndpoints;
  readonly dynamodb: RunningEmulator;
  readonly s3: RunningEmulator;
  readonly sqs: RunningEmulator;
  /** Stop all three; idempotent. */
  stop(): Promise<void>;
}

/**
 * Start all three emulators in parallel; if one fails, stop the others and rethrow its error.
 *
 * @example
 * const { endpoints, stop } = await startEmulators({ dataDir: '.permit', inMemoryDynamo: true });
 */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const region = options.region ?? LOCAL_REGION;
  const started = await Promise.allSettled([
    startDynamoDbLocal({
      port: options.ports?.dynamodb ?? 0,
      ...(options.inMemoryDynamo ? {} : { dbPath: join(options.dataDir, 'dynamodb') }),
      ...(options.portVariables?.dynamodb ? { portVariable: options.portVariables.dynamodb } : {}),
    }),
    startS3Local({
      port: options.ports?.s3 ?? 0,
      directory: join(options.dataDir, 's3'),
      region,
      ...(options.portVariables?.s3 ? { portVariable: options.portVariables.s3 } : {}),
    }),
    startSqsLocal({
      port: options.ports?.sqs ?? 0,
      region,
      ...(options.portVariables?.sqs ? { portVariable: options.portVariables.sqs } : {}),
    }),
  ]);
  const failure = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    // Do not leave the ones that did start running.
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw failure.reason;
  }
  const [dynamodb, s3, sqs] = started.map((r) => (r as PromiseFulfilledResult<RunningEmulator>).value) as [
    RunningEmulator,
    RunningEmulator,
    RunningEmulator,
  ];
  let stopping: Promise<void> | undefined;
  return {
    endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, sqs: sqs.endpoint, region },
    dynamodb,
    s3,
    sqs,
    stop: () => {
      stopping ??= Promise.all([dynamodb.stop(), s3.stop(), sqs.stop()]).then(() => undefined);
      return stopping;
    },
  };
}
