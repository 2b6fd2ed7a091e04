/**
 * The local runtime's settable clock (`PERMIT_CLOCK=2026-02-10T09:00:00+08:00 npm start`): it starts at the chosen
 * instant, runs at real speed from there, moves forward on request and never backwards — not even across restarts.
 *
 * The data directory remembers its clock in a small JSON file ({@link ClockState}, `clock.json`):
 * - `basis`: `real` when the directory was last run on real time (its records and signing key carry real dates),
 *   `set` when it runs on a set clock, and then `anchor` ties the two: now = anchor.at + (real now − anchor.real).
 * - `reached`: never earlier than any instant the clock has handed out. A running clock keeps it a lease ahead
 *   ({@link LEASE_MS}) and renews it, with one small synchronous write, before handing out an instant past it — so
 *   even a crash cannot leave the mark behind what the data holds. A clean stop writes the exact last instant.
 *
 * Only the local runtime uses this: configuration refuses `PERMIT_CLOCK` anywhere else (`lambdas/shared/config.ts`)
 * and the CDK never sets it.
 *
 * Error codes: `CLOCK_STATE_INVALID`, `CLOCK_BACKWARDS`, `CLOCK_ADVANCE_INVALID`.
 *
 * @example
 * const clock = LocalClock.attach({ file: '.permit/clock.json', start: new Date('2026-02-10T01:00:00Z') });
 * clock.advanceBy(3 * 86_400_000);
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ConflictError, ValidationError } from '../../domain/errors';
import { shanghaiInstant } from '../../domain/instants';
import type { Clock } from '../../ports/clock';
import { systemClock } from './system-clock';

/** How far ahead of the clock the persisted mark is kept while running (one write per lease at most). */
export const LEASE_MS = 10_000;

/** Instants the clock may reach (the domain's dates stop at 9999). */
const LATEST = Date.parse('9999-12-31T15:59:59Z');

/**
 * What a data directory remembers of its clock.
 *
 * @example
 * const state: ClockState = { basis: 'real', reached: new Date() };
 */
export interface ClockState {
  readonly basis: 'real' | 'set';
  /** An upper bound of every instant the clock handed out (exact after a clean stop). */
  readonly reached: Date;
  /** For `set`: the clock showed `at` at the real instant `real`, and runs at real speed from there. */
  readonly anchor?: { readonly at: Date; readonly real: Date };
}

/**
 * Why a clock may not start on a data directory:
 * - `behind-data`: the requested start is earlier than the instant the directory's clock has reached;
 * - `past-over-real-data`: a start in the past over a directory whose data was made on real time;
 * - `real-time-behind-data`: starting on real time, but the directory's set clock has gone beyond it.
 */
export type ClockStartRefusal =
  | { readonly reason: 'behind-data'; readonly reached: Date }
  | { readonly reason: 'past-over-real-data'; readonly reached: Date }
  | { readonly reason: 'real-time-behind-data'; readonly reached: Date };

/**
 * Decide how a clock starts on a directory in `state` (undefined: a fresh directory): `start` is the requested
 * instant (`PERMIT_CLOCK`), or undefined for real time. Returns the state to write, or why it may not start.
 *
 * @example
 * planClockStart({ basis: 'real', reached: new Date() }, new Date('2026-02-10T01:00:00Z'), new Date());
 * // { ok: false, refusal: { reason: 'past-over-real-data', … } }
 */
export function planClockStart(
  state: ClockState | undefined,
  start: Date | undefined,
  realNow: Date,
): { readonly ok: true; readonly state: ClockState } | { readonly ok: false; readonly refusal: ClockStartRefusal } {
  if (!start) {
    if (state && state.reached.getTime() > realNow.getTime()) {
      return { ok: false, refusal: { reason: 'real-time-behind-data', reached: state.reached } };
    }
    return { ok: true, state: { basis: 'real', reached: realNow } };
  }
  if (state?.basis === 'real' && start.getTime() < realNow.getTime()) {
    return { ok: false, refusal: { reason: 'past-over-real-data', reached: state.reached } };
  }
  if (state && start.getTime() < state.reached.getTime()) {
    return { ok: false, refusal: { reason: 'behind-data', reached: state.reached } };
  }
  return { ok: true, state: { basis: 'set', reached: start, anchor: { at: start, real: realNow } } };
}

const invalidState = (file: string, why: string) =>
  new ValidationError('CLOCK_STATE_INVALID', `${file} is not a clock state file (${why})`);

/**
 * Read a directory's clock state; undefined when the file does not exist.
 *
 * @example
 * readClockState('.permit/clock.json')?.reached;
 */
export function readClockState(file: string): ClockState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw invalidState(file, (error as Error).message);
  }
  const record = raw as {
    version?: unknown;
    basis?: unknown;
    reached?: unknown;
    anchor?: { at?: unknown; real?: unknown };
  };
  const instant = (value: unknown, name: string): Date => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw invalidState(file, `${name} is not an instant`);
    return date;
  };
  if (record?.version !== 1) throw invalidState(file, 'unknown version');
  if (record.basis !== 'real' && record.basis !== 'set') throw invalidState(file, 'basis must be "real" or "set"');
  const reached = instant(record.reached, 'reached');
  if (record.basis === 'real') return { basis: 'real', reached };
  return {
    basis: 'set',
    reached,
    anchor: { at: instant(record.anchor?.at, 'anchor.at'), real: instant(record.anchor?.real, 'anchor.real') },
  };
}

