/**
 * The process's one clock, which every composition module hands to its use cases, jobs and verification: the system
 * clock — except in the local runtime started with `PERMIT_CLOCK`, where it is the settable {@link LocalClock}
 * (configuration refuses `PERMIT_CLOCK` anywhere else). Kept apart from `composition.ts` so the verify bundle can
 * take it without the storage wiring.
 *
 * Token checks are not the clock's business: the gateway (API Gateway, or the local one) checks tokens on real time.
 *
 * @example
 * const deps = { repository, clock };
 * localClock()?.advanceBy(86_400_000); // the local runtime's clock route
 */
import { LocalClock } from './adapters/clock/local-clock';
import { systemClock } from './adapters/clock/system-clock';
import type { Clock } from './ports/clock';
import { config } from './shared/config';

let settable: { readonly clock: LocalClock | undefined } | undefined;

/**
 * The local runtime's settable clock, when `PERMIT_CLOCK` set one for this process (created on first use).
 *
 * @example
 * const local = localClock(); // undefined: the system clock
 */
export function localClock(): LocalClock | undefined {
  if (!settable) {
    const setting = config().localClock;
    settable = { clock: setting ? LocalClock.attach(setting) : undefined };
  }
  return settable.clock;
}

/** The clock of this process (delegates, so it is safe to take at module load, before configuration is read). */
export const clock: Clock = { now: () => (localClock() ?? systemClock).now() };
