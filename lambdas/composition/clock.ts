/**
 * The process's one clock, which every composition module hands to its use cases, jobs and verification: an
 * override (tests through the local runtime), else the local runtime's settable {@link LocalClock} when
 * `PERMIT_CLOCK` set one (configuration refuses it anywhere else), else the system clock. Token checks are not the
 * clock's business: the gateway (API Gateway, or the local one) checks tokens on real time.
 *
 * @example
 * const deps = { repository, clock };
 * localClock()?.advanceBy(86_400_000); // the local runtime's clock route
 */
import { LocalClock } from '../adapters/clock/local-clock';
import { systemClock } from '../adapters/clock/system-clock';
import type { Clock } from '../ports/clock';
import { config } from '../shared/config';
import { once } from './once';
import { compositionOverrides } from './overrides';

/**
 * The local runtime's settable clock, when `PERMIT_CLOCK` set one for this process (created on first use).
 *
 * @example
 * const local = localClock(); // undefined: the system clock
 */
export const localClock = once((): LocalClock | undefined => {
  const setting = config().localClock;
  return setting ? LocalClock.attach(setting) : undefined;
});

const processClock = once((): Clock => compositionOverrides().clock ?? localClock() ?? systemClock);

/** The clock of this process (delegates, so it is safe to take at module load, before configuration is read). */
export const clock: Clock = { now: () => processClock().now() };
