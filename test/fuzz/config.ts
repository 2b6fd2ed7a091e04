/**
 * Settings of a fuzz run, from the environment (`npm run fuzz` sets them from its flags):
 *
 * - `FUZZ_RUNS` — runs (requests) per route, default 200;
 * - `FUZZ_SEED` — one seed for every route instead of each route's own (derived from its operationId);
 * - `FUZZ_ROUTE` — only these operationIds (comma-separated);
 * - `FUZZ_PATH` — replay fast-check's counterexample path (with one route and its seed);
 * - `FUZZ_CONCURRENCY` — routes fuzzed at once, default 4 (at most 5, vitest's concurrency limit).
 *
 * @example
 * const config = fuzzConfig(process.env);
 * config.seedFor('getCertificate'); // the same number on every run
 */
export interface FuzzConfig {
  readonly runs: number;
  readonly seed: number | undefined;
  readonly routes: readonly string[] | undefined;
  readonly path: string | undefined;
  readonly concurrency: number;
  seedFor(operationId: string): number;
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_CONCURRENCY = 4;
/** vitest's default `maxConcurrency`: concurrent tests beyond it wait anyway. */
const MAX_CONCURRENCY = 5;

/**
 * A route's own seed: FNV-1a of its operationId, as a signed 32-bit integer (fast-check's seed range).
 *
 * @example
 * routeSeed('getHealth'); // always the same
 */
export function routeSeed(operationId: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(operationId, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const positiveInteger = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
};

/**
 * Read the settings; a malformed value fails at once, naming its variable.
 *
 * @example
 * fuzzConfig({ FUZZ_RUNS: '1000', FUZZ_ROUTE: 'getCertificate' }).runs; // 1000
 */
export function fuzzConfig(env: Readonly<Record<string, string | undefined>>): FuzzConfig {
  const seedText = env.FUZZ_SEED?.trim();
  const seed = seedText ? Number(seedText) : undefined;
  if (seed !== undefined && (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 31)) {
    throw new Error(`FUZZ_SEED must be a 32-bit integer, got "${seedText}"`);
  }
  const routes = env.FUZZ_ROUTE?.split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const path = env.FUZZ_PATH?.trim() || undefined;
  if (path !== undefined && routes?.length !== 1) throw new Error('FUZZ_PATH replays one route: set FUZZ_ROUTE too');
  return {
    runs: positiveInteger('FUZZ_RUNS', env.FUZZ_RUNS, DEFAULT_RUNS),
    seed,
    routes: routes && routes.length > 0 ? routes : undefined,
    path,
    concurrency: Math.min(
      MAX_CONCURRENCY,
      positiveInteger('FUZZ_CONCURRENCY', env.FUZZ_CONCURRENCY, DEFAULT_CONCURRENCY),
    ),
    seedFor: (operationId) => seed ?? routeSeed(operationId),
  };
}
