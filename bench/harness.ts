/**
 * Shared pieces for benchmark modules. A module is a file in `bench/` whose default export is a {@link BenchModule};
 * `bench/index.ts` finds and runs it (`npm run bench`, or `npm run bench -- <name>` for one).
 *
 * @example
 * // bench/my-thing.ts
 * export default {
 *   name: 'my-thing',
 *   description: 'what it measures',
 *   async run() {
 *     const ms = await sample(200, () => doIt());
 *     return [{ metric: 'median', value: median(ms), unit: 'ms', target: '≤ 5', pass: median(ms) <= 5 }];
 *   },
 * } satisfies BenchModule;
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root (autocannon and child runtimes run from it). */
export const REPO = new URL('..', import.meta.url).pathname;

export interface BenchRow {
  readonly metric: string;
  readonly value: number | string;
  readonly unit?: string;
  /** The target as text, e.g. `≤ 15 ms`. */
  readonly target?: string;
  /** Whether the target is met (omit for informational rows). */
  readonly pass?: boolean;
}

export interface BenchModule {
  /** Name used to select the module: `npm run bench -- <name>`. */
  readonly name: string;
  readonly description: string;
  run(): Promise<readonly BenchRow[]>;
}

/** Median of a list of numbers. @example median([3, 1, 2]) // 2 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. @example percentile(latencies, 99) */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Run `fn` `n` times in sequence and return each duration in milliseconds.
 *
 * @example
 * const ms = await sample(100, () => render(doc));
 */
export async function sample(n: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

/** Round for display. @example round(3.14159, 2) // 3.14 */
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Run `fn` over `items`, at most `concurrency` at a time.
 *
 * @example
 * await inParallel(ids, 32, async (id) => write(id));
 */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** What {@link cannon} reports of one autocannon run (its own field names). */
export interface CannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number; readonly max: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/**
 * autocannon in a child process (the gateway keeps this process's event loop to itself): GETs of `paths` in turn on
 * `url`, `connections` at once for `seconds`, with an `accept` header.
 *
 * @example
 * const run = await cannon(runtime.baseUrl, paths, 30, 50, 'application/json');
 * console.log(run.requests.average, run.latency.p99);
 */
export function cannon(
  url: string,
  paths: readonly string[],
  seconds: number,
  connections: number,
  accept: string,
): Promise<CannonResult> {
  const dir = mkdtempSync(join(tmpdir(), 'permit-bench-cannon-'));
  const input = join(dir, 'input.json');
  writeFileSync(input, JSON.stringify({ url, paths, seconds, connections, accept }));
  const script = `
    import autocannon from 'autocannon';
    import { readFileSync } from 'node:fs';
    const { url, paths, seconds, connections, accept } = JSON.parse(readFileSync(process.argv[1], 'utf8'));
    let i = 0;
    const r = await autocannon({ url, connections, duration: seconds, headers: { accept },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] });
    console.log(JSON.stringify({ requests: r.requests, latency: r.latency, non2xx: r.non2xx, errors: r.errors,
      timeouts: r.timeouts }));`;
  return new Promise<CannonResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, input], { cwd: REPO });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`autocannon failed (${code}): ${err}`));
      else resolve(JSON.parse(line) as CannonResult);
    });
  });
}

/**
 * Where time goes inside concurrent calls: `wrap` an object's methods under stage names; each top-level call's wall
 * time is added to its stage (a call made inside another timed call — the signer inside the sealer — counts for the
 * outer one only, per async context, so concurrent calls do not mix).
 *
 * @example
 * const stages = new StageTimer();
 * const repo = stages.wrap(repository, { commitIssuance: 'commit' });
 * … stages.totals(); // Map { 'commit' => 1234.5 }
 */
export class StageTimer {
  readonly #inside = new AsyncLocalStorage<string>();
  readonly #totals = new Map<string, number>();

