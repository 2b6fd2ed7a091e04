/**
 * Starts the shared test emulators on first request, not at vitest start-up: a run of unit tests alone never starts
 * Java (and does not need it installed), while integration test files share one set of emulators.
 *
 * The broker is a loopback HTTP endpoint in vitest's main process; workers (separate processes) ask it for the
 * endpoints through {@link sharedEmulators} in `test/support/emulators.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulators, startEmulators } from '../../lib/local/emulators';

export interface EmulatorBroker {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEmulatorBroker(): Promise<EmulatorBroker> {
  let dataDir: string | undefined;
  let starting: Promise<Emulators> | undefined;
  const ensure = (): Promise<Emulators> => {
    if (!starting) {
      dataDir = mkdtempSync(join(tmpdir(), 'permit-test-emulators-'));
      // DynamoDB in memory: fast and throw-away; s3rver still needs a directory.
      starting = startEmulators({ dataDir, inMemoryDynamo: true });
    }
    return starting;
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/emulators') {
      res.writeHead(404).end();
      return;
    }
    ensure().then(
      (emulators) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(emulators.endpoints));
      },
      (error: unknown) => {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: String((error as Error).message) }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (starting) await (await starting.catch(() => undefined))?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
