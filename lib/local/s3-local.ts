/**
 * S3 emulator: s3rver, in this process, storing buckets and objects in a directory (so they survive restarts).
 * It accepts only the access key `S3RVER` / secret `S3RVER` and does not check signatures.
 *
 * @example
 * const s3 = await startS3Local({ port: 0, directory: '.permit/s3' });
 * await s3.stop();
 */
import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { LOOPBACK, portInUse } from './ports';
import type { RunningEmulator } from './running-emulator';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3LocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly directory: string;
  readonly portVariable?: string;
}

/**
 * Start s3rver on loopback over a directory.
 *
 * @example
 * const { endpoint } = await startS3Local({ port: 0, directory: '.permit/s3' });
 */
export async function startS3Local(options: S3LocalOptions): Promise<RunningEmulator> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: LOOPBACK,
    port: options.port,
    silent: true,
    directory: options.directory,
    resetOnClose: false,
  });
  let port: number;
  try {
    port = (await server.run()).port;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portInUse(options.port, options.portVariable ?? 'S3_PORT', error);
    }
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    name: 's3',
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    stop: () => {
      stopped ??= (async () => {
        const closing = server.close();
        // Keep-alive sockets from SDK clients would hold close() open; drop them once no new ones are accepted.
        server.httpServer?.closeAllConnections();
        await closing;
      })();
      return stopped;
    },
  };
}
