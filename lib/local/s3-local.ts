/**
 * S3 emulator: s3rver, in this process, storing buckets and objects in a directory (so they survive restarts), behind
 * a front that checks what S3 checks (`s3-front.ts`). s3rver itself verifies no signature, so it listens on an
 * internal loopback port and only the front is exposed: unsigned requests, edited or expired presigned URLs and POST
 * uploads outside their policy are refused with S3's own errors. The one account is access key `S3RVER` / secret
 * `S3RVER` in the emulators' region.
 *
 * @example
 * const s3 = await startS3Local({ port: 0, directory: '.permit/s3', region: 'cn-north-1' });
 * await s3.stop();
 */
import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { LOOPBACK } from './ports';
import type { RunningEmulator } from './running-emulator';
import { startS3Front } from './s3-front';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3LocalOptions {
  /** The exposed (front) port; 0 picks a free port. */
  readonly port: number;
  readonly directory: string;
  /** The region requests must be signed for. */
  readonly region: string;
  readonly portVariable?: string;
  /** The clock the front checks signatures against (expiry, skew, POST policies); real time by default. */
  readonly now?: () => Date;
}

/**
 * Start s3rver on an internal loopback port and the signature-checking front on `port`.
 *
 * @example
 * const { endpoint } = await startS3Local({ port: 0, directory: '.permit/s3', region: 'cn-north-1' });
 */
export async function startS3Local(options: S3LocalOptions): Promise<RunningEmulator> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: LOOPBACK,
    port: 0,
    silent: true,
    directory: options.directory,
    resetOnClose: false,
  });
  const stopS3rver = async () => {
    const closing = server.close();
    // Keep-alive sockets from the front's agent would hold close() open; drop them once no new ones are accepted.
    server.httpServer?.closeAllConnections();
    await closing;
  };
  const upstreamPort = (await server.run()).port;
  let front: Awaited<ReturnType<typeof startS3Front>>;
  try {
    front = await startS3Front({
      port: options.port,
      upstream: `http://${LOOPBACK}:${upstreamPort}`,
      account: { ...S3RVER_CREDENTIALS, region: options.region },
      ...(options.portVariable ? { portVariable: options.portVariable } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    await stopS3rver();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    name: 's3',
    endpoint: front.endpoint,
    port: front.port,
    stop: () => {
      stopped ??= (async () => {
        await front.close();
        await stopS3rver();
      })();
      return stopped;
    },
  };
}
