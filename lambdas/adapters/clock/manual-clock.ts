/**
 * A clock tests (and tools) move by hand.
 */

import type { Clock } from '../../ports/clock';

/**
 * A clock tests can move.
 *
 * @example
 * const clock = new ManualClock('2026-09-28T09:00:00+08:00');
 * clock.advance({ seconds: 6 });
 */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: string | Date = '2026-01-05T09:00:00+08:00') {
    this.#now = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(to: string | Date): void {
    this.#now = new Date(to).getTime();
  }
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number }): void {
    this.#now +=
      (by.days ?? 0) * 86_400_000 +
      (by.hours ?? 0) * 3_600_000 +
      (by.minutes ?? 0) * 60_000 +
      (by.seconds ?? 0) * 1000 +
      (by.ms ?? 0);
  }
}