  wrap<T extends object>(target: T, stages: Partial<Record<keyof T & string, string>>): T {
    return new Proxy(target, {
      get: (object, key, receiver) => {
        const value = Reflect.get(object, key, receiver);
        const stage = typeof key === 'string' ? stages[key as keyof T & string] : undefined;
        if (typeof value !== 'function' || stage === undefined) return value;
        return (...args: unknown[]) => this.time(stage, () => value.apply(object, args));
      },
    });
  }

  /** Run `fn` as a top-level call of `stage` (or within the current one). */
  async time<R>(stage: string, fn: () => R | Promise<R>): Promise<R> {
    if (this.#inside.getStore() !== undefined) return fn();
    const started = performance.now();
    try {
      return await this.#inside.run(stage, fn);
    } finally {
      this.#totals.set(stage, (this.#totals.get(stage) ?? 0) + performance.now() - started);
    }
  }

  totals(): ReadonlyMap<string, number> {
    return this.#totals;
  }

  reset(): void {
    this.#totals.clear();
  }
}

/** Calls and items (keys of a batch read, items of a transaction or batch write, entries of a batch send) per command. */
export interface CommandCount {
  calls: number;
  items: number;
}

/** Anything with an AWS SDK middleware stack (a client, or a document client sharing its client's stack). */
interface WithMiddleware {
  readonly middlewareStack: { add(...args: never[]): void };
}

/** The shape of an `initialize` middleware, as this counter uses it. */
type AddInitialize = (
  middleware: (
    next: (args: { input: unknown }) => Promise<unknown>,
    context: { commandName?: string; clientName?: string },
  ) => (args: { input: unknown }) => Promise<unknown>,
  options: { step: 'initialize'; name: string },
) => void;

/** The items one command carries, for the price of its units (a batch read's keys, a transaction's items). */
function itemsOf(input: unknown): number {
  const i = (input ?? {}) as Record<string, unknown>;
  if (Array.isArray(i.TransactItems)) return i.TransactItems.length;
  if (Array.isArray(i.Entries)) return i.Entries.length;
  if (i.RequestItems && typeof i.RequestItems === 'object') {
    return Object.values(i.RequestItems as Record<string, unknown>).reduce<number>((n, r) => {
      if (Array.isArray(r)) return n + r.length; // BatchWriteItem: a list of requests per table
      const keys = (r as { Keys?: unknown[] }).Keys;
      return n + (Array.isArray(keys) ? keys.length : 0);
    }, 0);
  }
  return 1;
}

/**
 * Count the AWS SDK commands sent through real clients (a middleware on each client's stack, so every call through
 * it counts — the emulators answer them as AWS would): `Service:Command` → calls and items. `reset()` starts again.
 *
 * @example
 * const sdk = new SdkCommandCounter([dynamoClient(), s3Client(), sqsClient()]);
 * await issueOne();
 * sdk.counts(); // Map { 'DynamoDB:TransactWriteItems' => { calls: 1, items: 7 }, … }
 */
export class SdkCommandCounter {
  readonly #counts = new Map<string, CommandCount>();

  constructor(clients: readonly WithMiddleware[]) {
    for (const client of clients) {
      const add = client.middlewareStack.add.bind(client.middlewareStack) as unknown as AddInitialize;
      add(
        (next, context) => async (args) => {
          const service = (context.clientName ?? 'Client').replace(/(Document)?Client$/, '');
          const name = `${service}:${(context.commandName ?? 'Command').replace(/Command$/, '')}`;
          const count = this.#counts.get(name) ?? { calls: 0, items: 0 };
          count.calls++;
          count.items += itemsOf(args.input);
          this.#counts.set(name, count);
          return next(args);
        },
        { step: 'initialize', name: 'benchCommandCounter' },
      );
    }
  }

  counts(): ReadonlyMap<string, CommandCount> {
    return this.#counts;
  }

  /** Each command's calls and items divided by `per` (e.g. per issuance), as bench rows. */
  rows(prefix: string, per: number): BenchRow[] {
    return [...this.#counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, c]) => ({
        metric: `${prefix} ${name}`,
        value: round(c.calls / per, 3),
        unit: `calls (${round(c.items / per, 3)} items)`,
      }));
  }

  reset(): void {
    this.#counts.clear();
  }
}
