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
