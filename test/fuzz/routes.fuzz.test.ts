/**
 * Fuzzing every route of the OpenAPI document the service serves: for each operation, a fast-check property with the
 * route's own seed drives `FUZZ_RUNS` (default 200) generated requests — each as no one, an officer, a reviewer, an
 * admin, the demo enterprise or a second enterprise (and a signing carrier on the webhook) — against one local
 * runtime seeded with real certificates, applications, documents, inspections and a parcel. No answer may be 5xx,
 * every 4xx is a problem with a stable code (or the gateway's own shape), and nothing may be logged as an unexpected
 * error. Routes run a few at a time; failures print the seed, fast-check's path and a curl command.
 *
 * Longer runs: `npm run fuzz -- --runs 2000 [--route getCertificate] [--seed 42]`.
 */

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isConsoleRoute } from '../../lambdas/contracts/route';
import { allRoutes } from '../../lambdas/functions';
import { logger } from '../../lambdas/shared/logger';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { fuzzConfig } from './config';
import { type Corpus, seedCorpus } from './corpus';
import { growApplicationTimeline, growCertificateHistory } from './growth';
import { captureLogs, type LogCapture } from './log-capture';
import { type Operation, operationsOf } from './operations';
import { fuzzRoute, type RouteOutcome, summaryTable } from './property';
import { closeAgent, useAgent } from './wire';

const config = fuzzConfig(process.env);
/** The bearer-token API's routes: console pages (HTML behind the session, `isConsoleRoute`) are not in OpenAPI. */
const apiRoutes = () => allRoutes().filter((r) => !isConsoleRoute(r));
const operationIds = apiRoutes()
  .map((r) => r.operationId)
  .filter((id) => !config.routes || config.routes.includes(id));

let runtime: TestRuntime;
let logs: LogCapture;
let corpus: Corpus;
let root: Record<string, unknown>;
let operations: Operation[];
const outcomes: RouteOutcome[] = [];

/** At most `config.concurrency` routes at once (each route's requests are sequential: its property shrinks). */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= config.concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

beforeAll(async () => {
  // The oracle reads the handlers' warnings and errors (below WARN is noise); `npm test` silences the logger
  // (vitest.config.ts), and every handler of this process shares this one.
  logger.setLogLevel('WARN');
  logs = captureLogs();
  runtime = await startTestRuntime({ log: logs.runtimeLog, schedules: false });
  corpus = await seedCorpus(runtime);
  root = (await (await fetch(`${runtime.baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
  operations = operationsOf(root);
  useAgent(config.concurrency * 2);
}, 120_000);

afterAll(async () => {
  closeAgent();
  logs?.restore();
  await runtime?.stop();
  if (outcomes.length > 0) {
    // One line in `npm test`; the table per route with `npm run fuzz`, FUZZ_VERBOSE=1, or when a route failed.
    const table =
      process.env.FUZZ_SUMMARY === '1' || process.env.FUZZ_VERBOSE === '1' || outcomes.some((o) => o.failure);
    process.stderr.write(
      `\nfuzz: ${config.runs} runs per route, ${outcomes.reduce((n, o) => n + o.stats.requests, 0)} requests\n${table ? summaryTable(outcomes) : ''}`,
    );
  }
});

test('the served OpenAPI document has every routed API operation, and nothing else', () => {
  expect(operations.map((o) => o.operationId).sort()).toEqual(
    apiRoutes()
      .map((r) => r.operationId)
      .sort(),
  );
});

describe.concurrent('every route answers without 5xx, with problem details, and logs no unexpected error', () => {
  for (const operationId of operationIds) {
    test(operationId, { timeout: 300_000 + config.runs * 1_000 }, async () => {
      // Prepare
      const operation = operations.find((o) => o.operationId === operationId) as Operation;
      expect(operation, `${operationId} is in the served OpenAPI document`).toBeDefined();

      // Act
      const outcome = await slot(() =>
        fuzzRoute(operation, { baseUrl: runtime.baseUrl, generator: { root, corpus }, logs, config }),
      );
      outcomes.push(outcome);

      // Assess
      if (outcome.failure) expect.fail(outcome.failure);
      if (!config.path) {
        expect(outcome.stats.requests).toBeGreaterThanOrEqual(config.runs);
        expect(outcome.stats.reachedUseCase, 'requests got past the edge checks into the use case').toBeGreaterThan(0);
      }
    });
  }
});

describe('records changed again and again stay storable', () => {
  const growth = () => ({ runtime, root, operations, logs });
  const cases = [
    {
      name: 'a licence suspended and reinstated 60 times, every reason at its longest',
      route: 'changeCertificateStatus',
      run: () => growCertificateHistory({ ...growth(), seed: config.seedFor('growth:certificate'), steps: 60 }),
    },
    {
      name: 'an application sent back for corrections 70 times, every comment at its longest',
      route: 'reviewApplication',
      run: () => growApplicationTimeline({ ...growth(), seed: config.seedFor('growth:application'), steps: 70 }),
    },
  ];
  for (const { name, route, run } of cases.filter((c) => operationIds.includes(c.route))) {
    test(`${name} (${route})`, { timeout: 300_000 }, async () => {
      const failure = await run();
      if (failure) expect.fail(failure);
    });
  }
});

describe('after the run', () => {
  test('nothing outside a request (queue workers, jobs) logged an unexpected error', () => {
    expect(logs.unattributed().map((e) => e.text.slice(0, 1_500))).toEqual([]);
  });
});
