/**
 * The local runtime's clock at start-up: decide, before anything touches the data directory, whether the requested
 * clock (`PERMIT_CLOCK`, or real time when unset) may start on it, and record the decision in `<dataDir>/clock.json`
 * (`lambdas/adapters/clock/local-clock.ts` describes the file). The rules:
 * - the clock never moves backwards: a start earlier than the instant the directory's clock has reached is refused;
 * - a past clock starts on an empty data directory, so its signing key is valid from the clock's start: over data made
 *   on real time it is refused;
 * - a directory whose set clock went beyond real time does not start on real time.
 * A directory made before the clock existed that already holds data counts as made on real time.
 *
 * @example
 * const { file, start } = prepareLocalClock({ dataDir: '.permit', start: new Date('2026-02-10T01:00:00Z') });
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClockStartRefusal,
  planClockStart,
  readClockState,
  writeClockState,
} from '../../lambdas/composition/tools';
import { isPermitError } from '../../lambdas/domain/errors';
import { shanghaiInstant } from '../../lambdas/domain/instants';
import { LocalRuntimeError } from './errors';

/** The clock's state file under the data directory. */
export const CLOCK_FILE = 'clock.json';

/** Data directories whose content is dated by the clock (the token issuer's key, `idp/`, is not: tokens use real time). */
const DATED_DATA = ['dynamodb', 's3', 'keys'];

const hasEntries = (dir: string): boolean => {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
};

export interface PreparedClock {
  /** `<dataDir>/clock.json` */
  readonly file: string;
  /** The set clock's start, or undefined for real time. */
  readonly start?: Date;
}

/**
 * Check the requested clock against the data directory and record it; throws `CLOCK_REFUSED` with a message that
 * says what to do.
 *
 * @example
 * prepareLocalClock({ dataDir: '.permit' }); // real time: { file: '.permit/clock.json' }
 */
export function prepareLocalClock(options: {
  readonly dataDir: string;
  readonly start?: Date;
  readonly realNow?: Date;
}): PreparedClock {
  const file = join(options.dataDir, CLOCK_FILE);
  const realNow = options.realNow ?? new Date();
  let state: ReturnType<typeof readClockState>;
  try {
    state = readClockState(file);
  } catch (error) {
    throw new LocalRuntimeError(
      'CLOCK_REFUSED',
      `${isPermitError(error) ? error.message : String(error)}; PERMIT_DATA_DIR (${options.dataDir}) needs a valid one — ` +
        'restore it, or start from an empty data directory',
      { cause: error },
    );
  }
  if (!state && DATED_DATA.some((d) => hasEntries(join(options.dataDir, d)))) {
    // Data from before the clock file existed was made on real time, up to now at the latest.
    state = { basis: 'real', reached: realNow };
  }
  const plan = planClockStart(state, options.start, realNow);
  if (!plan.ok) throw refused(plan.refusal, options.dataDir, options.start);
  writeClockState(file, plan.state);
  return { file, ...(options.start ? { start: options.start } : {}) };
}

/**
 * Record the instant a directory run on real time has reached (a clean stop), so a later clock cannot begin earlier.
 *
 * @example
 * recordRealTimeReached('.permit/clock.json');
 */
export function recordRealTimeReached(file: string, at: Date = new Date()): void {
  const state = readClockState(file);
  if (state?.basis === 'real' && state.reached.getTime() < at.getTime())
    writeClockState(file, { ...state, reached: at });
}

function refused(refusal: ClockStartRefusal, dataDir: string, start: Date | undefined): LocalRuntimeError {
  // Rounded up to the second, so the instant suggested is never before the one reached.
  const reached = shanghaiInstant(new Date(Math.ceil(refusal.reached.getTime() / 1000) * 1000));
  const requested = start ? `PERMIT_CLOCK=${shanghaiInstant(start)}` : '';
  const message = {
    'past-over-real-data':
      `${requested} is in the past, but PERMIT_DATA_DIR (${dataDir}) already holds data made on real time ` +
      `(up to ${reached}), and its signing key is valid only from then on. A demo with a past clock starts from an ` +
      `empty data directory, e.g. PERMIT_DATA_DIR=.permit-demo ${requested} npm start`,
    'behind-data':
      `${requested} is earlier than ${reached}, which the clock of PERMIT_DATA_DIR (${dataDir}) has already reached; ` +
      `the clock never moves backwards. Start at that instant or later (PERMIT_CLOCK=${reached}), or from an empty ` +
      'data directory',
    'real-time-behind-data':
      `the clock of PERMIT_DATA_DIR (${dataDir}) has reached ${reached}, later than the real time now, and it never ` +
      `moves backwards. Start with PERMIT_CLOCK=${reached} (or later), or use another PERMIT_DATA_DIR`,
  }[refusal.reason];
  return new LocalRuntimeError('CLOCK_REFUSED', message);
}
