/**
 * What a process may put in place of the real parts of its composition: fixed before the first part is built, and
 * refused afterwards (a built part would keep the old one). The local runtime passes them (`startLocalRuntime({
 * overrides })`) for tests that need a manual clock, failing queues or another carrier; a Lambda never sets any.
 *
 * @example
 * overrideComposition({ clock: new ManualClock(), publisher: switchablePublisher() });
 */
import type { Carrier } from '../ports/carrier';
import type { Clock } from '../ports/clock';
import type { InvocationMetrics } from '../ports/metrics';
import type { OutboxPublisher } from '../ports/outbox-publisher';

export interface CompositionOverrides {
  /** Every use case's clock (in place of the system clock or the local runtime's settable one). */
  readonly clock?: Clock;
  /** What publishes outbox messages to their queues (after a commit, and the relay). */
  readonly publisher?: OutboxPublisher;
  /** The courier's API. */
  readonly carrier?: Carrier;
  /** Where every function of the process records its metrics (in place of the `PERMIT_METRICS` adapter). */
  readonly metrics?: InvocationMetrics;
}

let current: CompositionOverrides = Object.freeze({});
let read = false;

/**
 * Set the overrides of this process. Refused once a part was built with others (the same overrides again are fine:
 * a runtime restarted in the same process).
 *
 * @example
 * overrideComposition({ clock });
 */
export function overrideComposition(overrides: CompositionOverrides): void {
  const same = (Object.keys({ ...current, ...overrides }) as (keyof CompositionOverrides)[]).every(
    (key) => current[key] === overrides[key],
  );
  if (same) return;
  if (read) throw new Error('composition overrides are fixed once a part is built: set them before the first');
  current = Object.freeze({ ...overrides });
}

/**
 * The overrides in force (reading them fixes them).
 *
 * @example
 * const clock = compositionOverrides().clock ?? systemClock;
 */
export function compositionOverrides(): CompositionOverrides {
  read = true;
  return current;
}
