/**
 * `npm run fuzz` — the route fuzzer of `npm test` (test/fuzz/routes.fuzz.test.ts) with more runs, fewer routes or
 * another seed. It starts its own local runtime on the shared test emulators, like any integration test.
 *
 *   npm run fuzz -- --runs 2000                                  every route, 2,000 requests each
 *   npm run fuzz -- --runs 500 --route getCertificate,fileApplication
 *   npm run fuzz -- --route listCertificates --seed -188608499 --path '1:1:0'   replay a reported failure
 *
 * Flags become the FUZZ_* variables the test file reads (test/fuzz/config.ts); the exit code is vitest's.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npm run fuzz -- [--runs N] [--route operationId[,operationId…]] [--seed S] [--path P] [--concurrency C]';

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      route: { type: 'string', multiple: true },
      seed: { type: 'string' },
      path: { type: 'string' },
      concurrency: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env: Record<string, string | undefined> = { ...process.env };
  if (values.runs !== undefined) env.FUZZ_RUNS = values.runs;
  if (values.route !== undefined) env.FUZZ_ROUTE = values.route.join(',');
  if (values.seed !== undefined) env.FUZZ_SEED = values.seed;
  if (values.path !== undefined) env.FUZZ_PATH = values.path;
  if (values.concurrency !== undefined) env.FUZZ_CONCURRENCY = values.concurrency;
  if (values.verbose) env.FUZZ_VERBOSE = '1';
  env.FUZZ_SUMMARY = '1'; // the per-route table (`npm test` prints one line)
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', 'test/fuzz/routes.fuzz.test.ts'], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exitCode = 2;
}
