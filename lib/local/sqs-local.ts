/**
 * SQS emulator: fauxqs, in this process and in memory (queues and messages do not survive a restart; their
 * definitions are re-created from `lib/resources.ts` on every start).
 *
 * Two deliberate departures from `startFauxqs()`:
 * - it listens on loopback only (`startFauxqs` binds 0.0.0.0);
 * - queue URLs use the host the client called (`http://127.0.0.1:<port>/000000000000/<name>`) instead of
 *   `sqs.<region>.localhost`, which does not resolve on most machines. The AWS SDK sends SQS calls to the queue URL's
 *   host when the client was configured through `AWS_ENDPOINT_URL_SQS`, so an unresolvable host would break every
 *   handler. fauxqs does this when its store's `host` is empty; the store class is not exported, hence the deep
 *   import (pinned fauxqs 1.9.2; `test/integration/runtime` checks the URL shape).
 *
 * @example
 * const sqs = await startSqsLocal({ port: 0, region: 'cn-north-1' });
 * await sqs.stop();
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildAppOptions, buildApp } from 'fauxqs';
import { LocalRuntimeError } from './errors';
import { LOOPBACK, portInUse } from './ports';
import type { RunningEmulator } from './running-emulator';

export interface SqsLocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly region: string;
  readonly portVariable?: string;
}

async function storeWithRequestHostUrls(): Promise<NonNullable<BuildAppOptions['stores']>['sqsStore']> {
  const searchPaths = createRequire(import.meta.url).resolve.paths('fauxqs') ?? [];
  const file = searchPaths.map((dir) => join(dir, 'fauxqs', 'dist', 'sqs', 'sqsStore.js')).find((f) => existsSync(f));
  if (!file) throw new LocalRuntimeError('EMULATOR_START_FAILED', 'fauxqs is not installed (run npm ci)');
  const { SqsStore } = (await import(pathToFileURL(file).href)) as {
    SqsStore: new () => NonNullable<BuildAppOptions['stores']>['sqsStore'] & { host: string };
  };
  const store = new SqsStore();
  store.host = '';
  return store;
}

/**
 * Start fauxqs on loopback.
 *
 * @example
 * const { endpoint } = await startSqsLocal({ port: 0, region: 'cn-north-1' });
 */
export async function startSqsLocal(options: SqsLocalOptions): Promise<RunningEmulator> {
  const sqsStore = await storeWithRequestHostUrls();
  // Only the SQS store is replaced; buildApp creates the SNS and S3 stores itself when they are absent.
  const stores = { sqsStore } as unknown as BuildAppOptions['stores'];
  const app = buildApp({ logger: false, defaultRegion: options.region, stores });
  let address: string;
  try {
    address = await app.listen({ port: options.port, host: LOOPBACK });
  } catch (error) {
    await app.close().catch(() => {});
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portInUse(options.port, options.portVariable ?? 'SQS_PORT', error);
    }
    throw error;
  }
  const port = Number(new URL(address).port);
  let stopped: Promise<void> | undefined;
  return {
    name: 'sqs',
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    stop: () => {
      if (!stopped) stopped = Promise.resolve(app.close()).then(() => undefined);
      return stopped;
    },
  };
}