/**
 * Replace the state file atomically (a temporary file renamed over it: a reader never sees half of one).
 *
 * @example
 * writeClockState('.permit/clock.json', { basis: 'real', reached: new Date() });
 */
export function writeClockState(file: string, state: ClockState): void {
  const body = {
    version: 1,
    basis: state.basis,
    reached: state.reached.toISOString(),
    ...(state.anchor ? { anchor: { at: state.anchor.at.toISOString(), real: state.anchor.real.toISOString() } } : {}),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(tmp, file);
}

/**
 * The settable clock of one local runtime process: the one clock every composition module hands to its use cases
 * when `PERMIT_CLOCK` is set (`lambdas/composition/clock.ts`).
 */
export class LocalClock implements Clock {
  /** The instant the runtime was started at (`PERMIT_CLOCK`). */
  readonly start: Date;
  #anchorAt: number;
  #anchorReal: number;
  #last: number;
  #lease: number;

  private constructor(
    private readonly file: string,
    state: ClockState & { readonly anchor: { readonly at: Date; readonly real: Date } },
    private readonly real: Clock,
    private readonly leaseMs: number,
  ) {
    this.start = state.anchor.at;
    this.#anchorAt = state.anchor.at.getTime();
    this.#anchorReal = state.anchor.real.getTime();
    this.#last = this.#anchorAt;
    this.#lease = state.reached.getTime();
  }

  /**
   * Run the clock the runtime started in `file` at `start` ({@link planClockStart} wrote it). Throws
   * `CLOCK_STATE_INVALID` when the file describes another start.
   *
   * @example
   * const clock = LocalClock.attach({ file: '.permit/clock.json', start: parseInstant(process.env.PERMIT_CLOCK) });
   */
  static attach(options: { file: string; start: Date; real?: Clock; leaseMs?: number }): LocalClock {
    const state = readClockState(options.file);
    if (state?.basis !== 'set' || !state.anchor || state.anchor.at.getTime() !== options.start.getTime()) {
      throw invalidState(options.file, `it does not describe a clock started at ${options.start.toISOString()}`);
    }
    return new LocalClock(
      options.file,
      { ...state, anchor: state.anchor },
      options.real ?? systemClock,
      options.leaseMs ?? LEASE_MS,
    );
  }

  now(): Date {
    const running = this.#anchorAt + (this.real.now().getTime() - this.#anchorReal);
    const at = Math.max(this.#last, running);
    if (at > this.#lease) this.#persist(at + this.leaseMs);
    this.#last = at;
    return new Date(at);
  }

  /**
   * Move the clock forward to `to` (it keeps running from there). Throws `CLOCK_BACKWARDS` (409) for an instant
   * before now.
   *
   * @example
   * clock.advanceTo(new Date('2026-03-01T01:00:00Z'));
   */
  advanceTo(to: Date): Date {
    const target = to.getTime();
    const current = this.now();
    if (Number.isNaN(target) || target > LATEST) {
      throw new ValidationError('CLOCK_ADVANCE_INVALID', 'the clock cannot go beyond the year 9999');
    }
    if (target < current.getTime()) {
      throw new ConflictError(
        'CLOCK_BACKWARDS',
        `the clock is at ${shanghaiInstant(current)} and never moves backwards; ${shanghaiInstant(to)} is earlier`,
        { now: current.toISOString() },
      );
    }
    this.#anchorAt = target;
    this.#anchorReal = this.real.now().getTime();
    this.#last = target;
    this.#persist(target + this.leaseMs);
    return new Date(target);
  }

  /**
   * Move the clock forward by a positive number of milliseconds. Throws `CLOCK_ADVANCE_INVALID` (400) otherwise.
   *
   * @example
   * clock.advanceBy(3 * 86_400_000); // three days later
   */
  advanceBy(ms: number): Date {
    if (!Number.isSafeInteger(ms) || ms <= 0) {
      throw new ValidationError('CLOCK_ADVANCE_INVALID', 'the clock moves forward by a positive duration only');
    }
    return this.advanceTo(new Date(this.now().getTime() + ms));
  }

  /**
   * Record the exact instant reached (a clean stop): a later start may begin right there.
   *
   * @example
   * clock.close();
   */
  close(): void {
    this.#persist(this.#last);
  }

  #persist(reached: number): void {
    writeClockState(this.file, {
      basis: 'set',
      reached: new Date(reached),
      anchor: { at: new Date(this.#anchorAt), real: new Date(this.#anchorReal) },
    });
    this.#lease = reached;
  }
}

/**
 * The clock of another process on the same data directory (the `npm run keys` CLI): the running set clock computed
 * from the file's anchor — and recorded as reached, so a restart cannot begin before what it dated — or the system
 * clock when the directory runs on real time.
 *
 * @example
 * const store = await LocalKeyStore.open({ dir: '.permit/keys', clock: followClock('.permit/clock.json') });
 */
export function followClock(file: string, real: Clock = systemClock): Clock {
  return {
    now: () => {
      const state = readClockState(file);
      if (state?.basis !== 'set' || !state.anchor) return real.now();
      const at = state.anchor.at.getTime() + (real.now().getTime() - state.anchor.real.getTime());
      if (at > state.reached.getTime()) writeClockState(file, { ...state, reached: new Date(at) });
      return new Date(Math.max(at, state.anchor.at.getTime()));
    },
  };
}
