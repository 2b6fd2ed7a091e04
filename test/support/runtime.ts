/**
 * The whole local runtime for an integration test file: gateway, handlers, pollers and timers in this process, on
 * the shared emulators with this file's own resources, a throw-away data directory and a free port.
 *
 * @example
 * let runtime: TestRuntime;
 * beforeAll(async () => { runtime = await startTestRuntime(); });
 * afterAll(() => runtime.stop());
 * test('health', async () => {
 *   const res = await fetch(`${runtime.baseUrl}/health`);
 *   expect(res.status).toBe(200);
 * });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalRuntime, LocalRuntimeOptions } from '../../lib/local/runtime';
import { startLocalRuntime } from '../../lib/local/runtime';
import { sharedEmulators, uniqueSuffix } from './emulators';

export interface TestRuntime extends LocalRuntime {
  /** The throw-away data directory (removed by `stop()` unless `keepDataDir`). */
  readonly dataDir: string;
  /** `fetch` relative to the base URL, optionally as a demo user: `runtime.request('/health', { as: 'officer' })`. */
  request(path: string, init?: RequestInit & { as?: keyof LocalRuntime['tokens'] }): Promise<Response>;
}

export interface TestRuntimeOptions extends Partial<LocalRuntimeOptions> {
  /** Start private emulators (own Java process) instead of sharing the run's; needed to stop or restart them. */
  readonly ownEmulators?: boolean;
  /** Keep `dataDir` on stop (restart tests pass the same directory to a second runtime). */
  readonly keepDataDir?: boolean;
}

export async function startTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const { ownEmulators, keepDataDir, ...rest } = options;
  const dataDir = rest.dataDir ?? mkdtempSync(join(tmpdir(), 'permit-test-'));
  const runtime = await startLocalRuntime({
    port: 0,
    ...(ownEmulators
      ? { inMemoryDynamo: rest.inMemoryDynamo ?? true }
      : { emulators: await sharedEmulators(), resourceSuffix: rest.resourceSuffix ?? uniqueSuffix() }),
    ...rest,
    dataDir,
  });
  const stop = runtime.stop;
  return {
    ...runtime,
    dataDir,
    request: (path: string, init: RequestInit & { as?: keyof LocalRuntime['tokens'] } = {}) => {
      const { as, ...requestInit } = init;
      const headers = new Headers(requestInit.headers);
      if (as) headers.set('authorization', `Bearer ${runtime.tokens[as]}`);
      return fetch(`${runtime.baseUrl}${path}`, { ...requestInit, headers });
    },
    stop: async () => {
      await stop();
      if (!keepDataDir && !rest.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
