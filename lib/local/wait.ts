/**
 * Readiness polling: try a probe until it succeeds or a deadline passes. Start-up waits on facts (a port answers),
 * never on fixed sleeps, so a fast machine is not slowed and a slow one does not flake.
 *
 * @example
 * await pollUntil(() => fetch(url).then((r) => r.ok), { timeoutMs: 15_000, description: 'DynamoDB Local' });
 */
import { setTimeout as delay } from 'node:timers/promises';
import { LocalRuntimeError } from './errors';

export interface PollOptions {
  readonly timeoutMs: number;
  /** First retry delay; doubles up to `maxIntervalMs`. */
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
  /** Named in the timeout error. */
  readonly description: string;
  /** Stop early (e.g. the child process exited): return an error to throw instead of waiting out the deadline. */
  readonly abort?: () => Error | undefined;
}

export async function pollUntil(probe: () => Promise<boolean>, options: PollOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.intervalMs ?? 25;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new LocalRuntimeError(
        'EMULATOR_NOT_READY',
        `${options.description} did not become ready within ${options.timeoutMs} ms`,
        { cause: lastError },
      );
    }
    await delay(interval);
    interval = Math.min(interval * 2, options.maxIntervalMs ?? 200);
  }
}
